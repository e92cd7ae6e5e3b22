// The permission tree's keyboard (WAI-ARIA tree view pattern), as pure functions: no browser.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  type TreeNode,
  type VisibleItem,
  treeMove,
  visibleItems,
} from '../../console/src/components/roles/treeKeys.js';

interface Node extends TreeNode<Node> {}

const node = (key: string, children: Node[] = []): Node => ({ key, children });

/** * → { user → { user:view, user:manage }, role → { role:view }, audit } */
const TREE = node('*', [
  node('user', [node('user:view'), node('user:manage')]),
  node('role', [node('role:view')]),
  node('audit'),
]);

const rows = (open: readonly string[], shown: (key: string) => boolean = () => true): VisibleItem[] =>
  visibleItems(TREE, shown, (n) => open.includes(n.key));
const keys = (items: readonly VisibleItem[]) => items.map((i) => i.key);

describe('console: the permission tree’s keys', () => {
  test('the rows shown are the unfolded branches’ children, each with its level, position and set size', () => {
    const items = rows(['*', 'user']);
    assert.deepEqual(keys(items), ['*', 'user', 'user:view', 'user:manage', 'role', 'audit']);
    const manage = items.find((i) => i.key === 'user:manage')!;
    assert.deepEqual(manage, {
      key: 'user:manage',
      parent: 'user',
      branch: false,
      open: false,
      level: 3,
      position: 2,
      setSize: 2,
    });
    assert.deepEqual(
      items.filter((i) => i.level === 2).map((i) => [i.key, i.position, i.setSize, i.branch, i.open]),
      [
        ['user', 1, 3, true, true],
        ['role', 2, 3, true, false],
        ['audit', 3, 3, false, false],
      ],
    );
    // A filtered-out node goes with its subtree, and its siblings are counted without it.
    const filtered = rows(['*', 'user'], (key) => !key.startsWith('user'));
    assert.deepEqual(keys(filtered), ['*', 'role', 'audit']);
    assert.equal(filtered.find((i) => i.key === 'audit')?.setSize, 2);
  });

  test('Down and Up move to the next and previous row shown, and stop at the ends', () => {
    const items = rows(['*', 'user']);
    assert.deepEqual(treeMove(items, 'user', 'ArrowDown', true), { kind: 'focus', key: 'user:view' });
    assert.deepEqual(treeMove(items, 'user:manage', 'ArrowDown', true), { kind: 'focus', key: 'role' });
    assert.deepEqual(treeMove(items, 'role', 'ArrowUp', true), { kind: 'focus', key: 'user:manage' });
    assert.equal(treeMove(items, 'audit', 'ArrowDown', true), null);
    assert.equal(treeMove(items, '*', 'ArrowUp', true), null);
    // A folded branch's children are skipped.
    assert.deepEqual(treeMove(rows(['*']), 'user', 'ArrowDown', true), { kind: 'focus', key: 'role' });
  });

  test('Home and End go to the first and last row shown', () => {
    const items = rows(['*', 'role']);
    assert.deepEqual(treeMove(items, 'role:view', 'Home', true), { kind: 'focus', key: '*' });
    assert.deepEqual(treeMove(items, 'user', 'End', true), { kind: 'focus', key: 'audit' });
    assert.equal(treeMove(items, 'audit', 'End', true), null, 'already there');
    assert.equal(treeMove(items, '*', 'Home', true), null, 'already there');
  });

  test('Right unfolds a folded branch, then goes to its first child; on a leaf it does nothing', () => {
    assert.deepEqual(treeMove(rows(['*']), 'role', 'ArrowRight', true), { kind: 'unfold', key: 'role' });
    assert.deepEqual(treeMove(rows(['*', 'role']), 'role', 'ArrowRight', true), { kind: 'focus', key: 'role:view' });
    assert.equal(treeMove(rows(['*']), 'audit', 'ArrowRight', true), null);
    // While a search shows every match unfolded, folding and unfolding are off.
    assert.equal(treeMove(rows(['*']), 'role', 'ArrowRight', false), null);
  });

  test('Left folds an unfolded branch, else goes to the parent; at the folded root it does nothing', () => {
    assert.deepEqual(treeMove(rows(['*', 'user']), 'user', 'ArrowLeft', true), { kind: 'fold', key: 'user' });
    assert.deepEqual(treeMove(rows(['*', 'user']), 'user:manage', 'ArrowLeft', true), {
      kind: 'focus',
      key: 'user',
    });
    assert.deepEqual(treeMove(rows(['*']), 'role', 'ArrowLeft', true), { kind: 'focus', key: '*' });
    assert.equal(treeMove(rows([]), '*', 'ArrowLeft', true), null);
    // Without folding, Left on an unfolded branch goes to its parent instead.
    assert.deepEqual(treeMove(rows(['*', 'user']), 'user', 'ArrowLeft', false), { kind: 'focus', key: '*' });
  });

  test('Space ticks the row; other keys do nothing; an unknown row sends focus to the first', () => {
    const items = rows(['*']);
    assert.deepEqual(treeMove(items, 'audit', ' ', true), { kind: 'tick', key: 'audit' });
    assert.equal(treeMove(items, 'audit', 'Enter', true), null);
    assert.equal(treeMove(items, 'audit', 'a', true), null);
    assert.deepEqual(treeMove(items, 'gone', 'ArrowDown', true), { kind: 'focus', key: '*' });
    assert.equal(treeMove([], 'gone', 'ArrowDown', true), null);
  });

  test('from Home, Down visits every row shown once, in order, whatever is unfolded', () => {
    const branches = ['*', 'user', 'role'];
    fc.assert(
      fc.property(fc.subarray(branches), (open) => {
        const items = rows(open);
        const visited: string[] = [];
        let move = treeMove(items, items[items.length - 1]!.key, 'Home', true);
        let at = items[0]!.key;
        if (move !== null) at = move.key;
        visited.push(at);
        for (
          move = treeMove(items, at, 'ArrowDown', true);
          move !== null;
          move = treeMove(items, at, 'ArrowDown', true)
        ) {
          assert.equal(move.kind, 'focus');
          at = move.key;
          visited.push(at);
        }
        assert.deepEqual(visited, keys(items));
      }),
    );
  });
});
