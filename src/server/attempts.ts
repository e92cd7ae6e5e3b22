import { HttpProblem } from './problem.js';
import { FailureThrottle } from './throttle.js';

/**
 * Requests that send mail to whoever a caller names (self sign-up, password-reset links), throttled
 * like sign-in (`FailureThrottle`): every attempt counts, per key, before anything is looked up,
 * and past the free attempts each waits twice as long as the last (429 with Retry-After). The keys
 * are what the caller sent (an address, an email, a username), never whether it exists, so the
 * throttle tells nothing about which accounts there are.
 */
export class AttemptLimiter {
  readonly #throttles: readonly FailureThrottle[];

  /** One throttle per kind of key, each with its free attempts. */
  constructor(freeAttempts: readonly number[]) {
    this.#throttles = freeAttempts.map((n) => new FailureThrottle({ freeAttempts: n }));
  }

  /**
   * Counts an attempt under each key (in the constructor's order), or throws `too-many-requests`
   * and counts none. Call the answer when the attempt has been answered: the delay before the
   * next one runs from then, however long this one took (a slow mail server included).
   */
  attempt(keys: readonly string[], what: string): () => void {
    const wait = Math.max(0, ...keys.map((key, i) => this.#throttles[i]?.waitFor(key) ?? 0));
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new HttpProblem('too-many-requests', `too many ${what}; try again in ${seconds} s`, {
        retryAfter: seconds,
      });
    }
    keys.forEach((key, i) => this.#throttles[i]?.fail(key));
    return () => keys.forEach((key, i) => this.#throttles[i]?.failed(key));
  }
}
