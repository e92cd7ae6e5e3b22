import type { Entry } from './entries.js';
import type { RoleMapping, Subject } from './model.js';

/** One mapping with a time limit: counts at `now` when `from <= now < until` (ms since the epoch). */
export interface TimedEntry {
  readonly entry: Entry;
  readonly from: number;
  readonly until: number;
}

/** The instant of an ISO 8601 time limit in ms; absent or null: unbounded on that side. */
export function instant(value: string | null | undefined, unbounded: number): number {
  return value === undefined || value === null ? unbounded : Date.parse(value);
}

/** Whether a mapping counts at `now`: notBefore inclusive, expiresAt exclusive. */
export function activeAt(mapping: Pick<RoleMapping, 'notBefore' | 'expiresAt'>, now: number): boolean {
  return instant(mapping.notBefore, Number.NEGATIVE_INFINITY) <= now && now < instant(mapping.expiresAt, Infinity);
}

export function subjectKey(subject: Subject): string {
  return subject.kind === 'user' || subject.kind === 'group' ? `${subject.kind}:${subject.id}` : subject.kind;
}

/**
 * The mappings that carry `notBefore` or `expiresAt`, by subject. They are few (temporary grants,
 * break glass), so the decision path reads them only when a principal has one and the fast scan
 * found nothing: a mapping without limits never costs a clock read or a comparison.
 */
export class TimedEntries {
  /** How many timed mappings there are: the decision path's one test when there are none. */
  count = 0;
  readonly #bySubject = new Map<string, TimedEntry[]>();

  add(entry: Entry): void {
    const mapping = entry.mapping;
    const key = subjectKey(mapping.subject);
    let list = this.#bySubject.get(key);
    if (list === undefined) this.#bySubject.set(key, (list = []));
    list.push({
      entry,
      from: instant(mapping.notBefore, Number.NEGATIVE_INFINITY),
      until: instant(mapping.expiresAt, Number.POSITIVE_INFINITY),
    });
    this.count++;
  }

  remove(mapping: RoleMapping): void {
    const key = subjectKey(mapping.subject);
    const list = this.#bySubject.get(key);
    const at = list?.findIndex((t) => t.entry.mapping.id === mapping.id) ?? -1;
    if (list === undefined || at < 0) return;
    list.splice(at, 1);
    if (list.length === 0) this.#bySubject.delete(key);
    this.count--;
  }

  /** A subject's timed mappings, whatever their window. */
  of(subject: Subject): readonly TimedEntry[] {
    return this.#bySubject.get(subjectKey(subject)) ?? NONE;
  }

  has(key: string): boolean {
    return this.#bySubject.has(key);
  }
}

const NONE: readonly TimedEntry[] = Object.freeze([]);
