import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AccessEngine, type Change, roleRecord } from '../../src/core/index.js';

// The decision path reads a group's mappings as two integers an entry against the target's node
// row (src/core/group-runs.ts, TargetTree.rows): a chain of at most 7 nodes, the permission's
// levels folded into the role's bits. These cases sit on the edges of that encoding.

const PERMISSION = (key: string, levels: ('organization' | 'project' | 'resource')[]): Change => ({
  op: 'permission.put',
  permission: { key, description: null, levels, visibilityGated: false },
});
const ALL_LEVELS: ('organization' | 'project' | 'resource')[] = ['organization', 'project', 'resource'];

/** Organizations o0 → o1 → … → o{depth-1}, a project p{i} under each, a group of o0 with member ann. */
function nested(depth: number): AccessEngine {
  const engine = new AccessEngine();
  const changes: Change[] = [PERMISSION('read', ALL_LEVELS), PERMISSION('write', ALL_LEVELS)];
  for (let i = 0; i < depth; i++) {
    changes.push({
      op: 'organization.put',
      organization: {
        id: `o${i}`,
        name: `org-${i}`,
        parent: i === 0 ? null : `o${i - 1}`,
        requireTwoFactor: false,
        adminRole: null,
      },
    });
    changes.push({ op: 'project.put', project: { id: `p${i}`, name: `project-${i}`, organization: `o${i}` } });
  }
  changes.push(
    { op: 'role.put', role: roleRecord({ id: 'reader', name: 'Reader', permissions: ['read'] }) },
    { op: 'user.put', user: { id: 'ann', username: 'ann', store: 'PRIMARY', email: null, status: 'active' } },
    { op: 'group.put', group: { id: 'g', organization: 'o0', name: 'g', store: 'PRIMARY', description: null } },
    { op: 'member.add', membership: { group: 'g', user: 'ann' } },
  );
  engine.apply(changes);
  return engine;
}

function grant(id: string, level: 'organization' | 'project', target: string): Change {
  return {
    op: 'mapping.add',
    mapping: { id, role: 'reader', subject: { kind: 'group', id: 'g' }, target: { level, id: target } },
  };
}

/** Whether ann may read at each project p0 … p{n-1}, as a string of 1s and 0s. */
function projects(engine: AccessEngine, n: number): string {
  let answer = '';
  for (let i = 0; i < n; i++) answer += engine.allowed('ann', 'read', 'project', `p${i}`) ? '1' : '0';
  return answer;
}

describe('the decision path on deep trees and changed levels', () => {
  test('a group mapping grants below it at any depth, and never above or beside it', () => {
    const engine = nested(12);
    // o8 sits at depth 8, deeper than a node row holds: its mapping grants in p8 … p11 only.
    engine.apply([grant('m8', 'organization', 'o8')]);
    assert.equal(projects(engine, 12), '000000001111');
    assert.equal(engine.allowed('ann', 'read', 'organization', 'o7'), false);
    assert.equal(engine.allowed('ann', 'read', 'organization', 'o11'), true);
    // p6 is at depth 7 (its chain fills the row exactly), p5 at depth 6.
    engine.apply([grant('m6', 'project', 'p6')]);
    assert.equal(projects(engine, 12), '000000101111');
    engine.apply([grant('m0', 'organization', 'o0')]);
    assert.equal(projects(engine, 12), '111111111111');
    assert.equal(engine.allowed('ann', 'write', 'project', 'p11'), false);
    engine.apply([{ op: 'mapping.remove', id: 'm0' }]);
    assert.equal(projects(engine, 12), '000000101111');
  });

  test('narrowing a permission to some levels takes back the grants made at the others, and widening gives them again', () => {
    const engine = nested(2);
    engine.apply([grant('m0', 'organization', 'o0'), grant('m1', 'project', 'p1')]);
    assert.equal(projects(engine, 2), '11');
    engine.apply([PERMISSION('read', ['project'])]);
    // The organization-level mapping no longer counts; the project-level one still does.
    assert.equal(projects(engine, 2), '01');
    assert.equal(engine.allowed('ann', 'read', 'organization', 'o1'), false);
    engine.apply([PERMISSION('read', ['organization'])]);
    assert.equal(projects(engine, 2), '11');
    assert.equal(engine.allowed('ann', 'read', 'organization', 'o1'), true);
  });

  test('moving an organization deeper or shallower moves what its mappings grant with it', () => {
    const engine = nested(10);
    engine.apply([
      {
        op: 'organization.put',
        organization: { id: 'side', name: 'side', parent: 'o0', requireTwoFactor: false, adminRole: null },
      },
      { op: 'project.put', project: { id: 'ps', name: 'project-side', organization: 'side' } },
      grant('ms', 'organization', 'side'),
    ]);
    assert.equal(engine.allowed('ann', 'read', 'project', 'ps'), true);
    assert.equal(projects(engine, 10), '0000000000');
    // Under o9: the side organization is at depth 10, its project at 11.
    engine.apply([
      {
        op: 'organization.put',
        organization: { id: 'side', name: 'side', parent: 'o9', requireTwoFactor: false, adminRole: null },
      },
    ]);
    assert.equal(engine.allowed('ann', 'read', 'project', 'ps'), true);
    assert.equal(engine.allowed('ann', 'read', 'organization', 'o9'), false);
    engine.apply([
      {
        op: 'organization.put',
        organization: { id: 'side', name: 'side', parent: 'o1', requireTwoFactor: false, adminRole: null },
      },
    ]);
    assert.equal(engine.allowed('ann', 'read', 'project', 'ps'), true);
    assert.equal(projects(engine, 10), '0000000000');
  });
});
