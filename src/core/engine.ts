import { hasBit } from './bitset.js';
import type { Change } from './changes.js';
import type { AppliedBatch, Effect } from './effects.js';
import type {
  CheckRequest,
  Decision,
  Explanation,
  HeldPermission,
  LookupItem,
  LookupRequest,
  Page,
  PermissionsAtRequest,
  ReverseLookupItem,
  ReverseLookupRequest,
  ScopeAnswer,
  ScopeRequest,
  TargetRef,
} from './decision.js';
import { TesseraError } from './errors.js';
import { describeNode, explainDecision, grantFor } from './explain.js';
import type {
  Group,
  Organization,
  Permission,
  Project,
  Resource,
  Role,
  RoleMapping,
  Scope,
  Settings,
  SodConstraint,
  Subject,
  Target,
  User,
  UserStore,
} from './model.js';
import { PRIMARY_STORE, VIEW_PRIVATE_PERMISSION, isTimed, qualifiedUserName, splitQualifiedName } from './model.js';
import { ENTRY_STRIDE, type Entry, EntryList } from './entries.js';
import { DEPTH_BITS, DEPTH_MASK, GROUP_STRIDE } from './group-runs.js';
import { DEEP_NODE, NODE_MARK, NODE_STRIDE } from './targets.js';
import { ModelState } from './state.js';
import { loadMembers, loadUsers, refreshUsers } from './state/bulk.js';
import { dynamicExclusions } from './separation.js';
import type { TimedEntry } from './timed.js';
import { type OrganizationTree, organizationsUp, roleAvailableIn } from './role-availability.js';
import {
  hasActiveMember,
  hasActiveUser,
  mappingsOfRole,
  mappingsOfSubject,
  roleIsMapped,
  usersFoldedAs,
} from './state/lookups.js';
import { stateTree } from './state/shared.js';
import {
  ACTIVE,
  COUNT_SHIFT,
  DISABLED,
  INLINE_GROUPS,
  OWN_ENTRIES,
  STATUS_MASK,
  TIMED_ENTRIES,
  USER_STRIDE,
  type UserSlot,
} from './user-table.js';

const NONE = 0;
const ALLOWED = 1;
/** Only ancestors grant it, and the target is private: needs `resource:view-private`. */
const GATED = 2;
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** A whole model as `AccessEngine.load` takes it: its bulk as arrays, the rest as changes. */
export interface BulkModel {
  /** Applied first: what users and groups refer to (user stores, organizations, groups, …). */
  readonly before: readonly Change[];
  readonly users: readonly User[];
  /** Memberships as parallel arrays: `groups[i]` has the member `users[i]`. */
  readonly memberships: { readonly groups: readonly string[]; readonly users: readonly string[] };
  /** Applied last: what may refer to users (roles, mappings, settings, …). */
  readonly after: readonly Change[];
}

/** The subject whose mappings apply: a signed-in user or the anonymous guest. */
export type Principal = UserSlot | null;

/**
 * Tessera's decision engine: the model held in memory with an index kept current change by
 * change. Every answer carries the revision it reflects. Pure: no I/O.
 */
export class AccessEngine {
  readonly #state = new ModelState();
  /** Read only when a principal has a mapping with a time limit and the request names no `now`. */
  readonly #clock: () => number;

  /** `clock`: the time decisions on time-limited mappings are made at when a request gives none (ms since the epoch). */
  constructor(options: { readonly clock?: () => number } = {}) {
    this.#clock = options.clock ?? Date.now;
  }

  /** The instant a request is judged at: its own `now`, or the engine's clock. */
  nowOf(request: { readonly now?: number | undefined }): number {
    return request.now ?? this.#clock();
  }

  /** The revision of the last applied batch (0 before any). */
  get revision(): number {
    return this.#state.revision;
  }

  /**
   * Applies a batch of changes atomically and returns the new revision: the given one (which must
   * be newer, as when replaying a change log) or the current one plus one. On error nothing changes.
   */
  apply(changes: readonly Change[], revision?: number): number {
    return this.#state.applyBatch(changes, revision);
  }

  /**
   * Builds a new engine's index in bulk, as one batch at `revision`: `before`, then the users and
   * the memberships from arrays (the same checks as `user.put` and `member.add`, without an undo
   * record or effect each), then `after`. What a store does when it rebuilds the index from its
   * tables. Only on an engine that has applied nothing; on error the engine must be discarded.
   */
  load(model: BulkModel, revision?: number): number {
    const state = this.#state;
    if (state.revision !== 0 || state.users.size > 0) {
      throw new TesseraError('INVALID', 'load builds a new engine: this one has applied changes already');
    }
    const next = revision ?? 1;
    if (!Number.isSafeInteger(next) || next <= 0) {
      throw new TesseraError('STALE_REVISION', `revision ${next} is not newer than 0`, { current: 0, given: next });
    }
    state.applyBatch(model.before, next);
    loadUsers(state, model.users);
    loadMembers(state, model.memberships.groups, model.memberships.users);
    refreshUsers(state);
    state.revision = 0;
    return state.applyBatch(model.after, next);
  }

  /**
   * `apply`, reporting the batch's effects: every record put or deleted, cascades included (a
   * deleted user's memberships, direct mappings and application roles; the includers and scopes a
   * cascading role delete edits; …), in the order they happened, so a store can write exactly
   * those rows. A deleted user also yields a `deletedUserId` put. On error nothing changes and
   * nothing is reported.
   */
  applyWithEffects(changes: readonly Change[], revision?: number): AppliedBatch {
    const effects: Effect[] = [];
    return { revision: this.#state.applyBatch(changes, revision, effects), effects };
  }

  /**
   * Applies a batch, runs `inspect` on the state it would leave (with its effects), and takes the
   * batch back: nothing changes, the revision included. The administration gate judges with it.
   */
  probe<T>(changes: readonly Change[], inspect: (effects: readonly Effect[]) => T): T {
    return this.#state.probe(changes, inspect);
  }

  // ── decisions ──

  check(request: CheckRequest): Decision {
    if (request.explain === true) {
      const explanation = this.explain(request);
      return { allowed: explanation.grant !== null, revision: this.#state.revision, explanation };
    }
    const { user, permission, resource } = request;
    if (request.activeRoles !== undefined && request.activeRoles.length > 0) {
      return { allowed: this.#allowedInSession(request), revision: this.#state.revision };
    }
    return {
      allowed: this.allowed(user, permission, resource.type, resource.id, request.now),
      revision: this.#state.revision,
    };
  }

  /** A decision for a session that already used `activeRoles`: roles a dynamic constraint pairs with them do not count. */
  #allowedInSession(request: CheckRequest): boolean {
    const state = this.#state;
    const p = state.bits.permissionIndex.get(request.permission);
    const node = this.resolveTarget(request.resource);
    const principal = this.#principal(request.user);
    if (p === undefined || node < 0 || principal === undefined) return false;
    const excluded = this.excludedRoles(request.activeRoles ?? [], node);
    return this.#decideSlow(principal, p, node, this.nowOf(request), excluded, false);
  }

  /**
   * The role indexes whose mappings do not count in a session that already used `activeRoles`
   * (ids or names) at a node: every role that is, or includes, a role a dynamic constraint in
   * force there pairs with a used one. null when none is excluded.
   */
  excludedRoles(activeRoles: readonly string[], node: number): ReadonlySet<number> | null {
    const state = this.#state;
    const organization = state.targets.organizationOf(node);
    const used = new Set<string>();
    for (const name of activeRoles) {
      const role = this.findRole(name, organization);
      if (role !== undefined) for (const id of this.roleClosure(role.id)) used.add(id);
    }
    const chain = new Set(this.organizationChain(describeRef(state, node)));
    const banned = dynamicExclusions([...state.constraints.values()], used, chain);
    if (banned.size === 0) return null;
    const excluded = new Set<number>();
    for (const [id, index] of state.bits.roleIndex) {
      if (this.roleClosure(id).some((r) => banned.has(r))) excluded.add(index);
    }
    return excluded;
  }

  /** The bare decision (docs/concepts.md#the-decision-rule) on a target given as type and id; allocates nothing: the hot path. */
  allowed(user: string | null | undefined, permission: string, type: string, id: string, now?: number): boolean {
    const state = this.#state;
    // The user first: its lookup misses the cache most, and the two below overlap with it.
    let row = user === null || user === undefined ? -1 : state.userTable.rowOf.get(user);
    const p = state.bits.permissionIndex.get(permission);
    if (p === undefined) return false;
    const node = this.#resolve(type, id);
    if (node < 0) return false;
    if (row === undefined) {
      const slot = this.findUser(user!);
      if (slot === undefined) return false;
      row = slot.index;
    }
    return this.#decide(row, p, node, false, now);
  }

  /** The rule itself, for a user row (-1: the guest), a permission id and a target node. */
  #decide(user: number, p: number, node: number, ignorePrivacy = false, now?: number): boolean {
    const state = this.#state;
    const bits = state.bits;
    const levels = bits.permissionLevels[p]!;
    // The node's privacy is read only for a gated permission (few are).
    const gated = !ignorePrivacy && bits.permissionGated[p]! && state.targets.isPrivate[node]!;
    const word = p >>> 5;
    const mask = 1 << (p & 31);
    let result: number;
    if (user < 0) {
      // The guest's grants of an anonymous-gated permission count on a resource only where it allows anonymous access.
      if (state.targets.closedToAnonymous[node]! && bits.permissionAnonymousGated[p]!) return false;
      const anonymous = state.anonymousEntries;
      const chain = state.targets.chain[node]!;
      result = this.#scan(anonymous.packed, 0, anonymous.length * ENTRY_STRIDE, chain, node, word, mask, levels, gated);
    } else {
      const table = state.userTable.rows;
      const row = user * USER_STRIDE;
      const head = table[row]!;
      const status = head & STATUS_MASK;
      if (status === DISABLED) return false;
      result = NONE;
      if ((head & OWN_ENTRIES) !== 0) {
        const own = state.userTable.slotOf[user]!.entries;
        const chain = state.targets.chain[node]!;
        result = this.#scan(own.packed, 0, own.length * ENTRY_STRIDE, chain, node, word, mask, levels, gated);
        if (result === ALLOWED) return true;
      }
      const count = head >>> COUNT_SHIFT;
      // Inline groups follow the head; more than INLINE_GROUPS live in the overflow pool.
      const inline = count <= INLINE_GROUPS;
      const from = inline ? table : state.userTable.overflow.data;
      const first = inline ? row + 1 : table[row + 1]!;
      const nodes = state.targets.rows;
      const base = node * NODE_STRIDE;
      if (nodes[base + NODE_MARK] !== DEEP_NODE) {
        // The groups' runs (group-runs.ts) against the node's row: two integers an entry, the
        // chain test one read of the row, the permission's levels already in `levelFlat`.
        const runBounds = state.groupRuns.bounds;
        const runData = state.groupRuns.data;
        const levelFlat = bits.levelFlat;
        const words = bits.words;
        for (let k = first; k < first + count; k++) {
          const g = from[k]!;
          const start = runBounds[2 * g]!;
          const end = start + runBounds[2 * g + 1]!;
          for (let i = start; i < end; i += GROUP_STRIDE) {
            const at = runData[i]!;
            const meta = runData[i + 1]!;
            if (nodes[base + (meta & DEPTH_MASK)] !== at) continue;
            if ((levelFlat[(meta >>> DEPTH_BITS) * words + word]! & mask) === 0) continue;
            if (!gated || at === node) return true;
            result = GATED;
          }
        }
      } else {
        // A node deeper than its row holds: the groups' entry lists and the full chain.
        const chain = state.targets.chain[node]!;
        for (let k = first; k < first + count; k++) {
          const list = state.groupEntries[from[k]!]!;
          const found = this.#scan(list.packed, 0, list.length * ENTRY_STRIDE, chain, node, word, mask, levels, gated);
          if (found === ALLOWED) return true;
          if (found === GATED) result = GATED;
        }
      }
      const everyone = state.everyoneEntries;
      if (status === ACTIVE && everyone.length > 0) {
        const found = this.#scan(
          everyone.packed,
          0,
          everyone.length * ENTRY_STRIDE,
          state.targets.chain[node]!,
          node,
          word,
          mask,
          levels,
          gated,
        );
        if (found === ALLOWED) return true;
        if (found === GATED) result = GATED;
      }
    }
    if (result === ALLOWED) return true;
    // Time-limited mappings: only when there are some, the fast scan allowed nothing and this principal has one.
    if (state.timed.count !== 0 && this.#hasTimed(user)) {
      const at = now ?? this.#clock();
      const found = this.#scanTimed(user, p, node, ignorePrivacy, at);
      if (found === ALLOWED) return true;
      return (found === GATED || result === GATED) && this.#seesPrivate(user, node, at);
    }
    return result === GATED && this.#seesPrivate(user, node);
  }

  /** `#scan` over a principal's time-limited mappings, counting those in force at `now`. */
  #scanTimed(user: number, p: number, node: number, ignorePrivacy: boolean, now: number): number {
    const state = this.#state;
    const timed = state.timed;
    const lists: (readonly TimedEntry[])[] = [];
    if (user < 0) lists.push(timed.of({ kind: 'anonymous' }));
    else {
      const slot = state.userTable.slotOf[user]!;
      lists.push(timed.of({ kind: 'user', id: slot.record.id }));
      for (const g of slot.groups) lists.push(timed.of({ kind: 'group', id: state.groupIds[g]! }));
      if (slot.status === ACTIVE) lists.push(timed.of({ kind: 'everyone' }));
    }
    const chain = state.targets.chain[node]!;
    const levels = state.bits.permissionLevels[p]!;
    const gated = !ignorePrivacy && state.targets.isPrivate[node]! && state.bits.permissionGated[p]!;
    let result = NONE;
    for (const list of lists) {
      for (const t of list) {
        if (now < t.from || now >= t.until) continue;
        const entry = t.entry;
        if (chain[entry.depth] !== entry.node || (levels & (1 << entry.level)) === 0) continue;
        if (!hasBit(state.bits.roleBits[entry.role]!, p)) continue;
        if (!gated || entry.node === node) return ALLOWED;
        result = GATED;
      }
    }
    return result;
  }

  /** Whether a principal (by row; -1: the guest) is the subject of a time-limited mapping, directly, through a group or as everyone. */
  #hasTimed(user: number): boolean {
    const state = this.#state;
    const timed = state.timed;
    if (user < 0) return timed.anonymous > 0;
    // The row's head and groups were just read by the fast scan: no other object is touched.
    const table = state.userTable.rows;
    const row = user * USER_STRIDE;
    const head = table[row]!;
    if ((head & TIMED_ENTRIES) !== 0) return true;
    if ((head & STATUS_MASK) === ACTIVE && timed.everyone > 0) return true;
    const groups = timed.groups;
    if (groups.length === 0) return false;
    const count = head >>> COUNT_SHIFT;
    const inline = count <= INLINE_GROUPS;
    const from = inline ? table : state.userTable.overflow.data;
    const first = inline ? row + 1 : table[row + 1]!;
    for (let k = first; k < first + count; k++) {
      const g = from[k]!;
      if (g < groups.length && groups[g]! > 0) return true;
    }
    return false;
  }

  /**
   * The decision rule over entry objects, honouring time limits at `now` and skipping the
   * `excluded` role indexes (dynamic separation of duties): the slow path, for principals with
   * time-limited mappings and for sessions.
   */
  #decideSlow(
    principal: Principal,
    p: number,
    node: number,
    now: number,
    excluded: ReadonlySet<number> | null,
    ignorePrivacy: boolean,
  ): boolean {
    const state = this.#state;
    const chain = state.targets.chain[node]!;
    const levels = state.bits.permissionLevels[p]!;
    const gated = !ignorePrivacy && state.targets.isPrivate[node]! && state.bits.permissionGated[p]!;
    let result = NONE;
    for (const entries of this.entryListsAt(principal, now)) {
      for (const entry of entries) {
        if (excluded?.has(entry.role) === true) continue;
        if (chain[entry.depth] !== entry.node || (levels & (1 << entry.level)) === 0) continue;
        if (!hasBit(state.bits.roleBits[entry.role]!, p)) continue;
        if (!gated || entry.node === node) return true;
        result = GATED;
      }
    }
    if (result !== GATED) return false;
    const view = state.bits.permissionIndex.get(VIEW_PRIVATE_PERMISSION);
    return view !== undefined && this.#decideSlow(principal, view, node, now, excluded, true);
  }
  #scan(
    packed: Int32Array,
    start: number,
    end: number,
    chain: Int32Array,
    node: number,
    word: number,
    mask: number,
    levels: number,
    gated: boolean,
  ): number {
    const bits = this.#state.bits.flat;
    const words = this.#state.bits.words;
    let result = NONE;
    for (let i = start; i < end; i += ENTRY_STRIDE) {
      const at = packed[i]!;
      if (chain[packed[i + 1]!] !== at || (levels & (1 << packed[i + 2]!)) === 0) continue;
      if ((bits[packed[i + 3]! * words + word]! & mask) === 0) continue;
      if (!gated || at === node) return ALLOWED;
      result = GATED;
    }
    return result;
  }

  /** Whether a principal holds `resource:view-private` at a node: the key to a private resource without an invitation. */
  #seesPrivate(user: number, node: number, now?: number): boolean {
    const p = this.#state.bits.permissionIndex.get(VIEW_PRIVATE_PERMISSION);
    // Never gated itself: the resource's privacy must not hide the key to it.
    return p !== undefined && this.#decide(user, p, node, true, now);
  }

  /** Whether a principal holds `resource:view-private` at a target (explanations use it). */
  seesPrivate(principal: Principal, node: number, now?: number, excluded: ReadonlySet<number> | null = null): boolean {
    if (excluded !== null) {
      const p = this.#state.bits.permissionIndex.get(VIEW_PRIVATE_PERMISSION);
      return p !== undefined && this.#decideSlow(principal, p, node, now ?? this.#clock(), excluded, true);
    }
    return this.#seesPrivate(rowOf(principal), node, now);
  }

  /** Whether one mapping entry counts for a principal at a node for a permission (for reverse lookup and rules). */
  entryCounts(principal: Principal, entry: Entry, p: number, node: number, now?: number): boolean {
    const state = this.#state;
    if (state.targets.chain[node]![entry.depth] !== entry.node) return false;
    if ((state.bits.permissionLevels[p]! & (1 << entry.level)) === 0) return false;
    if (!hasBit(state.bits.roleBits[entry.role]!, p)) return false;
    if (principal === null && state.targets.closedToAnonymous[node]! && state.bits.permissionAnonymousGated[p]!)
      return false;
    if (entry.node === node || !state.targets.isPrivate[node] || !state.bits.permissionGated[p]) return true;
    return this.#seesPrivate(rowOf(principal), node, now);
  }

  checkMany(requests: readonly CheckRequest[]): { revision: number; decisions: Decision[] } {
    return { revision: this.#state.revision, decisions: requests.map((request) => this.check(request)) };
  }

  explain(request: CheckRequest): Explanation {
    return explainDecision(this, this.#state, request);
  }

  /** Every declared permission the user holds at the target. */
  permissionsAt(request: PermissionsAtRequest): { revision: number; permissions: HeldPermission[] } {
    const state = this.#state;
    const node = this.resolveTarget(request.resource);
    const principal = this.#principal(request.user);
    const permissions: HeldPermission[] = [];
    if (node >= 0 && principal !== undefined && (principal === null || principal.status !== DISABLED)) {
      const now = this.nowOf(request);
      for (const [key, p] of [...state.bits.permissionIndex].sort((a, b) => compare(a[0], b[0]))) {
        if (!this.#decide(rowOf(principal), p, node, false, now)) continue;
        if (request.explain === true) {
          const explanation = this.explain({
            user: request.user ?? null,
            permission: key,
            resource: request.resource,
            now,
          });
          permissions.push(explanation.grant === null ? { key } : { key, grant: explanation.grant });
        } else {
          permissions.push({ key });
        }
      }
    }
    return { revision: state.revision, permissions };
  }

  /** The targets of a type the user may act on with the permission, ascending by id, complete across pages. */
  lookup(request: LookupRequest): Page<LookupItem> {
    const state = this.#state;
    const p = state.bits.permissionIndex.get(request.permission);
    const principal = this.#principal(request.user);
    if (p === undefined || principal === undefined) return { revision: state.revision, items: [], next: null };
    // Candidates: targets of the type below (or at) a node where some mapping of the user holds the permission.
    const now = this.nowOf(request);
    const origins = new Set<number>();
    for (const entries of this.entryListsAt(principal, now)) {
      for (const entry of entries) if (hasBit(state.bits.roleBits[entry.role]!, p)) origins.add(entry.node);
    }
    const candidates = new Set<number>();
    for (const origin of origins) this.#collectBelow(origin, request.type, candidates);
    const ids: [string, number][] = [];
    for (const node of candidates)
      if (this.#decide(rowOf(principal), p, node, false, now)) ids.push([state.targets.entity[node]!, node]);
    ids.sort((a, b) => compare(a[0], b[0]));
    return this.#page(ids, request.limit, request.after, ([id, node]) => {
      const item = this.#describe(id, node);
      if (request.explain !== true) return item;
      const grant = this.explain({
        user: request.user ?? null,
        permission: request.permission,
        resource: { type: item.type, id },
        now,
      }).grant;
      return grant === null ? item : { ...item, grant };
    });
  }

  #collectBelow(origin: number, type: string, into: Set<number>): void {
    const state = this.#state;
    const stack = [origin];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (state.targets.type[node] === type && state.targets.entity[node] !== '') into.add(node);
      for (const child of state.targets.children[node]!) stack.push(child);
    }
  }

  #describe(id: string, node: number): LookupItem {
    const state = this.#state;
    const level = state.targets.level[node]!;
    if (level === 'organization') {
      const organization = state.organizations.get(id)!;
      return { id, type: 'organization', name: organization.name, path: organization.name };
    }
    if (level === 'project') {
      const project = state.projects.get(id)!;
      return { id, type: 'project', name: project.name, path: state.projectPath(project) };
    }
    const resource = state.resources.get(id)!;
    return { id, type: resource.type, name: resource.name, path: state.resourcePaths(resource)[0]! };
  }

  /** The users (and the guest) who may act on a target with a permission, each with the highest-level grant. */
  reverseLookup(request: ReverseLookupRequest): Page<ReverseLookupItem> {
    const state = this.#state;
    const p = state.bits.permissionIndex.get(request.permission);
    const node = this.resolveTarget(request.resource);
    if (p === undefined || node < 0) return { revision: state.revision, items: [], next: null };
    const now = this.nowOf(request);
    const found = new Map<string, ReverseLookupItem>();
    // Top-down, so the first grant seen for a user is the highest-level one.
    for (const at of state.targets.chain[node]!) {
      const mappings = [...state.targets.mappings[at]!]
        .map((id) => state.mappings.get(id)!)
        .sort((a, b) => compare(a.id, b.id));
      for (const mapping of mappings) {
        const timed = state.timed.of(mapping.subject).find((t) => t.entry.mapping.id === mapping.id);
        if (timed !== undefined && !(timed.from <= now && now < timed.until)) continue;
        const entry = timed?.entry ?? state.entriesOf(mapping.subject).find(mapping.id)!;
        for (const [principal, group] of this.#principalsOf(mapping)) {
          const key = principal === null ? '' : principal.record.id;
          if (found.has(key)) continue;
          if (principal !== null && principal.status === DISABLED) continue;
          if (!this.entryCounts(principal, entry, p, node, now)) continue;
          found.set(key, {
            user: principal === null ? null : { id: principal.record.id, name: qualifiedUserName(principal.record) },
            grant: grantFor(state, mapping, group, request.permission),
          });
        }
      }
    }
    const items = [...found.entries()].sort((a, b) => compare(a[0], b[0]));
    return this.#page(items, request.limit, request.after, ([, item]) => item);
  }

  *#principalsOf(mapping: RoleMapping): Iterable<[Principal, Group | null]> {
    const state = this.#state;
    const subject = mapping.subject;
    if (subject.kind === 'user') {
      const slot = state.users.get(subject.id);
      if (slot !== undefined) yield [slot, null];
    } else if (subject.kind === 'group') {
      const group = state.groups.get(subject.id)!;
      for (const user of state.groupMembers[state.groupIndex.get(subject.id)!]!) yield [state.users.get(user)!, group];
    } else if (subject.kind === 'everyone') {
      for (const slot of state.users.values()) if (slot.status === ACTIVE) yield [slot, null];
    } else {
      yield [null, null];
    }
  }

  /** Of the requested scopes, those allowed to a role the user holds at the target (WSO2's scope-role mapping). */
  grantableScopes(request: ScopeRequest): ScopeAnswer {
    const state = this.#state;
    const node = this.resolveTarget(request.resource);
    const principal = this.#principal(request.user);
    const held = new Set<string>();
    if (node >= 0 && principal !== undefined && (principal === null || principal.status !== DISABLED)) {
      const chain = state.targets.chain[node]!;
      for (const entries of this.entryListsAt(principal, this.nowOf(request))) {
        for (const entry of entries) {
          if (chain[entry.depth] !== entry.node) continue;
          for (const role of state.bits.roleClosure[entry.role]!) held.add(role);
        }
      }
    }
    const granted: string[] = [];
    const grantedBy: Record<string, string> = {};
    const refused: { scope: string; reason: string }[] = [];
    for (const name of new Set(request.requested)) {
      const scope = state.scopes.get(name);
      const role = scope?.roles.find((id) => held.has(id));
      if (scope === undefined) refused.push({ scope: name, reason: 'unknown scope' });
      else if (role === undefined)
        refused.push({ scope: name, reason: 'none of the roles allowed this scope is held' });
      else {
        granted.push(name);
        grantedBy[name] = state.roles.get(role)!.name;
      }
    }
    return { revision: state.revision, granted, grantedBy, refused };
  }

  // ── resolution ──

  /** A user by id, `STORE/username`, or bare username (PRIMARY). */
  findUser(reference: string): UserSlot | undefined {
    const state = this.#state;
    const byId = state.users.get(reference);
    if (byId !== undefined) return byId;
    const { store, name } = splitQualifiedName(reference);
    const id = state.userByName.get(`${store}/${name}`);
    return id === undefined ? undefined : state.users.get(id);
  }

  /** undefined: unknown user; null: the guest. */
  #principal(user: string | null | undefined): Principal | undefined {
    if (user === null || user === undefined) return null;
    return this.findUser(user);
  }

  /** A principal's entry lists: its own, its groups', everyone's (active users), and its time-limited ones in force at `now`. */
  entryListsAt(principal: Principal, now: number): EntryList[] {
    const state = this.#state;
    if (principal !== null && principal.status === DISABLED) return [];
    const subjects: Subject[] =
      principal === null
        ? [{ kind: 'anonymous' }]
        : [
            { kind: 'user', id: principal.record.id },
            ...principal.groups.map((g): Subject => ({ kind: 'group', id: state.groupIds[g]! })),
          ];
    if (principal !== null && principal.status === ACTIVE) subjects.push({ kind: 'everyone' });
    const lists = subjects.map((subject) =>
      subject.kind === 'user' ? (principal as UserSlot).entries : state.entriesOf(subject),
    );
    if (state.timed.count === 0) return lists;
    const timed = new EntryList();
    for (const subject of subjects)
      for (const t of state.timed.of(subject)) if (t.from <= now && now < t.until) timed.push(t.entry);
    if (timed.length > 0) lists.push(timed);
    return lists;
  }

  /** The node of a target: by id, by path (`acme`, `acme/engineering`, `acme/engineering/api/pizza-shack`) or by unique name. */
  resolveTarget(ref: TargetRef): number {
    return this.#resolve(ref.type, ref.id);
  }

  /** The target a reference names, with its id and display path; undefined when it names none. */
  describeTarget(ref: TargetRef): (Target & { readonly name: string; readonly type: string }) | undefined {
    const node = this.#resolve(ref.type, ref.id);
    if (node < 0) return undefined;
    const state = this.#state;
    return { ...describeNode(state, node), type: state.targets.type[node]! };
  }

  #resolve(type: string, id: string): number {
    const state = this.#state;
    if (type === 'project') {
      const node = state.targets.byId.project.get(id);
      if (node !== undefined) return node;
      const byPath = state.projectByPath.get(id);
      return byPath === undefined ? -1 : state.node('project', byPath);
    }
    if (type === 'organization') {
      const node = state.node('organization', id);
      if (node >= 0) return node;
      const byName = state.organizationByName.get(id);
      return byName === undefined ? -1 : state.node('organization', byName);
    }
    let node = state.node('resource', id);
    if (node < 0) {
      const byPath = state.resourceByPath.get(id) ?? this.#resourceByUniqueName(type, id);
      if (byPath === undefined) return -1;
      node = state.node('resource', byPath);
    }
    return node >= 0 && state.targets.type[node] === type ? node : -1;
  }

  #resourceByUniqueName(type: string, name: string): string | undefined {
    let found: string | undefined;
    for (const node of this.#state.targets.resourcesByType.get(type) ?? []) {
      const resource = this.#state.resources.get(this.#state.targets.entity[node]!);
      if (resource?.name !== name) continue;
      if (found !== undefined) return undefined;
      found = resource.id;
    }
    return found;
  }

  /**
   * A role usable in an organization (or at the root when `organization` is null), by name or alias:
   * the one defined nearest (the organization, then each ancestor), else the root role. An id is
   * answered as is, wherever the role is defined (see `roleAvailableIn`).
   */
  findRole(name: string, organization: string | null = null): Role | undefined {
    const state = this.#state;
    const byId = state.roles.get(name);
    if (byId !== undefined) return byId;
    if (organization !== null)
      for (const id of organizationsUp(stateTree(state), organization)) {
        const found = state.roleByName.get(`${id}\u0000${name}`);
        if (found !== undefined) return state.roles.get(found);
      }
    const id = state.roleByName.get(`\u0000${name}`);
    return id === undefined ? undefined : state.roles.get(id);
  }

  /** Whether a role may be used in the organization: a root role, or one of the organization or an ancestor. */
  roleAvailableIn(roleId: string, organization: string | null): boolean {
    const role = this.#state.roles.get(roleId);
    return role !== undefined && roleAvailableIn(stateTree(this.#state), role, organization);
  }

  /** The organization tree, for the role-availability rule (`role-availability.ts`). */
  organizationTree(): OrganizationTree {
    return stateTree(this.#state);
  }

  #page<T, R>(
    sorted: readonly T[],
    limit: number | undefined,
    after: string | null | undefined,
    map: (item: T) => R,
  ): Page<R> {
    const size = Math.min(Math.max(1, Math.floor(limit ?? DEFAULT_PAGE)), MAX_PAGE);
    const keyOf = (item: T): string => (item as unknown as [string])[0];
    let start = 0;
    if (after !== undefined && after !== null) {
      // First key strictly after the cursor: stable even if the cursor's own entry is gone.
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (compare(keyOf(sorted[mid]!), after) <= 0) low = mid + 1;
        else high = mid;
      }
      start = low;
    }
    const slice = sorted.slice(start, start + size);
    const last = slice[slice.length - 1];
    const next = start + size < sorted.length && last !== undefined ? keyOf(last) : null;
    return { revision: this.#state.revision, items: slice.map(map), next };
  }

  // ── read access to the records ──

  get settings(): Settings {
    return this.#state.settings;
  }
  organizations(): Organization[] {
    return [...this.#state.organizations.values()];
  }
  projects(): Project[] {
    return [...this.#state.projects.values()];
  }
  resources(): Resource[] {
    return [...this.#state.resources.values()];
  }
  userStores(): UserStore[] {
    return [...this.#state.userStores.values()];
  }
  users(): User[] {
    return [...this.#state.users.values()].map((slot) => slot.record);
  }
  user(reference: string): User | undefined {
    return this.findUser(reference)?.record;
  }
  groups(): Group[] {
    return [...this.#state.groups.values()];
  }
  group(id: string): Group | undefined {
    return this.#state.groups.get(id);
  }
  /** A group by name within an organization (id or name). */
  findGroup(organization: string, name: string): Group | undefined {
    const state = this.#state;
    const organizationId = state.organizations.has(organization)
      ? organization
      : state.organizationByName.get(organization);
    const id = state.groupByName.get(`${organizationId}\u0000${name}`);
    return id === undefined ? state.groups.get(name) : state.groups.get(id);
  }
  members(groupId: string): string[] {
    const index = this.#state.groupIndex.get(groupId);
    return index === undefined || !this.#state.groups.has(groupId) ? [] : [...this.#state.groupMembers[index]!];
  }
  groupsOf(userId: string): string[] {
    const slot = this.#state.users.get(userId);
    return slot === undefined ? [] : slot.groups.map((g) => this.#state.groupIds[g]!);
  }
  permissions(): Permission[] {
    return [...this.#state.permissions.values()];
  }
  permission(key: string): Permission | undefined {
    return this.#state.permissions.get(key);
  }
  roles(): Role[] {
    return [...this.#state.roles.values()];
  }
  role(id: string): Role | undefined {
    return this.#state.roles.get(id);
  }
  /** Every declared key a role grants, with its included roles and the permission tree expanded. */
  rolePermissions(roleId: string): string[] {
    const state = this.#state;
    const index = state.bits.roleIndex.get(roleId);
    if (index === undefined || !state.roles.has(roleId)) return [];
    // The role's set bits, not every permission of the installation: the cost of the role's size.
    const { permissionIndex, permissionKeys } = state.bits;
    const bits = state.bits.roleBits[index]!;
    const keys: string[] = [];
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const low = word & -word;
        const p = w * 32 + (31 - Math.clz32(low));
        word ^= low;
        const key = permissionKeys[p];
        // A deleted key keeps its id: only keys whose id is still theirs count.
        if (key !== undefined && permissionIndex.get(key) === p) keys.push(key);
      }
    }
    return keys.sort(compare);
  }
  /** The role and every role it includes, transitively. */
  roleClosure(roleId: string): string[] {
    const index = this.#state.bits.roleIndex.get(roleId);
    return index === undefined ? [] : [...this.#state.bits.roleClosure[index]!];
  }
  scopes(): Scope[] {
    return [...this.#state.scopes.values()];
  }
  mappings(): RoleMapping[] {
    return [...this.#state.mappings.values()];
  }
  mapping(id: string): RoleMapping | undefined {
    return this.#state.mappings.get(id);
  }
  constraints(): SodConstraint[] {
    return [...this.#state.constraints.values()];
  }
  constraint(id: string): SodConstraint | undefined {
    return this.#state.constraints.get(id);
  }
  /** Mappings with `notBefore` or `expiresAt`, whatever their window (the expiry sweeper reads them). */
  timedMappings(): RoleMapping[] {
    return [...this.#state.mappings.values()].filter(isTimed);
  }
  /** Mappings at a target (not its ancestors). */
  mappingsAt(level: RoleMapping['target']['level'], id: string): RoleMapping[] {
    const node = this.#state.node(level, id);
    return node < 0 ? [] : [...this.#state.targets.mappings[node]!].map((m) => this.#state.mappings.get(m)!);
  }
  // ── lookups by index (the administration rules): each costs what it answers, not the policy ──
  /** The mappings held by exactly this subject, time-limited ones included. */
  mappingsOf(subject: Subject): RoleMapping[] {
    return mappingsOfSubject(this.#state, subject);
  }
  /** The mappings of exactly this role (not of the roles including it). */
  mappingsOfRole(roleId: string): RoleMapping[] {
    return mappingsOfRole(this.#state, roleId);
  }
  /** Whether a mapping grants the role, directly or through a role that includes it. */
  isRoleMapped(roleId: string): boolean {
    return roleIsMapped(this.#state, roleId);
  }
  organization(id: string): Organization | undefined {
    return this.#state.organizations.get(id);
  }
  project(id: string): Project | undefined {
    return this.#state.projects.get(id);
  }
  resource(id: string): Resource | undefined {
    return this.#state.resources.get(id);
  }
  userStore(name: string): UserStore | undefined {
    return this.#state.userStores.get(name);
  }
  isMember(groupId: string, userId: string): boolean {
    const index = this.#state.groupIndex.get(groupId);
    return index !== undefined && this.#state.groups.has(groupId) && this.#state.groupMembers[index]!.has(userId);
  }
  hasActiveMember(groupId: string): boolean {
    return hasActiveMember(this.#state, groupId);
  }
  hasActiveUser(): boolean {
    return hasActiveUser(this.#state);
  }
  /** Ids of the users of the store whose username equals this one but for case. */
  usersFoldedAs(store: string, username: string): readonly string[] {
    return usersFoldedAs(this.#state, store, username);
  }
  /** Whether a user id belonged to a deleted user (ids are never reused). */
  isDeletedUserId(id: string): boolean {
    return this.#state.deletedUserIds.has(id);
  }
  /** The organization ids from the target's own up to the root, nearest first. */
  organizationChain(ref: TargetRef): string[] {
    const node = this.resolveTarget(ref);
    if (node < 0) return [];
    const state = this.#state;
    return [...state.targets.chain[node]!]
      .reverse()
      .filter((n) => state.targets.level[n] === 'organization')
      .map((n) => state.targets.entity[n]!);
  }
  /** Users by id, for enumerations that must see every user (no-lock-out). */
  userSlots(): Iterable<UserSlot> {
    return this.#state.users.values();
  }
  get primaryStore(): string {
    return PRIMARY_STORE;
  }
}

function describeRef(state: ModelState, node: number): TargetRef {
  const level = state.targets.level[node]!;
  return { type: level === 'resource' ? state.targets.type[node]! : level, id: state.targets.entity[node]! };
}

function rowOf(principal: Principal): number {
  return principal === null ? -1 : principal.index;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
