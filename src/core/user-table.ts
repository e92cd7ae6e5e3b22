import { EntryList } from './entries.js';
import type { User } from './model.js';
import { RunPool, grow } from './run-pool.js';

export const ACTIVE = 0;
export const INVITED = 1;
export const DISABLED = 2;

/** The decision-time view of a user. */
export interface UserSlot {
  readonly record: User;
  readonly status: number;
  /** Group indexes. */
  readonly groups: number[];
  /** The user's own mappings; NO_OWN_ENTRIES (shared, never written) until they get one. */
  entries: EntryList;
  /** The user's row in the user table. */
  readonly index: number;
}

/** Most users have no mapping of their own; they share this empty list. */
export const NO_OWN_ENTRIES = Object.freeze(new EntryList());

/**
 * `rows` holds four integers per user: a head — status (3 bits), OWN_ENTRIES, and the number of
 * groups from bit 8 — then the user's groups, inline when there are at most INLINE_GROUPS;
 * otherwise the first slot is where they start in `overflow`. A check reads one cache line for
 * the user. Rows are never reused.
 */
export const USER_STRIDE = 4;
export const INLINE_GROUPS = 3;
export const OWN_ENTRIES = 8;
/** The user is the direct subject of a time-limited mapping (kept across `refresh`). */
export const TIMED_ENTRIES = 16;
export const STATUS_MASK = 7;
export const COUNT_SHIFT = 8;

export class UserTable {
  /** User id → row, for the decision path. */
  readonly rowOf = new Map<string, number>();
  readonly idOf: string[] = [];
  readonly slotOf: (UserSlot | undefined)[] = [];
  rows: Int32Array = new Int32Array(USER_STRIDE * 1024);
  /** The groups of users in more than INLINE_GROUPS groups. */
  readonly overflow = new RunPool();

  newRow(id: string): number {
    const index = this.idOf.length;
    this.idOf.push(id);
    this.rowOf.set(id, index);
    if ((index + 1) * USER_STRIDE > this.rows.length) this.rows = grow(this.rows, this.rows.length * 2);
    this.overflow.ensureOwner(index);
    return index;
  }

  /** Mirrors a user's status, groups and own mappings into their row. */
  refresh(slot: UserSlot): void {
    this.rowOf.set(slot.record.id, slot.index);
    this.slotOf[slot.index] = slot;
    const row = slot.index * USER_STRIDE;
    const count = slot.groups.length;
    this.rows[row] =
      slot.status |
      (slot.entries.length > 0 ? OWN_ENTRIES : 0) |
      (this.rows[row]! & TIMED_ENTRIES) |
      (count << COUNT_SHIFT);
    if (count <= INLINE_GROUPS) {
      for (let i = 0; i < count; i++) this.rows[row + 1 + i] = slot.groups[i]!;
    } else {
      this.overflow.set(slot.index, slot.groups);
      this.rows[row + 1] = this.overflow.bounds[2 * slot.index]!;
    }
  }

  /** Marks whether a user is the direct subject of a time-limited mapping. */
  setTimed(index: number, timed: boolean): void {
    const row = index * USER_STRIDE;
    this.rows[row] = timed ? this.rows[row]! | TIMED_ENTRIES : this.rows[row]! & ~TIMED_ENTRIES;
  }

  /** A deleted user's row denies everything. */
  retire(slot: UserSlot): void {
    this.rowOf.delete(slot.record.id);
    this.slotOf[slot.index] = undefined;
    this.rows[slot.index * USER_STRIDE] = DISABLED;
  }
}
