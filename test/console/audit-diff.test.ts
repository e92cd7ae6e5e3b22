import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { listChange, recordChange } from '../../console/src/components/audit/diff.js';

describe('console: audit diffs of lists', () => {
  test('a list changed in place reports only the items added and removed', () => {
    const change = recordChange(
      { name: 'Developer', permissions: ['a', 'b', 'c'] },
      { name: 'Developer', permissions: ['b', 'c', 'd'] },
    );
    assert.equal(change.change, 'changed');
    assert.deepEqual(
      change.fields.map((f) => [f.field, f.list]),
      [['permissions', { added: ['d'], removed: ['a'] }]],
    );
    assert.equal(change.unchanged, 1);
  });

  test('a list that was empty, or a nested one, is diffed too; a plain field is not', () => {
    const change = recordChange({ scope: { roles: [] }, name: 'x' }, { scope: { roles: ['r1'] }, name: 'y' });
    const byField = new Map(change.fields.map((f) => [f.field, f]));
    assert.deepEqual(byField.get('scope.roles')?.list, { added: ['r1'], removed: [] });
    assert.equal(byField.get('name')?.list, undefined);
    assert.equal(byField.get('name')?.after, 'y');
  });

  test('added and removed rebuild the new list as a set, and never share an item', () => {
    const items = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 8 });
    fc.assert(
      fc.property(items, items, (before, after) => {
        const { added, removed } = listChange(before, after);
        const rebuilt = new Set([...before.filter((x) => !removed.includes(x)), ...added]);
        assert.deepEqual([...rebuilt].sort(), [...new Set(after)].sort());
        assert.equal(
          added.some((x) => removed.includes(x)),
          false,
        );
      }),
    );
  });
});
