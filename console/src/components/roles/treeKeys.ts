/**
 * A node of the tree, as the keys need it (a permissionTree PermissionNode is one). Declared here,
 * so the module imports nothing and its unit test runs in Node as is.
 */
export interface TreeNode<N> {
  readonly key: string;
  readonly children: readonly N[];
}

/** One row of the tree as shown: its key, its parent's key, and whether it is a branch and unfolded. */
export interface VisibleItem {
  readonly key: string;
  readonly parent: string | null;
  readonly branch: boolean;
  readonly open: boolean;
  /** 1 for the root; its position among its shown siblings (from 1), and their number. */
  readonly level: number;
  readonly position: number;
  readonly setSize: number;
}

/** The rows shown, top to bottom: a node whose `isShown` is false is left out with its subtree. */
export function visibleItems<N extends TreeNode<N>>(
  root: N,
  isShown: (key: string) => boolean,
  isOpen: (node: N) => boolean,
): VisibleItem[] {
  const items: VisibleItem[] = [];
  const walk = (node: N, parent: string | null, level: number, position: number, setSize: number) => {
    const open = isOpen(node);
    items.push({ key: node.key, parent, branch: node.children.length > 0, open, level, position, setSize });
    if (!open) return;
    const children = node.children.filter((child) => isShown(child.key));
    children.forEach((child, index) => walk(child, node.key, level + 1, index + 1, children.length));
  };
  if (isShown(root.key)) walk(root, null, 1, 1, 1);
  return items;
}

/** What a key press on a tree item does (WAI-ARIA tree view pattern). */
export type TreeMove =
  | { readonly kind: 'focus'; readonly key: string }
  | { readonly kind: 'unfold'; readonly key: string }
  | { readonly kind: 'fold'; readonly key: string }
  | { readonly kind: 'tick'; readonly key: string };

/**
 * Down/Up: the next or previous row shown; Right: unfold a folded branch, else go to its first
 * child; Left: fold an unfolded branch, else go to the parent; Home/End: the first or last row;
 * Space: tick or untick. Null for any other key, or a move that goes nowhere.
 */
export function treeMove(
  items: readonly VisibleItem[],
  current: string,
  key: string,
  canFold: boolean,
): TreeMove | null {
  const index = items.findIndex((item) => item.key === current);
  if (index < 0) return items.length === 0 ? null : { kind: 'focus', key: items[0]!.key };
  const item = items[index]!;
  const focus = (at: number): TreeMove | null => {
    const target = items[at];
    return target === undefined || at === index ? null : { kind: 'focus', key: target.key };
  };
  switch (key) {
    case 'ArrowDown':
      return focus(index + 1);
    case 'ArrowUp':
      return focus(index - 1);
    case 'Home':
      return focus(0);
    case 'End':
      return focus(items.length - 1);
    case 'ArrowRight':
      if (!item.branch) return null;
      if (!item.open) return canFold ? { kind: 'unfold', key: item.key } : null;
      return items[index + 1]?.parent === item.key ? focus(index + 1) : null;
    case 'ArrowLeft':
      if (item.branch && item.open && canFold) return { kind: 'fold', key: item.key };
      return item.parent === null ? null : focus(items.findIndex((i) => i.key === item.parent));
    case ' ':
      return { kind: 'tick', key: item.key };
    default:
      return null;
  }
}
