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
  /** How many timed mappings each user id is the direct subject of (the decision path's lookup, no string built). */
  readonly users = new Map<string, number>();
  /** Per group index: how many timed mappings the group is the subject of. */
  readonly groups: number[] = [];
  everyone = 0;
  anonymous = 0;

  /** `group`: the group's index when the subject is a group. */
  add(entry: Entry, group?: number): void {
    this.#count(entry.mapping.subject, group, 1);
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

  remove(mapping: RoleMapping, group?: number): void {
    const key = subjectKey(mapping.subject);
    const list = this.#bySubject.get(key);
    const at = list?.findIndex((t) => t.entry.mapping.id === mapping.id) ?? -1;
    if (list === undefined || at < 0) return;
    this.#count(mapping.subject, group, -1);
    list.splice(at, 1);
    if (list.length === 0) this.#bySubject.delete(key);
    this.count--;
  }

  #count(subject: Subject, group: number | undefined, delta: number): void {
    if (subject.kind === 'user') {
      const n = (this.users.get(subject.id) ?? 0) + delta;
      if (n === 0) this.users.delete(subject.id);
      else this.users.set(subject.id, n);
    } else if (subject.kind === 'group' && group !== undefined) {
      // Kept dense (no holes), so the decision path reads it as a plain array of small integers.
      while (this.groups.length <= group) this.groups.push(0);
      this.groups[group]! += delta;
    } else if (subject.kind === 'everyone') this.everyone += delta;
    else if (subject.kind === 'anonymous') this.anonymous += delta;
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
