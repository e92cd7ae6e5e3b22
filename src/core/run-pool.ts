/**
 * Variable-length runs of integers, one per owner (a user's groups, a group's mapping entries),
 * side by side in one array so the decision path reads a few cache lines and no objects. A run
 * that outgrows its room moves to the end; the pool compacts when half of it is abandoned room.
 */
export class RunPool {
  data: Int32Array = new Int32Array(1024);
  /** Per owner, side by side: where its run starts in `data`, and its length. */
  bounds: Int32Array = new Int32Array(2 * 256);
  #capacity: Int32Array = new Int32Array(256);
  #owners = 0;
  #end = 0;
  #abandoned = 0;

  /** Makes room for owners `0..owner`; new owners have an empty run and tag 0. */
  ensureOwner(owner: number): void {
    if (owner < this.#owners) return;
    this.#owners = owner + 1;
    if (this.#owners > this.#capacity.length) {
      const size = Math.max(this.#capacity.length * 2, this.#owners);
      this.bounds = grow(this.bounds, 2 * size);
      this.#capacity = grow(this.#capacity, size);
    }
  }

  /** Replaces an owner's run with the first `count` values. */
  set(owner: number, values: ArrayLike<number>, count: number = values.length): void {
    if (count > this.#capacity[owner]!) {
      this.#abandoned += this.#capacity[owner]!;
      this.bounds[2 * owner] = this.#allocate(count);
      this.#capacity[owner] = count;
    }
    const start = this.bounds[2 * owner]!;
    for (let i = 0; i < count; i++) this.data[start + i] = values[i]!;
    this.bounds[2 * owner + 1] = count;
  }

  #allocate(size: number): number {
    if (this.#end + size > this.data.length) {
      if (this.#abandoned * 2 > this.#end) this.#compact();
      if (this.#end + size > this.data.length)
        this.data = grow(this.data, Math.max(this.data.length * 2, this.#end + size));
    }
    const start = this.#end;
    this.#end += size;
    return start;
  }

  #compact(): void {
    const data = new Int32Array(this.data.length);
    let end = 0;
    for (let owner = 0; owner < this.#owners; owner++) {
      const start = this.bounds[2 * owner]!;
      const length = this.bounds[2 * owner + 1]!;
      data.set(this.data.subarray(start, start + length), end);
      this.bounds[2 * owner] = end;
      this.#capacity[owner] = length;
      end += length;
    }
    this.data = data;
    this.#end = end;
    this.#abandoned = 0;
  }
}

export function grow(array: Int32Array, size: number): Int32Array {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}
