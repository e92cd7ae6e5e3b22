/**
 * Failed sign-ins, counted per key (a username, an address). After `freeAttempts` failures within
 * `windowMs`, each further attempt must wait twice as long as the last, up to `maxDelayMs`; a
 * success clears the key. Kept in memory: each server throttles what it sees.
 *
 * An attempt is counted when it starts (`reserve`), before the password is checked, so concurrent
 * attempts cannot all slip through while the first ones are still being checked; a success then
 * clears the key (`succeed`) or gives the reservation back (`release`).
 */
export class FailureThrottle {
  readonly #failures = new Map<string, { count: number; first: number; last: number }>();
  readonly #freeAttempts: number;
  readonly #windowMs: number;
  readonly #maxDelayMs: number;

  constructor(options: { freeAttempts: number; windowMs?: number; maxDelayMs?: number }) {
    this.#freeAttempts = options.freeAttempts;
    this.#windowMs = options.windowMs ?? 15 * 60_000;
    this.#maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
  }

  /** Milliseconds the key must still wait before its next attempt; 0 when it may try now. */
  waitFor(key: string, now = Date.now()): number {
    const entry = this.#current(key, now);
    if (entry === undefined || entry.count < this.#freeAttempts) return 0;
    const delay = Math.min(1000 * 2 ** (entry.count - this.#freeAttempts), this.#maxDelayMs);
    return Math.max(0, entry.last + delay - now);
  }

  fail(key: string, now = Date.now()): void {
    const entry = this.#current(key, now);
    if (entry === undefined) this.#failures.set(key, { count: 1, first: now, last: now });
    else {
      entry.count++;
      entry.last = now;
    }
    if (this.#failures.size > 100_000) this.#prune(now);
  }

  /**
   * Counts an attempt before it is checked: answers the milliseconds to wait (the attempt is then
   * refused and not counted), or 0 when it may go ahead and has been counted as a failure.
   */
  reserve(key: string, now = Date.now()): number {
    const wait = this.waitFor(key, now);
    if (wait === 0) this.fail(key, now);
    return wait;
  }

  /** Marks a reserved attempt failed now: the delay before the next one runs from when this one was answered. */
  failed(key: string, now = Date.now()): void {
    const entry = this.#failures.get(key);
    if (entry !== undefined) entry.last = Math.max(entry.last, now);
  }

  /** Gives back an attempt `reserve` counted, once it turned out to succeed. */
  release(key: string): void {
    const entry = this.#failures.get(key);
    if (entry === undefined) return;
    entry.count--;
    if (entry.count <= 0) this.#failures.delete(key);
  }

  succeed(key: string): void {
    this.#failures.delete(key);
  }

  #current(key: string, now: number): { count: number; first: number; last: number } | undefined {
    const entry = this.#failures.get(key);
    if (entry !== undefined && now - entry.last > this.#windowMs) {
      this.#failures.delete(key);
      return undefined;
    }
    return entry;
  }

  #prune(now: number): void {
    for (const [key, entry] of this.#failures) if (now - entry.last > this.#windowMs) this.#failures.delete(key);
  }
}
