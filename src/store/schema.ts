import type { EntityKind } from './store.js';

/** Every entity table has this shape: the record as JSON text, its version and its natural key. */
export interface EntityRow {
  readonly key: string;
  /** The name that must be unique (`UNIQUE`), as a JSON array; null when the kind has none. */
  readonly name_key: string | null;
  /** The record, as JSON text. */
  readonly record: string;
  /** The revision of the write that last changed the row. */
  readonly version: number;
}

export interface ChangeLogRow {
  readonly revision: number;
  /** The batch of `Change`s, as JSON text. */
  readonly changes: string;
  /** ISO 8601. */
  readonly created_at: string;
}

export interface MigrationRow {
  readonly name: string;
  readonly applied_at: string;
}

export const ENTITY_TABLES = {
  settings: 'settings',
  organization: 'organizations',
  project: 'projects',
  resource: 'resources',
  userStore: 'user_stores',
  user: 'users',
  deletedUserId: 'deleted_user_ids',
  group: 'groups',
  membership: 'memberships',
  permission: 'permissions',
  role: 'roles',
  scope: 'scopes',
  mapping: 'mappings',
} as const satisfies Record<EntityKind, string>;

export type EntityTable = (typeof ENTITY_TABLES)[EntityKind];

export const MIGRATIONS_TABLE = 'tessera_migrations';

/** The Kysely database type shared by every adapter. */
export type Database = { readonly [T in EntityTable]: EntityRow } & {
  readonly change_log: ChangeLogRow;
  readonly tessera_migrations: MigrationRow;
};

/** For code that writes any entity table: they all share one row type. */
export type AnyEntityTable = 'organizations';
