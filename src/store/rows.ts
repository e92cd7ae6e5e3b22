import type { AccessEngine, BulkModel } from '../core/engine.js';
import type { Change } from '../core/changes.js';
import type { Effect } from '../core/effects.js';
import type { Organization, Role } from '../core/model.js';
import { KINDS } from './kinds.js';
import type { EntityKind, EntityRecords } from './store.js';

/** One row to write: `record` null deletes it. */
export interface RowChange {
  readonly kind: EntityKind;
  readonly key: string;
  readonly nameKey: string | null;
  readonly record: string | null;
}

/** What a batch changed: the rows to write and, for the audit log, each record before and after. */
export interface AppliedRows {
  readonly rows: RowChange[];
  readonly changed: NetEffect[];
}

/** A record a batch changed, as it was before the batch and is after it (null: absent). */
export interface NetEffect {
  readonly kind: EntityKind;
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * Applies a batch to the engine at `revision` and returns the rows it changed, cascades included,
 * from the effects the engine reports: cost proportional to what the batch touched, not to the
 * tables. Deterministic: replaying the batch on an engine in the same state yields the same rows.
 */
export function applyBatch(engine: AccessEngine, changes: readonly Change[], revision: number): AppliedRows {
  return rowsOf(engine.applyWithEffects(changes, revision).effects);
}

/**
 * The net rows of a batch's effects: per record, its state after the batch, unless the batch left
 * it as it was before (then its row and version stay as they are).
 */
export function rowsOf(effects: readonly Effect[]): AppliedRows {
  const net = new Map<string, { before: unknown; after: Effect }>();
  for (const effect of effects) {
    const id = `${effect.kind}\u0000${effect.key}`;
    const seen = net.get(id);
    if (seen === undefined) net.set(id, { before: effect.previous, after: effect });
    else seen.after = effect;
  }
  const rows: RowChange[] = [];
  const changed: NetEffect[] = [];
  for (const { before, after } of net.values()) {
    const { kind, key, record } = after;
    if (record === before) continue;
    if (record === null) {
      rows.push({ kind, key, nameKey: null, record: null });
      changed.push({ kind, key, before, after: null });
      continue;
    }
    const text = JSON.stringify(record);
    if (before !== null && JSON.stringify(before) === text) continue;
    const spec = KINDS[kind] as unknown as (typeof KINDS)['organization'];
    rows.push({ kind, key, nameKey: spec.nameKey(record as Organization), record: text });
    changed.push({ kind, key, before, after: record });
  }
  return { rows, changed };
}

export type Rows = { readonly [K in EntityKind]: readonly EntityRecords[K][] };

/** The tables as the index is rebuilt from them: memberships as parallel arrays of group and user ids. */
export type LoadedRows = Omit<Rows, 'membership'> & { readonly membership: BulkModel['memberships'] };

/**
 * The changes that rebuild an engine from the tables, in an order the engine accepts: what is
 * referenced before what refers to it. Organizations get their admin role once roles exist.
 */
export function changesFromRows(rows: Rows): Change[] {
  const model = modelFromRows({
    ...rows,
    membership: { groups: rows.membership.map((m) => m.group), users: rows.membership.map((m) => m.user) },
  });
  const changes: Change[] = [...model.before];
  for (const user of model.users) changes.push({ op: 'user.put', user });
  const { groups, users } = model.memberships;
  for (let i = 0; i < groups.length; i++)
    changes.push({ op: 'member.add', membership: { group: groups[i]!, user: users[i]! } });
  changes.push(...model.after);
  return changes;
}

/**
 * The tables as `AccessEngine.load` takes them: users and memberships as arrays, the rest as
 * changes in an order the engine accepts (what is referenced before what refers to it;
 * organizations get their admin role once roles exist).
 */
export function modelFromRows(rows: LoadedRows): BulkModel {
  const before: Change[] = [];
  for (const userStore of rows.userStore) before.push({ op: 'userStore.put', userStore });
  const permissions = [...rows.permission].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const permission of permissions) before.push({ op: 'permission.put', permission });
  const organizations = topological(
    rows.organization,
    (o) => o.id,
    (o) => (o.parent === null ? [] : [o.parent]),
  );
  for (const organization of organizations)
    before.push({ op: 'organization.put', organization: { ...organization, adminRole: null } });
  for (const project of rows.project) before.push({ op: 'project.put', project });
  for (const resource of rows.resource) before.push({ op: 'resource.put', resource });
  // The engine keeps deleted ids only by deleting a user: a placeholder per id, never persisted.
  for (const { id } of rows.deletedUserId) {
    before.push({
      op: 'user.put',
      user: { id, username: `\u0001deleted:${id}`, store: 'PRIMARY', email: null, status: 'disabled' },
    });
    before.push({ op: 'user.delete', id });
  }
  for (const group of rows.group) before.push({ op: 'group.put', group });
  const after: Change[] = [];
  for (const role of topological(
    rows.role,
    (r: Role) => r.id,
    (r) => r.includes,
  ))
    after.push({ op: 'role.put', role });
  for (const organization of organizations) {
    if (organization.adminRole !== null) after.push({ op: 'organization.put', organization });
  }
  for (const scope of rows.scope) after.push({ op: 'scope.put', scope });
  for (const mapping of rows.mapping) after.push({ op: 'mapping.add', mapping });
  // Absent from rows gathered before constraints existed: none then.
  for (const constraint of rows.constraint ?? []) after.push({ op: 'constraint.put', constraint });
  for (const settings of rows.settings) after.push({ op: 'settings.set', settings });
  return { before, users: rows.user, memberships: rows.membership, after };
}

function topological<T>(items: readonly T[], id: (item: T) => string, needs: (item: T) => readonly string[]): T[] {
  const byId = new Map(items.map((item) => [id(item), item]));
  const done = new Set<string>();
  const ordered: T[] = [];
  const visit = (item: T, path: Set<string>): void => {
    const key = id(item);
    if (done.has(key) || path.has(key)) return;
    path.add(key);
    for (const dependency of needs(item)) {
      const other = byId.get(dependency);
      if (other !== undefined) visit(other, path);
    }
    done.add(key);
    ordered.push(item);
  };
  for (const item of items) visit(item, new Set());
  return ordered;
}
