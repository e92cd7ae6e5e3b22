import type { AccessEngine } from '../core/engine.js';
import { ENTITY_TABLES, type EntityTable } from './schema.js';
import { type EntityKind, type EntityRecords, membershipKey } from './store.js';

interface KindSpec<K extends EntityKind> {
  readonly table: EntityTable;
  key(record: EntityRecords[K]): string;
  /** The natural key that must be unique, or null. */
  nameKey(record: EntityRecords[K]): string | null;
  /** Every record the engine holds of this kind. */
  list(engine: AccessEngine): readonly EntityRecords[K][];
  find(engine: AccessEngine, key: string): EntityRecords[K] | undefined;
}

const noName = (): null => null;
const name = (...parts: readonly (string | null)[]): string => JSON.stringify(parts);

function spec<K extends EntityKind>(
  kind: K,
  fields: Omit<KindSpec<K>, 'table' | 'find'> & Partial<Pick<KindSpec<K>, 'find'>>,
): KindSpec<K> {
  const find =
    fields.find ?? ((engine: AccessEngine, key: string) => fields.list(engine).find((r) => fields.key(r) === key));
  return { table: ENTITY_TABLES[kind], ...fields, find };
}

export const KINDS: { readonly [K in EntityKind]: KindSpec<K> } = {
  settings: spec('settings', { key: () => 'settings', nameKey: noName, list: (e) => [e.settings] }),
  organization: spec('organization', {
    key: (r) => r.id,
    nameKey: (r) => name(r.name),
    list: (e) => e.organizations(),
  }),
  project: spec('project', {
    key: (r) => r.id,
    nameKey: (r) => name(r.organization, r.name),
    list: (e) => e.projects(),
  }),
  resource: spec('resource', {
    key: (r) => r.id,
    nameKey: (r) => name(r.organization, r.project, r.type, r.name),
    list: (e) => e.resources(),
  }),
  userStore: spec('userStore', { key: (r) => r.name, nameKey: noName, list: (e) => e.userStores() }),
  user: spec('user', {
    key: (r) => r.id,
    nameKey: (r) => name(r.store, r.username),
    list: (e) => e.users(),
    find: (e, key) => {
      const user = e.user(key);
      return user?.id === key ? user : undefined;
    },
  }),
  // The engine keeps no list of deleted ids; the store derives them from deleted users.
  deletedUserId: spec('deletedUserId', {
    key: (r) => r.id,
    nameKey: noName,
    list: () => [],
    find: (e, key) => (e.isDeletedUserId(key) ? { id: key } : undefined),
  }),
  group: spec('group', {
    key: (r) => r.id,
    nameKey: (r) => name(r.organization, r.name),
    list: (e) => e.groups(),
    find: (e, k) => e.group(k),
  }),
  membership: spec('membership', {
    key: (r) => membershipKey(r.group, r.user),
    nameKey: noName,
    list: (e) => e.groups().flatMap((g) => e.members(g.id).map((user) => ({ group: g.id, user }))),
    find: (e, key) => {
      const [group, user] = JSON.parse(key) as [string, string];
      return e.members(group).includes(user) ? { group, user } : undefined;
    },
  }),
  permission: spec('permission', {
    key: (r) => r.key,
    nameKey: noName,
    list: (e) => e.permissions(),
    find: (e, k) => e.permission(k),
  }),
  role: spec('role', { key: (r) => r.id, nameKey: noName, list: (e) => e.roles(), find: (e, k) => e.role(k) }),
  scope: spec('scope', { key: (r) => r.name, nameKey: noName, list: (e) => e.scopes() }),
  mapping: spec('mapping', {
    key: (r) => r.id,
    nameKey: (r) => {
      const subject = r.subject.kind === 'user' || r.subject.kind === 'group' ? r.subject.id : null;
      return name(r.role, r.subject.kind, subject, r.target.level, r.target.id);
    },
    list: (e) => e.mappings(),
    find: (e, k) => e.mapping(k),
  }),
  constraint: spec('constraint', {
    key: (r) => r.id,
    nameKey: (r) => name(r.organization, r.name),
    list: (e) => e.constraints(),
    find: (e, k) => e.constraint(k),
  }),
};

export const ENTITY_KINDS = Object.keys(KINDS) as EntityKind[];
