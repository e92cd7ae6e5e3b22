import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { RuleResult } from '../../core/errors.js';
import { HOME_ORGANIZATION_KEY } from '../../server/bootstrap.js';
import { secretBoxFor } from '../../server/secret-box.js';
import { withDirectoryWrites } from '../../server/user-stores/directory-writes.js';
import { isPostgresUrl, openDatabase } from '../../store/open.js';
import type { AuditContext, Store } from '../../store/store.js';
import { CliError } from '../context.js';
import { CLI_DEFAULTS } from '../defaults.js';

export function databaseOf(options: { database?: string }): string {
  return options.database ?? (process.env.TESSERA_DATABASE || CLI_DEFAULTS.database);
}

/** Who the audit log names for the CLI's writes: the operating-system account running it. */
export function cliActorName(): string {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  return `cli:${name}`;
}

/** The CLI works on the database directly, as the system: the audit records the OS user instead. */
export function cliAudit(action: string, target: string | null = null): AuditContext {
  return { actor: null, actorName: cliActorName(), action, target };
}

/**
 * Opens an initialised database, catches its index up, runs `work`, and closes the store whatever
 * happens. A mistyped path must not create an empty database, so only `init` and `serve` create one.
 */
export async function withStore<T>(options: { database?: string }, work: (store: Store) => Promise<T>): Promise<T> {
  const database = databaseOf(options);
  const uninitialised = new CliError(
    `no Tessera database at ${isPostgresUrl(database) ? 'that URL' : database}: create one with \`tessera init\``,
  );
  if (!isPostgresUrl(database) && database !== ':memory:' && !existsSync(database)) throw uninitialised;
  const store = await openDatabase(database);
  try {
    const home = await store.database
      .selectFrom('server_meta')
      .select('value')
      .where('key', '=', HOME_ORGANIZATION_KEY)
      .executeTakeFirst();
    if (home === undefined) throw uninitialised;
    await store.sync();
    // Users and groups of a read-write LDAP store are written to its directory first.
    // A failed undo there is reported on standard error, and synchronised before the command ends.
    return await work(
      withDirectoryWrites(store, secretBoxFor(database), {
        log: { error: (_details, message) => process.stderr.write(`tessera: ${message}\n`) },
        waitForSync: true,
      }),
    );
  } finally {
    await store.close();
  }
}

/** Throws a rule's refusal (the core's typed error carries a readable message). */
export function enforce(result: RuleResult): void {
  if (!result.ok) throw result.error;
}
