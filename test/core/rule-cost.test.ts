import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Change } from '../../src/core/changes.js';
import type { AccessEngine } from '../../src/core/engine.js';
import { type GateActor, judge } from '../../src/core/gate.js';
import { canAddMember, canManageUser, heldRoles } from '../../src/core/rules.js';
import { engineWith } from '../helpers.js';

/**
 * The administration rules read the policy by index: what a write's judgement visits depends on
 * what the write touches, not on how many groups, users and mappings the policy holds. Proved
 * without timing: the accessors that return the whole policy fail when called, and the mappings
 * the rules read through the indexed accessors are counted.
 */

const WORLD = `
preset: tessera
permissions:
  - { key: api }
  - { key: api:publish }
organizations:
  - name: acme
    projects: [{ name: engineering }]
users:
  - { username: root }
  - { username: bob }
roles:
  - { name: Admin, permissions: ["*"], predefined: true }
  - { name: Publisher, permissions: [api:publish] }
  - { name: Viewer, permissions: [api] }
groups:
  - { organization: acme, name: Admins, members: [root] }
  - { organization: acme, name: Target }
mappings:
  - { role: Admin, group: Admins, organization: acme }
  - { role: Publisher, group: Target, project: acme/engineering }
  - { role: Viewer, group: Target, organization: acme }
settings: { adminRole: Admin }
`;

/** The world, grown by `extra` groups, each with two mappings and two members of their own. */
function policyOf(extra: number): { engine: AccessEngine; actor: GateActor; target: string; bob: string } {
  const engine = engineWith(WORLD);
  const acme = engine.organizations()[0]!.id;
  const project = engine.projects()[0]!.id;
  const publisher = engine.findRole('Publisher')!.id;
  const viewer = engine.findRole('Viewer')!.id;
  const changes: Change[] = [];
  for (let i = 0; i < extra; i++) {
    const group = `g-${i}`;
    changes.push({
      op: 'group.put',
      group: { id: group, organization: acme, name: `G${i}`, store: 'PRIMARY', description: null },
    });
    changes.push({
      op: 'mapping.add',
      mapping: {
        id: `m-${i}-p`,
        role: publisher,
        subject: { kind: 'group', id: group },
        target: { level: 'project', id: project },
      },
    });
    changes.push({
      op: 'mapping.add',
      mapping: {
        id: `m-${i}-o`,
        role: viewer,
        subject: { kind: 'group', id: group },
        target: { level: 'organization', id: acme },
      },
    });
    for (const n of [0, 1]) {
      const user = `u-${i}-${n}`;
      changes.push({
        op: 'user.put',
        user: { id: user, username: user, store: 'PRIMARY', email: null, status: 'active' },
      });
      changes.push({ op: 'member.add', membership: { group, user } });
    }
  }
  engine.apply(changes);
  const root = engine.user('root')!.id;
  return {
    engine,
    actor: { kind: 'user', id: root, rootScope: [acme] },
    target: engine.findGroup('acme', 'Target')!.id,
    bob: engine.user('bob')!.id,
  };
}

/** Makes the whole-policy accessors fail and counts the mappings read through the indexed ones. */
function instrument(engine: AccessEngine): { visited: () => number } {
  let visited = 0;
  const scan = (what: string) => () => {
    throw new Error(`a rule read every ${what} of the policy`);
  };
  const patched = engine as unknown as Record<string, unknown>;
  for (const name of ['mappings', 'users', 'groups', 'resources', 'projects', 'timedMappings'])
    patched[name] = scan(name);
  const mappingsOf = engine.mappingsOf.bind(engine);
  const mappingsAt = engine.mappingsAt.bind(engine);
  const mappingsOfRole = engine.mappingsOfRole.bind(engine);
  patched.mappingsOf = (...args: Parameters<AccessEngine['mappingsOf']>) => {
    const found = mappingsOf(...args);
    visited += found.length;
    return found;
  };
  patched.mappingsAt = (...args: Parameters<AccessEngine['mappingsAt']>) => {
    const found = mappingsAt(...args);
    visited += found.length;
    return found;
  };
  patched.mappingsOfRole = (...args: Parameters<AccessEngine['mappingsOfRole']>) => {
    const found = mappingsOfRole(...args);
    visited += found.length;
    return found;
  };
  return { visited: () => visited };
}

const SMALL = 3;
const LARGE = 3_000;

describe('the administration rules read by index, whatever the size of the policy', () => {
  test('adding a member reads only the group’s mappings, in the rule and in the gate', () => {
    const counts = [SMALL, LARGE].map((extra) => {
      const { engine, actor, target, bob } = policyOf(extra);
      const { visited } = instrument(engine);
      assert.equal(canAddMember(engine, actor.kind === 'user' ? actor.id : '', target).ok, true);
      assert.deepEqual(judge(engine, actor, [{ op: 'member.add', membership: { group: target, user: bob } }]), []);
      return visited();
    });
    assert.equal(counts[0], counts[1]);
    // The Target group's two mappings, once in the rule and once in the gate.
    assert.equal(counts[0], 4);
  });

  test('a member add that would escalate is still refused, reading the same mappings', () => {
    const { engine, target, bob } = policyOf(LARGE);
    instrument(engine);
    const result = canAddMember(engine, bob, target);
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.error.code, 'PRIVILEGE_ESCALATION');
    const violations = judge(engine, { kind: 'user', id: bob }, [
      { op: 'member.add', membership: { group: target, user: bob } },
    ]);
    assert.deepEqual(
      violations.map((v) => v.code),
      ['PRIVILEGE_ESCALATION', 'PRIVILEGE_ESCALATION'],
    );
  });

  test('managing a user and the roles a user holds read only that user’s and their groups’ mappings', () => {
    const counts = [SMALL, LARGE].map((extra) => {
      const { engine, actor, bob } = policyOf(extra);
      const { visited } = instrument(engine);
      const root = actor.kind === 'user' ? actor.id : '';
      assert.equal(canManageUser(engine, bob, 'u-0-0').ok, false);
      assert.equal(canManageUser(engine, root, 'u-0-0', []).ok, true);
      assert.deepEqual(heldRoles(engine, 'u-1-1', engine.organizations()[0]!.id).length, 1);
      return visited();
    });
    assert.equal(counts[0], counts[1]);
  });

  test('a new user is compared case-insensitively with the users of the same name only, a judged rename leaving no trace', () => {
    const { engine, actor, bob } = policyOf(LARGE);
    instrument(engine);
    const put = (id: string, username: string): Change => ({
      op: 'user.put',
      user: { id, username, store: 'PRIMARY', email: null, status: 'active' },
    });
    assert.deepEqual(
      judge(engine, actor, [put('u-new', 'BOB')]).map((v) => v.code),
      ['DUPLICATE'],
    );
    // Judging a rename is a dry run: afterwards the old name is taken and the new one free again.
    assert.deepEqual(judge(engine, actor, [put(bob, 'robert')]), []);
    assert.deepEqual(judge(engine, actor, [put('u-new', 'Robert')]), []);
    assert.deepEqual(
      judge(engine, actor, [put('u-new', 'Bob')]).map((v) => v.code),
      ['DUPLICATE'],
    );
    engine.apply([put(bob, 'robert')]);
    assert.deepEqual(
      judge(engine, actor, [put('u-new', 'ROBERT')]).map((v) => v.code),
      ['DUPLICATE'],
    );
    assert.deepEqual(judge(engine, actor, [put('u-new', 'Bob')]), []);
  });
});
