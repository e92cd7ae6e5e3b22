// The durability test's workload, shared by its writer child and its checks (not a test file).
import assert from 'node:assert/strict';
import { type AccessEngine, type Change, roleRecord } from '../../src/core/index.js';

const ORG = 'o-durable';
const PROJECT = 'p-durable';
const ROLE = 'r-reader';
const PERMISSION = 'doc:read';

function user(id: string, username: string, email: string | null = null): Change {
  return { op: 'user.put', user: { id, username, store: 'PRIMARY', email, status: 'active' } };
}

/**
 * Batch `n` (written as revision n + 1 by a single writer). Every batch writes its marker user
 * `batch-n` with its other records; batch 0 sets up the permissions, role, organization and project.
 * Batch n ≥ 1 also updates batch n − 1's marker, and n ≥ 3 removes batch n − 2's user mapping, so a batch
 * touches earlier records too.
 */
export function batchChanges(n: number): Change[] {
  if (n === 0) {
    return [
      {
        op: 'permission.put',
        permission: {
          key: 'doc',
          description: null,
          levels: ['organization', 'project', 'resource'],
          visibilityGated: false,
        },
      },
      {
        op: 'permission.put',
        permission: {
          key: PERMISSION,
          description: null,
          levels: ['organization', 'project', 'resource'],
          visibilityGated: false,
        },
      },
      { op: 'role.put', role: roleRecord({ id: ROLE, name: 'Reader', permissions: [PERMISSION] }) },
      {
        op: 'organization.put',
        organization: { id: ORG, name: 'durable', parent: null, requireTwoFactor: false, adminRole: null },
      },
      { op: 'project.put', project: { id: PROJECT, name: 'docs', organization: ORG } },
      user('m-0', 'batch-0'),
    ];
  }
  const changes: Change[] = [
    user(`m-${n}`, `batch-${n}`),
    user(`u-${n}`, `user-${n}`),
    {
      op: 'group.put',
      group: { id: `g-${n}`, organization: ORG, name: `group-${n}`, store: 'PRIMARY', description: null },
    },
    { op: 'member.add', membership: { group: `g-${n}`, user: `u-${n}` } },
    {
      op: 'mapping.add',
      mapping: {
        id: `mg-${n}`,
        role: ROLE,
        subject: { kind: 'group', id: `g-${n}` },
        target: { level: 'project', id: PROJECT },
      },
    },
    {
      op: 'mapping.add',
      mapping: {
        id: `mu-${n}`,
        role: ROLE,
        subject: { kind: 'user', id: `u-${n}` },
        target: { level: 'organization', id: ORG },
      },
    },
    user(`m-${n - 1}`, `batch-${n - 1}`, `seen-by-${n}@durable.test`),
  ];
  if (n >= 3) changes.push({ op: 'mapping.remove', id: `mu-${n - 2}` });
  return changes;
}

/** How many batches the state holds (they are written in order): the first missing marker. */
export function batchesPresent(engine: AccessEngine): number {
  let n = 0;
  while (engine.user(`m-${n}`) !== undefined) n++;
  return n;
}

/**
 * Checks that batches 0 … present − 1 are whole, with the effects of the later ones, and that no
 * record or decision of any later batch is there: all of a batch or none of it.
 */
export function checkBatches(engine: AccessEngine): number {
  const present = batchesPresent(engine);
  const markers = engine.users().filter((u) => u.username.startsWith('batch-')).length;
  assert.equal(markers, present, `markers beyond the first missing one (${present})`);
  if (present === 0) {
    assert.equal(
      engine.users().length + engine.organizations().length + engine.mappings().length,
      0,
      'records without their batch',
    );
    return 0;
  }
  assert.equal(engine.organizations().length, 1);
  assert.equal(engine.projects().length, 1);
  assert.ok(engine.role(ROLE) && engine.permission(PERMISSION));
  for (let n = 0; n < present; n++) {
    const marker = engine.user(`m-${n}`)!;
    assert.equal(marker.email, n + 1 < present ? `seen-by-${n + 1}@durable.test` : null, `batch ${n}: marker email`);
    if (n === 0) continue;
    const where = `batch ${n} of ${present}`;
    assert.equal(engine.user(`u-${n}`)?.username, `user-${n}`, where);
    assert.equal(engine.group(`g-${n}`)?.name, `group-${n}`, where);
    assert.deepEqual(engine.members(`g-${n}`), [`u-${n}`], where);
    assert.ok(engine.mapping(`mg-${n}`), `${where}: group mapping`);
    const userMapping = n + 2 >= present;
    assert.equal(engine.mapping(`mu-${n}`) !== undefined, userMapping, `${where}: user mapping`);
    assert.equal(engine.allowed(`u-${n}`, PERMISSION, 'project', PROJECT), true, `${where}: decision at the project`);
    assert.equal(
      engine.allowed(`u-${n}`, PERMISSION, 'organization', ORG),
      userMapping,
      `${where}: decision at the organization`,
    );
  }
  const n = present;
  const where = `absent batch ${n}`;
  assert.equal(engine.user(`u-${n}`), undefined, where);
  assert.equal(engine.group(`g-${n}`), undefined, where);
  assert.equal(engine.mapping(`mg-${n}`), undefined, where);
  assert.equal(engine.mapping(`mu-${n}`), undefined, where);
  assert.equal(engine.allowed(`u-${n}`, PERMISSION, 'project', PROJECT), false, where);
  assert.equal(
    engine.users().length,
    2 * present - 1,
    'users: one marker per batch and one user per batch after the first',
  );
  assert.equal(engine.mappings().length, 2 * (present - 1) - Math.max(0, present - 3), 'mappings');
  return present;
}
