import type { RoleMapping } from './model.js';

/** A role mapping as the decision index holds it. */
export interface Entry {
  readonly node: number;
  readonly depth: number;
  readonly level: number;
  readonly role: number;
  readonly mapping: RoleMapping;
}

/** Fields per entry in `packed`: node, depth, level, role. */
export const ENTRY_STRIDE = 4;

/**
 * One subject's role mappings. The decision path scans `packed` (integers side by side, as a
 * hand-written index would); explanations iterate `Entry` objects.
 */
const NO_ENTRIES = new Int32Array(0);

export class EntryList implements Iterable<Entry> {
  // Most users have no mapping of their own: their list allocates nothing until it gets one.
  packed = NO_ENTRIES;
  /** Kept beside `packed` so the decision path reads no other object. */
  length = 0;
  readonly mappings: RoleMapping[] = [];

  push(entry: Entry): void {
    const at = this.mappings.length * ENTRY_STRIDE;
    if (at + ENTRY_STRIDE > this.packed.length) {
      const grown = new Int32Array(Math.max(this.packed.length * 2, ENTRY_STRIDE * 2));
      grown.set(this.packed);
      this.packed = grown;
    }
    this.packed[at] = entry.node;
    this.packed[at + 1] = entry.depth;
    this.packed[at + 2] = entry.level;
    this.packed[at + 3] = entry.role;
    this.mappings.push(entry.mapping);
    this.length = this.mappings.length;
  }

  /** Removes a mapping's entry; the last entry takes its place (order carries no meaning). */
  remove(mappingId: string): boolean {
    const index = this.mappings.findIndex((m) => m.id === mappingId);
    if (index < 0) return false;
    const last = this.mappings.length - 1;
    if (index !== last) {
      this.packed.copyWithin(index * ENTRY_STRIDE, last * ENTRY_STRIDE, (last + 1) * ENTRY_STRIDE);
      this.mappings[index] = this.mappings[last]!;
    }
    this.mappings.pop();
    this.length = this.mappings.length;
    return true;
  }

  at(index: number): Entry {
    const at = index * ENTRY_STRIDE;
    return {
      node: this.packed[at]!,
      depth: this.packed[at + 1]!,
      level: this.packed[at + 2]!,
      role: this.packed[at + 3]!,
      mapping: this.mappings[index]!,
    };
  }

  find(mappingId: string): Entry | undefined {
    const index = this.mappings.findIndex((m) => m.id === mappingId);
    return index < 0 ? undefined : this.at(index);
  }

  *[Symbol.iterator](): Iterator<Entry> {
    for (let i = 0; i < this.mappings.length; i++) yield this.at(i);
  }
}
