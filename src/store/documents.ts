import type { Change } from '../core/changes.js';
import { TesseraError } from '../core/errors.js';
import {
  InvalidDocumentError,
  type PlanOptions,
  type PlanReport,
  type TesseraDocument,
  exportDocument,
  parseText,
  planDocument,
} from '../document/index.js';
import { type EntityKind, type ExpectedVersion, type Store, type WriteOptions, membershipKey } from './store.js';
import { withOrganizationMembers } from './organization-member-rows.js';

export interface StoreDocumentOptions extends PlanOptions {
  /** Names the document in error messages (a file name). */
  readonly source?: string;
  /** Passed to the write (`expect` is added to, not replaced); names the actor the gate judges. */
  readonly write: WriteOptions;
  /**
   * How many times to plan again when another writer changed an entity the plan touches between
   * planning and writing (`CONFLICT`). Default 3.
   */
  readonly retries?: number;
}

/**
 * Applies a document (text or parsed) to the store: catches the index up, plans against it with
 * `planDocument`, and writes the planned changes as one `store.write` — one transaction, one
 * revision. The write expects every entity the plan changes at the version it was planned against,
 * so a concurrent writer's update is never overwritten silently: on `CONFLICT` the document is
 * planned again (up to `retries` times). A document that changes nothing writes nothing and reports
 * the current revision. Throws `InvalidDocumentError` listing every problem, and then changes nothing.
 */
export async function applyDocumentToStore(
  store: Store,
  input: unknown,
  options: StoreDocumentOptions,
): Promise<PlanReport & { revision: number }> {
  let value = input;
  if (typeof input === 'string') {
    const parsed = parseText(input);
    if (parsed.errors.length > 0) throw new InvalidDocumentError(parsed.errors, options.source);
    value = parsed.value;
  }
  const { source, write, retries = 3, ...planOptions } = options;
  for (let attempt = 0; ; attempt++) {
    await store.sync();
    const engine = store.engine;
    const plan = planDocument(engine, value, planOptions);
    if (!plan.ok) throw new InvalidDocumentError(plan.errors, source);
    if (plan.changes.length === 0) return { ...plan.report, revision: store.revision };
    const expect = plannedVersions(store, plan.changes, write.expect);
    try {
      const { revision } = await store.write(plan.changes, {
        ...write,
        expect,
        alongside: withOrganizationMembers(() => store.engine, plan.changes, write.alongside),
      });
      return { ...plan.report, revision };
    } catch (error) {
      // Plan again only when an entity of the plan moved; a conflict on the caller's own expectations is final.
      const ours =
        error instanceof TesseraError &&
        error.code === 'CONFLICT' &&
        !(write.expect ?? []).some((e) => e.kind === error.details.kind && e.key === error.details.key);
      if (!ours || attempt >= retries) throw error;
    }
  }
}

/** The document of the store's current state (`exportDocument` of its index); re-applies to the same state. */
export function exportStoreDocument(store: Store): TesseraDocument {
  return exportDocument(store.engine);
}

/** The entity a change writes, as `ExpectedVersion` names it. */
export function changedEntity(change: Change): [EntityKind, string] {
  switch (change.op) {
    case 'settings.set':
      return ['settings', 'settings'];
    case 'organization.put':
      return ['organization', change.organization.id];
    case 'organization.delete':
      return ['organization', change.id];
    case 'project.put':
      return ['project', change.project.id];
    case 'project.delete':
      return ['project', change.id];
    case 'resource.put':
      return ['resource', change.resource.id];
    case 'resource.delete':
      return ['resource', change.id];
    case 'userStore.put':
      return ['userStore', change.userStore.name];
    case 'userStore.delete':
      return ['userStore', change.name];
    case 'user.put':
      return ['user', change.user.id];
    case 'user.delete':
      return ['user', change.id];
    case 'group.put':
      return ['group', change.group.id];
    case 'group.delete':
      return ['group', change.id];
    case 'member.add':
    case 'member.remove':
      return ['membership', membershipKey(change.membership.group, change.membership.user)];
    case 'permission.put':
      return ['permission', change.permission.key];
    case 'permission.delete':
      return ['permission', change.key];
    case 'role.put':
      return ['role', change.role.id];
    case 'role.delete':
      return ['role', change.id];
    case 'scope.put':
      return ['scope', change.scope.name];
    case 'scope.delete':
      return ['scope', change.name];
    case 'mapping.add':
      return ['mapping', change.mapping.id];
    case 'mapping.remove':
      return ['mapping', change.id];
    case 'constraint.put':
      return ['constraint', change.constraint.id];
    case 'constraint.delete':
      return ['constraint', change.id];
  }
}

/**
 * What a write of planned changes expects: `base`, then every entity the changes touch at the
 * version it had when they were planned (each once), so a state that moved meanwhile is refused.
 */
export function plannedVersions(
  store: Store,
  changes: readonly Change[],
  base: readonly ExpectedVersion[] = [],
): ExpectedVersion[] {
  const expect: ExpectedVersion[] = [...base];
  const seen = new Set<string>();
  for (const change of changes) {
    const [kind, key] = changedEntity(change);
    const id = `${kind}\u0000${key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    expect.push({ kind, key, version: store.version(kind, key) ?? null });
  }
  return expect;
}
