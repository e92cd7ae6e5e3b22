import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BaselineIndex } from '../../bench/contenders/baseline.js';
import { tesseraChanges } from '../../bench/contenders/tessera.js';
import { generateChecks, generateWorkload } from '../../bench/workload.js';
import { AccessEngine, type BulkModel, type Change, type User } from '../../src/core/index.js';

const SIZES = {
  projects: 20,
  users: 300,
  groups: 40,
  permissions: 60,
  roles: 5,
  orgMappings: 6,
  projectMappings: 120,
};

/** The bench workload's changes, split as `load` takes them (users and memberships as arrays). */
function bulkOf(changes: readonly Change[]): BulkModel {
  const before: Change[] = [];
  const after: Change[] = [];
  const users: User[] = [];
  const memberships = { groups: [] as string[], users: [] as string[] };
  for (const change of changes) {
    if (change.op === 'user.put') users.push(change.user);
    else if (change.op === 'member.add') {
      memberships.groups.push(change.membership.group);
      memberships.users.push(change.membership.user);
    } else if (change.op === 'role.put' || change.op === 'mapping.add') after.push(change);
    else before.push(change);
  }
  return { before, users, memberships, after };
}

describe('AccessEngine.load (bulk)', () => {
  const workload = generateWorkload(11, SIZES);
  const changes = tesseraChanges(workload);
  const applied = new AccessEngine();
  applied.apply(changes, 7);
  const loaded = new AccessEngine();
  loaded.load(bulkOf(changes), 7);

  it('gives every decision and explanation the engine that applied the same changes gives', () => {
    const checks = generateChecks(workload, new BaselineIndex(workload), 3_000);
    let allowed = 0;
    for (const c of checks) {
      const request = { user: c.user, permission: c.permission, resource: { type: 'project', id: c.project } };
      const expected = applied.check(request).allowed;
      assert.equal(loaded.check(request).allowed, expected, `${c.user} ${c.permission} ${c.project}`);
      if (expected) allowed++;
    }
    assert.ok(allowed > 300 && allowed < 2_700, `both answers occur (${allowed} allowed)`);
    for (const c of checks.slice(0, 200)) {
      const request = { user: c.user, permission: c.permission, resource: { type: 'project', id: c.project } };
      assert.deepEqual(loaded.explain(request), applied.explain(request));
    }
  });

  it('holds the same records, memberships and revision', () => {
    assert.equal(loaded.revision, 7);
    assert.deepEqual(loaded.users(), applied.users());
    assert.deepEqual(loaded.groups(), applied.groups());
    for (const id of workload.groupIds) assert.deepEqual(loaded.members(id), applied.members(id));
    for (const id of workload.userIds.slice(0, 50)) assert.deepEqual(loaded.groupsOf(id), applied.groupsOf(id));
    assert.deepEqual(loaded.mappings(), applied.mappings());
  });

  it('takes later batches as the applied engine does', () => {
    const next: Change[] = [
      { op: 'member.remove', membership: { group: workload.groupIds[workload.userGroups[0]![0]!]!, user: 'u0' } },
      { op: 'user.delete', id: 'u1' },
    ];
    const a = new AccessEngine();
    a.apply(changes, 1);
    const b = new AccessEngine();
    b.load(bulkOf(changes), 1);
    assert.deepEqual(b.applyWithEffects(next), a.applyWithEffects(next));
    assert.deepEqual(b.users(), a.users());
    assert.deepEqual(b.groupsOf('u0'), a.groupsOf('u0'));
  });

  it('refuses a membership of a user who does not exist, and an engine that applied changes', () => {
    const bulk = bulkOf(changes);
    const broken: BulkModel = {
      ...bulk,
      memberships: { groups: [...bulk.memberships.groups, 'g0'], users: [...bulk.memberships.users, 'nobody'] },
    };
    assert.throws(() => new AccessEngine().load(broken), { code: 'NOT_FOUND' });
    const twice: BulkModel = { ...bulk, users: [...bulk.users, bulk.users[0]!] };
    assert.throws(() => new AccessEngine().load(twice), { code: 'DUPLICATE' });
    assert.throws(() => applied.load(bulk), { code: 'INVALID' });
  });
});
