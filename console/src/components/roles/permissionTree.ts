import type { Permission } from '../../api';

/** The key that grants every permission (docs/concepts.md#the-model: a role may hold the whole tree). */
export const ALL_PERMISSIONS = '*';

export type TickState = 'checked' | 'partial' | 'unchecked';

export interface PermissionNode {
  readonly key: string;
  readonly description: string | null;
  readonly children: readonly PermissionNode[];
  /** The leaves under this node (itself when it has no children): what ticking it ticks. */
  readonly leaves: readonly string[];
}

/**
 * The permission tree under one synthetic root, `*` ("All permissions"): a node grants its
 * subtree, so `*` grants everything, as the API reads it.
 */
export interface PermissionTree {
  readonly root: PermissionNode;
  readonly byKey: ReadonlyMap<string, PermissionNode>;
}

export function buildPermissionTree(permissions: readonly Permission[]): PermissionTree {
  const known = new Map(permissions.map((p) => [p.key, p]));
  const byKey = new Map<string, PermissionNode>();
  const build = (permission: Permission): PermissionNode => {
    const children = permission.children.flatMap((key) => {
      const child = known.get(key);
      return child === undefined ? [] : [build(child)];
    });
    const node: PermissionNode = {
      key: permission.key,
      description: permission.description,
      children,
      leaves: children.length === 0 ? [permission.key] : children.flatMap((c) => c.leaves),
    };
    byKey.set(node.key, node);
    return node;
  };
  const tops = permissions.filter((p) => p.parent === null || !known.has(p.parent)).map(build);
  const root: PermissionNode = {
    key: ALL_PERMISSIONS,
    description: 'All permissions, including those added to the tree later',
    children: tops,
    leaves: tops.flatMap((t) => t.leaves),
  };
  byKey.set(ALL_PERMISSIONS, root);
  return { root, byKey };
}

/** The ticked leaves for a role's permission keys; keys the tree does not know are answered apart. */
export function tickedLeaves(
  tree: PermissionTree,
  keys: readonly string[],
): { ticked: Set<string>; unknown: string[] } {
  const ticked = new Set<string>();
  const unknown: string[] = [];
  for (const key of keys) {
    const node = tree.byKey.get(key);
    if (node === undefined) unknown.push(key);
    else for (const leaf of node.leaves) ticked.add(leaf);
  }
  return { ticked, unknown };
}

export function tickState(node: PermissionNode, ticked: ReadonlySet<string>): TickState {
  let count = 0;
  for (const leaf of node.leaves) if (ticked.has(leaf)) count += 1;
  return count === 0 ? 'unchecked' : count === node.leaves.length ? 'checked' : 'partial';
}

/**
 * The fewest keys granting exactly the ticked leaves: a fully ticked node is saved as its own
 * key (so it also grants children added later), a partly ticked one as its ticked parts.
 */
export function permissionKeys(tree: PermissionTree, ticked: ReadonlySet<string>): string[] {
  const keys: string[] = [];
  const visit = (node: PermissionNode) => {
    const state = tickState(node, ticked);
    if (state === 'checked') keys.push(node.key);
    else if (state === 'partial') node.children.forEach(visit);
  };
  visit(tree.root);
  return keys;
}

/** Ticks or unticks a node with its whole subtree. */
export function setTicked(ticked: ReadonlySet<string>, node: PermissionNode, on: boolean): Set<string> {
  const next = new Set(ticked);
  for (const leaf of node.leaves) {
    if (on) next.add(leaf);
    else next.delete(leaf);
  }
  return next;
}

/**
 * The keys to show for a search: nodes whose key or description contains the text, their
 * ancestors (to place them) and their subtrees (what they grant). Null shows everything.
 */
export function visibleKeys(tree: PermissionTree, search: string): ReadonlySet<string> | null {
  const needle = search.trim().toLowerCase();
  if (needle === '') return null;
  const shown = new Set<string>();
  const addSubtree = (node: PermissionNode) => {
    shown.add(node.key);
    node.children.forEach(addSubtree);
  };
  const visit = (node: PermissionNode, ancestors: readonly string[]): boolean => {
    const matches =
      node !== tree.root &&
      (node.key.toLowerCase().includes(needle) || (node.description ?? '').toLowerCase().includes(needle));
    if (matches) {
      addSubtree(node);
      ancestors.forEach((a) => shown.add(a));
    }
    let below = false;
    for (const child of node.children) below = visit(child, [...ancestors, node.key]) || below;
    return matches || below;
  };
  visit(tree.root, []);
  return shown;
}
