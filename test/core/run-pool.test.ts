import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { RunPool } from '../../src/core/run-pool.js';
import { engineWith, can } from '../helpers.js';

test('a run pool gives back every owner’s last run, through growth, moves and compaction', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(20), fc.array(fc.integer(), { maxLength: 12 })), { maxLength: 300 }),
      (writes) => {
        const pool = new RunPool();
        const expected = new Map<number, number[]>();
        for (const [owner, values] of writes) {
          pool.ensureOwner(owner);
          pool.set(owner, values);
          expected.set(owner, values);
        }
        for (const [owner, values] of expected) {
          const start = pool.bounds[2 * owner]!;
          assert.deepEqual([...pool.data.subarray(start, start + pool.bounds[2 * owner + 1]!)], values);
        }
      },
    ),
  );
});

test('a user in more groups than fit beside their status is decided through all of them', () => {
  const groups = Array.from({ length: 6 }, (_, i) => `g${i}`);
  const engine = engineWith(`
permissions: [{ key: project }, { key: project:edit }]
organizations: [{ name: acme, projects: [{ name: one }, { name: two }] }]
users: [{ username: alice }]
roles: [{ name: Developer, permissions: [project] }]
groups:
${groups.map((g) => `  - { organization: acme, name: ${g}, members: [alice] }`).join('\n')}
mappings:
  - { role: Developer, group: g5, project: acme/one }
`);
  assert.equal(can(engine, 'alice', 'project:edit', 'acme/one'), true);
  assert.equal(can(engine, 'alice', 'project:edit', 'acme/two'), false);
  const alice = engine.user('alice')!.id;
  engine.apply([{ op: 'member.remove', membership: { group: engine.findGroup('acme', 'g5')!.id, user: alice } }]);
  assert.equal(can(engine, 'alice', 'project:edit', 'acme/one'), false);
  engine.apply([{ op: 'member.add', membership: { group: engine.findGroup('acme', 'g5')!.id, user: alice } }]);
  assert.equal(can(engine, 'alice', 'project:edit', 'acme/one'), true);
});
