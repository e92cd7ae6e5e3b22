import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Change } from '../../src/core/changes.js';
import { AccessEngine } from '../../src/core/engine.js';
import { roleRecord } from '../../src/core/model.js';

/**
 * `rolePermissions` reads the role's own bits (src/core/engine.ts), not every permission of the
 * installation: across several words of bits, with permissions deleted (their ids stay taken)
 * and created again (under new ids), it answers exactly the keys the role holds, sorted.
 */

const permission = (key: string): Change => ({
  op: 'permission.put',
  permission: { key, description: null, levels: ['organization', 'project', 'resource'], visibilityGated: false },
});

test("a role's permissions are the existing keys it holds, through deletions and re-creations of others", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 100 }),
      fc.array(fc.nat(), { maxLength: 40 }),
      fc.array(fc.nat(), { maxLength: 40 }),
      fc.array(fc.nat(), { maxLength: 20 }),
      (count, held, deleted, recreated) => {
        const keys = Array.from({ length: count }, (_, i) => `p${String(i).padStart(3, '0')}`);
        const holds = new Set(held.map((i) => keys[i % count]!));
        const gone = new Set(deleted.map((i) => keys[i % count]!).filter((k) => !holds.has(k)));
        const back = new Set(recreated.map((i) => keys[i % count]!).filter((k) => gone.has(k)));
        const engine = new AccessEngine();
        engine.apply(
          [
            ...keys.map(permission),
            roleRecord({ id: 'r', name: 'R', permissions: [...holds] }),
            roleRecord({ id: 'outer', name: 'Outer', includes: ['r'] }),
          ].map((c) => ('op' in c ? c : { op: 'role.put' as const, role: c })),
        );
        engine.apply([...gone].map((key) => ({ op: 'permission.delete' as const, key })));
        engine.apply([...back].map(permission));
        const expected = [...holds].sort();
        assert.deepEqual(engine.rolePermissions('r'), expected);
        assert.deepEqual(engine.rolePermissions('outer'), expected);
        assert.deepEqual(engine.rolePermissions('missing'), []);
      },
    ),
    { numRuns: 200 },
  );
});
