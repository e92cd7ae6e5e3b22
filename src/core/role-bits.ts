import { type Bitset, orInto, setBit, wordsFor } from './bitset.js';
import { ALL_PERMISSIONS, type Level, type Role } from './model.js';

export const LEVEL_BIT: Readonly<Record<Level, number>> = { organization: 1, project: 2, resource: 4 };
const ALL_LEVELS = 7;

/**
 * Permission keys as integer ids, and each role's permissions — its own keys' subtrees and those
 * of the roles it includes — as a bitset over those ids. The decision path reads `flat`, every
 * role's bits side by side (`words` words each).
 */
export class RoleBits {
  readonly permissionIndex = new Map<string, number>();
  readonly permissionKeys: string[] = [];
  /** Per permission id: the levels it may be granted at, as LEVEL_BIT flags. */
  readonly permissionLevels: number[] = [];
  readonly permissionGated: boolean[] = [];
  /** Per permission id: the anonymous guest holds it on a resource only where the resource allows anonymous access. */
  readonly permissionAnonymousGated: boolean[] = [];
  readonly permissionChildren = new Map<string, Set<string>>();

  readonly roleIndex = new Map<string, number>();
  readonly roleIds: string[] = [];
  readonly roleBits: Bitset[] = [];
  /** The role and every role it includes, transitively. */
  readonly roleClosure: Set<string>[] = [];
  flat = new Uint32Array(0);
  /**
   * Per role and level index (organization 0, project 1, resource 2; slot 3 unused): the role's
   * bits that may be granted at that level, at `((role << 2) | level) * words`. A group's entry
   * reads one word of it: the permission's levels are already applied.
   */
  levelFlat = new Uint32Array(0);
  words = 1;

  readonly #roles: ReadonlyMap<string, Role>;
  readonly #includedBy: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(roles: ReadonlyMap<string, Role>, includedBy: ReadonlyMap<string, ReadonlySet<string>>) {
    this.#roles = roles;
    this.#includedBy = includedBy;
  }

  /** Gives a new key the next id; roles holding one of its ancestors now hold it too. */
  addPermission(key: string, parent: string | null): number {
    const index = this.permissionKeys.length;
    this.permissionIndex.set(key, index);
    this.permissionKeys.push(key);
    this.permissionLevels.push(ALL_LEVELS);
    this.permissionGated.push(false);
    this.permissionAnonymousGated.push(false);
    if (parent !== null) this.#childrenOf(parent).add(key);
    this.recomputeAll();
    return index;
  }

  /** Takes back the last `addPermission`. */
  removeLastPermission(key: string, parent: string | null): void {
    this.permissionIndex.delete(key);
    this.permissionKeys.pop();
    this.permissionLevels.pop();
    this.permissionGated.pop();
    this.permissionAnonymousGated.pop();
    if (parent !== null) this.#childrenOf(parent).delete(key);
    this.recomputeAll();
  }

  /** A deleted key becomes unknown; its id stays taken (ids are positions in every bitset). */
  forgetPermission(key: string, parent: string | null): void {
    this.permissionIndex.delete(key);
    if (parent !== null) this.#childrenOf(parent).delete(key);
    this.recomputeAll();
  }

  rememberPermission(key: string, index: number, parent: string | null): void {
    this.permissionIndex.set(key, index);
    if (parent !== null) this.#childrenOf(parent).add(key);
    this.recomputeAll();
  }

  setFlags(index: number, levels: readonly Level[], gated: boolean, anonymousGated = false): void {
    let mask = 0;
    for (const level of levels) mask |= LEVEL_BIT[level];
    this.permissionLevels[index] = mask === 0 ? ALL_LEVELS : mask;
    this.permissionGated[index] = gated;
    this.permissionAnonymousGated[index] = anonymousGated;
    this.#flatten();
  }

  /** Recomputes a role's bits and those of every role that includes it (the role must be known). */
  recomputeFrom(roleId: string): void {
    if (!this.roleIndex.has(roleId)) {
      this.roleIndex.set(roleId, this.roleIds.length);
      this.roleIds.push(roleId);
      this.roleBits.push(new Uint32Array(this.words));
      this.roleClosure.push(new Set());
    }
    const affected: string[] = [];
    const seen = new Set<string>();
    const stack = [roleId];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      affected.push(current);
      for (const parent of this.#includedBy.get(current) ?? []) stack.push(parent);
    }
    const memo = new Map<string, Bitset>();
    for (const id of affected) if (this.#roles.has(id)) this.#compute(id, memo, new Set());
    this.#flatten();
  }

  /** A deleted role grants nothing (its id stays taken). */
  clearRole(roleId: string): void {
    const index = this.roleIndex.get(roleId)!;
    this.roleBits[index] = new Uint32Array(this.words);
    this.roleClosure[index] = new Set();
    this.#flatten();
  }

  recomputeAll(): void {
    this.words = wordsFor(this.permissionKeys.length);
    for (let i = 0; i < this.roleBits.length; i++) this.roleBits[i] = new Uint32Array(this.words);
    const memo = new Map<string, Bitset>();
    for (const id of this.#roles.keys()) this.#compute(id, memo, new Set());
    this.#flatten();
  }

  #flatten(): void {
    const flat = new Uint32Array(this.roleBits.length * this.words);
    for (let i = 0; i < this.roleBits.length; i++) flat.set(this.roleBits[i]!.subarray(0, this.words), i * this.words);
    this.flat = flat;
    const words = this.words;
    // Per level index, the permissions that may be granted there.
    const allowedAt = [0, 1, 2].map((level) => {
      const set = new Uint32Array(words);
      for (let p = 0; p < this.permissionLevels.length; p++) {
        if ((this.permissionLevels[p]! & (1 << level)) !== 0) setBit(set, p);
      }
      return set;
    });
    const levelFlat = new Uint32Array(this.roleBits.length * 4 * words);
    for (let role = 0; role < this.roleBits.length; role++) {
      for (let level = 0; level < 3; level++) {
        const at = ((role << 2) | level) * words;
        for (let w = 0; w < words; w++) levelFlat[at + w] = flat[role * words + w]! & allowedAt[level]![w]!;
      }
    }
    this.levelFlat = levelFlat;
  }

  #compute(roleId: string, memo: Map<string, Bitset>, closure: Set<string>): Bitset {
    const index = this.roleIndex.get(roleId)!;
    const done = memo.get(roleId);
    if (done !== undefined) {
      for (const id of this.roleClosure[index]!) closure.add(id);
      return done;
    }
    const role = this.#roles.get(roleId)!;
    const bits = new Uint32Array(this.words);
    const own = new Set<string>([roleId]);
    for (const key of role.permissions) this.#setSubtree(bits, key);
    for (const included of role.includes) {
      if (this.#roles.has(included)) orInto(bits, this.#compute(included, memo, own));
    }
    this.roleBits[index] = bits;
    this.roleClosure[index] = own;
    memo.set(roleId, bits);
    for (const id of own) closure.add(id);
    return bits;
  }

  #setSubtree(bits: Bitset, key: string): void {
    if (key === ALL_PERMISSIONS) {
      for (const [, index] of this.permissionIndex) setBit(bits, index);
      return;
    }
    const stack = [key];
    while (stack.length > 0) {
      const current = stack.pop()!;
      const index = this.permissionIndex.get(current);
      if (index !== undefined) setBit(bits, index);
      for (const child of this.permissionChildren.get(current) ?? []) stack.push(child);
    }
  }

  #childrenOf(key: string): Set<string> {
    let set = this.permissionChildren.get(key);
    if (set === undefined) this.permissionChildren.set(key, (set = new Set()));
    return set;
  }
}
