/** Fixed-width bitsets over permission ids: a role's expanded permissions are one of these. */
export type Bitset = Uint32Array;

export function wordsFor(bits: number): number {
  return Math.max(1, Math.ceil(bits / 32));
}

export function setBit(set: Bitset, bit: number): void {
  set[bit >>> 5]! |= 1 << (bit & 31);
}

export function hasBit(set: Bitset, bit: number): boolean {
  return ((set[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
}

export function orInto(target: Bitset, source: Bitset): void {
  for (let i = 0; i < target.length; i++) target[i]! |= source[i] ?? 0;
}
