import type { Change } from '../../core/changes.js';
import { enforceGate } from '../../core/gate.js';
import type { Store, WriteOptions, WriteResult } from '../../store/index.js';
import type { SecretBox } from '../secret-box.js';
import { LdapStores, directoryProblem } from './ldap-stores.js';
import {
  type DirectoryUndo,
  type WritableDirectory,
  checkDirectoryChanges,
  storesOfChanges,
  writeToDirectory,
} from './ldap-write.js';

/**
 * The store every route, SCIM and the CLI write through (docs/user-stores.md#read-write-stores):
 * `store` itself, except that a batch changing users, groups or memberships of a read-write LDAP
 * store is written to that directory first, then to Tessera.
 *
 * 1. The batch is judged first, as the write itself will be (the gate's dry run, and the checks a
 *    directory imposes: `checkDirectoryChanges`), so the common refusal never reaches the directory.
 * 2. The directory's writes are made; a refusal undoes the ones made before it and answers 409
 *    `directory-refused`: nothing changed in Tessera.
 * 3. Tessera's write is made; when it fails (a concurrent write the gate now refuses, the
 *    database), the directory's writes are undone (compensating operations) and the error thrown.
 *
 * A store's own synchronisation (`userStoreSync`) passes straight through: it brings the directory
 * into Tessera, never the other way.
 */
export function withDirectoryWrites(store: Store, secrets: SecretBox): Store {
  const ldap = new LdapStores(store, secrets);
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
    const undo: DirectoryUndo[] = [];
    const compensate = async () => {
      for (const step of undo.reverse()) await step().catch(() => undefined);
    };
    try {
      for (const directory of directories) undo.push(await writeToDirectory(engine, directory, changes, passwords));
    } catch (error) {
      await compensate();
      throw directoryProblem(error);
    }
    try {
      return await store.write(changes, options);
    } catch (error) {
      await compensate();
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
