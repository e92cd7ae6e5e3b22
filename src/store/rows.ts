import type { AccessEngine } from '../core/engine.js';
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

/**
 * The changes that rebuild an engine from the tables, in an order the engine accepts: what is
 * referenced before what refers to it. Organizations get their admin role once roles exist.
 */
export function changesFromRows(rows: Rows): Change[] {
  const changes: Change[] = [];
  for (const userStore of rows.userStore) changes.push({ op: 'userStore.put', userStore });
  const permissions = [...rows.permission].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const permission of permissions) changes.push({ op: 'permission.put', permission });
  const organizations = topological(
    rows.organization,
    (o) => o.id,
    (o) => (o.parent === null ? [] : [o.parent]),
  );
  for (const organization of organizations)
    changes.push({ op: 'organization.put', organization: { ...organization, adminRole: null } });
  for (const project of rows.project) changes.push({ op: 'project.put', project });
  for (const resource of rows.resource) changes.push({ op: 'resource.put', resource });
  // The engine keeps deleted ids only by deleting a user: a placeholder per id, never persisted.
  for (const { id } of rows.deletedUserId) {
    changes.push({
      op: 'user.put',
      user: { id, username: `\u0001deleted:${id}`, store: 'PRIMARY', email: null, status: 'disabled' },
    });
    changes.push({ op: 'user.delete', id });
  }
  for (const user of rows.user) changes.push({ op: 'user.put', user });
  for (const group of rows.group) changes.push({ op: 'group.put', group });
  for (const membership of rows.membership) changes.push({ op: 'member.add', membership });
  for (const role of topological(
    rows.role,
    (r: Role) => r.id,
    (r) => r.includes,
  ))
    changes.push({ op: 'role.put', role });
  for (const organization of organizations) {
    if (organization.adminRole !== null) changes.push({ op: 'organization.put', organization });
  }
  for (const scope of rows.scope) changes.push({ op: 'scope.put', scope });
  for (const mapping of rows.mapping) changes.push({ op: 'mapping.add', mapping });
  // Absent from rows gathered before constraints existed: none then.
  for (const constraint of rows.constraint ?? []) changes.push({ op: 'constraint.put', constraint });
  for (const settings of rows.settings) changes.push({ op: 'settings.set', settings });
  return changes;
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
