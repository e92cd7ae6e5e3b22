import type { Kysely } from 'kysely';
import type { Change } from '../../core/changes.js';
import { enforceGate } from '../../core/gate.js';
import type { User } from '../../core/model.js';
import type { Store, Transaction, WriteOptions, WriteResult } from '../../store/index.js';
import type { SecretBox } from '../secret-box.js';
import { LdapStores, directoryProblem } from './ldap-stores.js';
import {
  type DirectoryUndo,
  type UndoFailure,
  type WritableDirectory,
  checkDirectoryChanges,
  storeOfChange,
  storesOfChanges,
  writePassword,
  writeToDirectory,
} from './ldap-write.js';

/** What a server gives the directory writes, so a failed undo is seen (docs/user-stores.md#read-write-stores). */
export interface DirectoryWriteHooks {
  /** Where a failed undo is logged, at error level. */
  readonly log?: { error(details: object, message: string): void };
  /** Counts undos the directory refused (the server's `tessera_user_store_undo_failures_total`). */
  readonly countUndoFailures?: (store: string, count: number) => void;
  /**
   * Whether the failed write waits for the synchronisation it starts (the CLI, which closes the
   * database when the command ends); a server answers at once and lets it run.
   */
  readonly waitForSync?: boolean;
}

/** The `ldap_user_status` table (migration 0013-ldap-user-status), typed for this module. */
interface StatusTables {
  ldap_user_status: { user_id: string; store: string; status: string; updated_at: string };
}

/**
 * Makes a failed undo visible: an audit entry (`userStore.undoFailed`, with what could not be
 * undone and why the write failed), a log line at error level, the counter in `/metrics`, and a
 * synchronisation of the store started at once, so Tessera's side becomes the directory's.
 */
function undoReporter(
  store: Store,
  ldap: LdapStores,
  hooks: DirectoryWriteHooks,
): (failures: UndoFailure[], cause: unknown) => Promise<void> {
  return async (failures, cause) => {
    const reason = cause instanceof Error ? cause.message : String(cause);
    for (const name of new Set(failures.map((f) => f.store))) {
      const mine = failures.filter((f) => f.store === name);
      hooks.countUndoFailures?.(name, mine.length);
      const notUndone = mine.map(({ what, error }) => ({ what, error }));
      hooks.log?.error(
        { store: name, notUndone, cause: reason },
        `the directory of "${name}" kept ${mine.length} change(s) Tessera could not write, and refused their undo; synchronising it`,
      );
      await store
        .transact(async () => undefined, {
          actor: null,
          actorName: `ldap-write:${name}`,
          action: 'userStore.undoFailed',
          target: `userStore:${name}`,
          effects: [{ kind: 'directoryUndo', key: name, before: null, after: { notUndone, cause: reason } }],
        })
        .catch((error: unknown) =>
          hooks.log?.error({ err: error, store: name }, 'the failed undo could not be audited'),
        );
      const syncing = ldap
        .sync(name, 'undo-failed', { actor: null, actorName: `ldap-write:${name}` })
        .then(() => undefined)
        .catch((error: unknown) =>
          hooks.log?.error({ err: error, store: name }, 'the synchronisation after a failed undo failed'),
        );
      if (hooks.waitForSync === true) await syncing;
    }
  };
}

/**
 * Keeps, beside a write, the status an administrator gave users of read-write LDAP stores
 * (docs/user-stores.md#a-users-status): a user disabled in Tessera is listed, so a
 * synchronisation leaves them disabled; enabled again (or deleted), they are not.
 */
function statusAlongside(
  changes: readonly Change[],
  stores: ReadonlySet<string>,
  store: Store,
): ((tx: Transaction) => Promise<void>) | null {
  const engine = store.engine;
  const work: { id: string; store: string; disabled: boolean }[] = [];
  for (const change of changes) {
    const name = storeOfChange(engine, changes, change);
    if (name === null || !stores.has(name)) continue;
    if (change.op === 'user.put') {
      const before = engine.user(change.user.id);
      if (before?.status !== change.user.status)
        work.push({ id: change.user.id, store: name, disabled: change.user.status === 'disabled' });
    } else if (change.op === 'user.delete') work.push({ id: change.id, store: name, disabled: false });
  }
  if (work.length === 0) return null;
  return async (tx) => {
    const db = tx as unknown as Kysely<StatusTables>;
    const at = new Date().toISOString();
    for (const { id, store: name, disabled } of work) {
      await db.deleteFrom('ldap_user_status').where('user_id', '=', id).execute();
      if (disabled)
        await db
          .insertInto('ldap_user_status')
          .values({ user_id: id, store: name, status: 'disabled', updated_at: at })
          .execute();
    }
  };
}

/**
 * The store every route, SCIM and the CLI write through (docs/user-stores.md#read-write-stores):
 * `store` itself, except that a batch changing users, groups or memberships of a read-write LDAP
 * store is written to that directory first, then to Tessera.
 *
 * 1. The batch is judged first, as the write itself will be (the gate's dry run, and the checks a
 *    directory imposes: `checkDirectoryChanges`), so the common refusal never reaches the directory.
 * 2. The directory's writes are made; a refusal undoes the ones made before it and answers 409
 *    `directory-refused`: nothing changed in Tessera.
 * 3. Tessera's write is made (with the users' statuses Tessera keeps for the store); when it fails
 *    (a concurrent write the gate now refuses, the database), the directory's writes are undone
 *    (compensating operations) and the error thrown. An undo the directory refuses is made
 *    visible (`hooks`): audited, logged, counted, and the store synchronised.
 *
 * A store's own synchronisation (`userStoreSync`) passes straight through: it brings the directory
 * into Tessera, never the other way.
 */
export function withDirectoryWrites(store: Store, secrets: SecretBox, hooks: DirectoryWriteHooks = {}): Store {
  const ldap = new LdapStores(store, secrets);
  const report = undoReporter(store, ldap, hooks);
  const write = async (changes: readonly Change[], options: WriteOptions): Promise<WriteResult> => {
    if (options.userStoreSync === true || changes.length === 0) return store.write(changes, options);
    const engine = store.engine;
    const directories: WritableDirectory[] = [];
    for (const name of storesOfChanges(engine, changes)) {
      const userStore = engine.userStores().find((s) => s.name === name);
      // A read-only store is the gate's to refuse (READ_ONLY_STORE).
      if (userStore === undefined || userStore.readOnly) continue;
      const directory = await ldap.writable(name);
      if (directory !== null) directories.push(directory);
    }
    if (directories.length === 0) return store.write(changes, options);
    enforceGate(engine, options.actor, changes);
    for (const directory of directories) checkDirectoryChanges(engine, directory, changes);
    const passwords = options.directoryPasswords ?? new Map<string, string>();
    const statuses = statusAlongside(changes, new Set(directories.map((d) => d.store)), store);
    const undo: DirectoryUndo[] = [];
    const compensate = async (cause: unknown) => {
      const failures: UndoFailure[] = [];
      for (const step of undo.reverse()) failures.push(...(await step()));
      if (failures.length > 0) await report(failures, cause);
    };
    try {
      for (const directory of directories)
        undo.push(
          await writeToDirectory(engine, directory, changes, passwords, (failures) => report(failures, 'refused')),
        );
    } catch (error) {
      await compensate(error);
      throw directoryProblem(error);
    }
    const alongside = options.alongside;
    try {
      return await store.write(changes, {
        ...options,
        ...(statuses === null
          ? {}
          : {
              alongside: async (tx: Transaction) => {
                await alongside?.(tx);
                await statuses(tx);
              },
            }),
      });
    } catch (error) {
      await compensate(error);
      throw error;
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Sets passwords of read-write LDAP stores' users in their directory (`Credentials.externalSetPassword`):
 * undefined for a user of any other store (Tessera keeps those passwords); otherwise the password
 * is written to the directory and the answer undoes it, when Tessera's own write (sessions ended,
 * tokens revoked) then fails. A failed undo is reported as for `withDirectoryWrites`.
 */
export function directoryPasswords(
  store: Store,
  secrets: SecretBox,
  hooks: DirectoryWriteHooks = {},
): (user: User, password: string) => Promise<((cause: unknown) => Promise<void>) | undefined> {
  const ldap = new LdapStores(store, secrets);
  const report = undoReporter(store, ldap, hooks);
  return async (user, password) => {
    const userStore = store.engine.userStores().find((s) => s.name === user.store);
    if (userStore === undefined || userStore.readOnly) return undefined;
    const directory = await ldap.writable(user.store);
    if (directory === null) return undefined;
    let undo: DirectoryUndo;
    try {
      undo = await writePassword(directory, user, password);
    } catch (error) {
      throw directoryProblem(error);
    }
    return async (cause) => {
      const failures = await undo();
      if (failures.length > 0) await report(failures, cause);
    };
  };
}
