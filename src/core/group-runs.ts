import { ENTRY_STRIDE, type EntryList } from './entries.js';
import { CHAIN_SLOTS } from './targets.js';

/**
 * A group's mapping entries as the decision path reads them (`ModelState.groupRuns`): two
 * integers an entry, the node, then `bitsRow << DEPTH_BITS | depth`, where `bitsRow` is
 * `role << 2 | level` (a row of `RoleBits.levelFlat`: the permission's levels are already
 * applied) and `depth` the node's depth, or CHAIN_SLOTS when it is deeper than a node row holds
 * (such an entry never matches a node row's chain; deep targets read the EntryList instead).
 */
export const GROUP_STRIDE = 2;
export const DEPTH_BITS = 3;
export const DEPTH_MASK = (1 << DEPTH_BITS) - 1;

let scratch = new Int32Array(64);

/** A group's entries in the decision path's form; valid until the next call (length: entries × GROUP_STRIDE). */
export function compactRun(list: EntryList): Int32Array {
  const count = list.length;
  if (count * GROUP_STRIDE > scratch.length)
    scratch = new Int32Array(Math.max(scratch.length * 2, count * GROUP_STRIDE));
  const packed = list.packed;
  for (let i = 0; i < count; i++) {
    const at = i * ENTRY_STRIDE;
    const depth = packed[at + 1]!;
    const bitsRow = (packed[at + 3]! << 2) | packed[at + 2]!;
    scratch[i * GROUP_STRIDE] = packed[at]!;
    scratch[i * GROUP_STRIDE + 1] = (bitsRow << DEPTH_BITS) | Math.min(depth, CHAIN_SLOTS);
  }
  return scratch;
}
