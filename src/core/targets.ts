import type { Level } from './model.js';

/**
 * Integers per node in `TargetTree.rows`: the node's chain (root first) in the first
 * CHAIN_SLOTS, padded with -1, then NODE_MARK. The decision path reads one row per check.
 */
export const NODE_STRIDE = 8;
export const CHAIN_SLOTS = NODE_STRIDE - 1;
/** The last integer of a row: -1, or DEEP_NODE when the chain does not fit in CHAIN_SLOTS. */
export const NODE_MARK = CHAIN_SLOTS;
export const DEEP_NODE = -2;

/**
 * Organizations, projects and resources as nodes of one tree in one integer space. Each node
 * keeps its chain of ancestors (root first), so "is this mapping at or above the target?" is one
 * array read: `chain[depth] === node`. Nodes are never reused; a deleted one can be restored.
 */
export class TargetTree {
  /** Entity id → node, one map per level (no key building on the decision path). */
  readonly byId: Readonly<Record<Level, Map<string, number>>> = {
    organization: new Map(),
    project: new Map(),
    resource: new Map(),
  };
  /** The entity id of each node; '' once deleted. */
  readonly entity: string[] = [];
  readonly level: Level[] = [];
  /** `organization`, `project` or the resource type. */
  readonly type: string[] = [];
  readonly parent: number[] = [];
  readonly isPrivate: boolean[] = [];
  /** Resources that do not allow anonymous access: the guest's anonymous-gated grants do not count there. */
  readonly closedToAnonymous: boolean[] = [];
  /** Root-most first, the node itself last; `chain[depth]` is the ancestor at that depth. */
  readonly chain: Int32Array[] = [];
  /** `chain` as fixed-width rows side by side (NODE_STRIDE integers a node), for the decision path. */
  rows: Int32Array = new Int32Array(NODE_STRIDE * 256).fill(-1);
  readonly children: Set<number>[] = [];
  /** Ids of the role mappings at each node. */
  readonly mappings: Set<string>[] = [];
  /** Resource nodes by type, for lookup. */
  readonly resourcesByType = new Map<string, Set<number>>();
  readonly #deleted = new Map<number, string>();

  node(level: Level, id: string): number {
    return this.byId[level].get(id) ?? -1;
  }

  add(entity: string, level: Level, type: string, parent: number, isPrivate: boolean): number {
    const node = this.entity.length;
    this.entity.push(entity);
    this.level.push(level);
    this.type.push(type);
    this.parent.push(parent);
    this.isPrivate.push(isPrivate);
    this.closedToAnonymous.push(false);
    this.children.push(new Set());
    this.mappings.push(new Set());
    this.chain.push(this.#chainFor(node, parent));
    this.#syncRow(node);
    if (parent >= 0) this.children[parent]!.add(node);
    this.byId[level].set(entity, node);
    if (level === 'resource') this.#ofType(type).add(node);
    return node;
  }

  drop(node: number): void {
    this.#deleted.set(node, this.entity[node]!);
    const parent = this.parent[node]!;
    if (parent >= 0) this.children[parent]!.delete(node);
    this.byId[this.level[node]!].delete(this.entity[node]!);
    if (this.level[node] === 'resource') this.#ofType(this.type[node]!).delete(node);
    this.entity[node] = '';
    this.chain[node] = new Int32Array(0);
    this.#syncRow(node);
  }

  /** Brings a dropped node back in place (to undo a deletion). */
  restore(node: number, parent: number): void {
    const entity = this.#deleted.get(node);
    if (entity === undefined) throw new Error(`node ${node} was not dropped`);
    this.entity[node] = entity;
    this.parent[node] = parent;
    if (parent >= 0) this.children[parent]!.add(node);
    this.chain[node] = this.#chainFor(node, parent);
    this.#syncRow(node);
    this.byId[this.level[node]!].set(entity, node);
    if (this.level[node] === 'resource') this.#ofType(this.type[node]!).add(node);
  }

  /** Moves a node under another parent; the chains of its whole subtree change with it. */
  reparent(node: number, parent: number): void {
    const old = this.parent[node]!;
    if (old >= 0) this.children[old]!.delete(node);
    this.parent[node] = parent;
    if (parent >= 0) this.children[parent]!.add(node);
    for (const current of this.subtree(node)) {
      this.chain[current] = this.#chainFor(current, this.parent[current]!);
      this.#syncRow(current);
    }
  }

  /** The node and everything below it, parents before children. */
  *subtree(node: number): Generator<number> {
    const queue = [node];
    for (let i = 0; i < queue.length; i++) {
      const current = queue[i]!;
      yield current;
      for (const child of this.children[current]!) queue.push(child);
    }
  }

  /** The id of the nearest organization at or above a node. */
  organizationOf(node: number): string {
    const chain = this.chain[node]!;
    for (let i = chain.length - 1; i >= 0; i--) {
      if (this.level[chain[i]!] === 'organization') return this.entity[chain[i]!]!;
    }
    return '';
  }

  /** Mirrors a node's chain into its row. */
  #syncRow(node: number): void {
    const at = node * NODE_STRIDE;
    if (at + NODE_STRIDE > this.rows.length) {
      const grown = new Int32Array(Math.max(this.rows.length * 2, at + NODE_STRIDE)).fill(-1);
      grown.set(this.rows);
      this.rows = grown;
    }
    const chain = this.chain[node]!;
    for (let d = 0; d < CHAIN_SLOTS; d++) this.rows[at + d] = d < chain.length ? chain[d]! : -1;
    this.rows[at + NODE_MARK] = chain.length > CHAIN_SLOTS ? DEEP_NODE : -1;
  }

  #chainFor(node: number, parent: number): Int32Array {
    if (parent < 0) return Int32Array.of(node);
    const above = this.chain[parent]!;
    const chain = new Int32Array(above.length + 1);
    chain.set(above);
    chain[above.length] = node;
    return chain;
  }

  #ofType(type: string): Set<number> {
    let set = this.resourcesByType.get(type);
    if (set === undefined) this.resourcesByType.set(type, (set = new Set()));
    return set;
  }
}
