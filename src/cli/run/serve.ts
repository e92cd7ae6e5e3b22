import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { type BootstrapResult, bootstrap } from '../../server/bootstrap.js';
import { DEFAULT_SETTINGS, type ServerSettings, settingsFromEnvironment } from '../../server/config.js';
import { passwordCost } from '../../server/passwords.js';
import { isPostgresUrl, openDatabase } from '../../store/open.js';
import type { Store } from '../../store/store.js';
import type { BootstrapFlags, ServeFlags } from '../commands/serve.js';
import { CliError, print } from '../context.js';

/** DEFAULT_SETTINGS ← TESSERA_* variables ← flags. */
function settingsOf(flags: ServeFlags, command: Command): ServerSettings {
  const settings: { -readonly [K in keyof ServerSettings]: ServerSettings[K] } = {
    ...DEFAULT_SETTINGS,
    ...settingsFromEnvironment(),
  };
  if (flags.database !== undefined) settings.database = flags.database;
  if (flags.preset !== undefined) {
    settings.preset = flags.preset;
    settings.presetExplicit = true;
  }
  if (flags.organization !== undefined) settings.organization = flags.organization;
  if (flags.adminUsername !== undefined) settings.adminUsername = flags.adminUsername;
  if (flags.adminRole !== undefined) settings.adminRole = flags.adminRole;
  // A negatable flag defaults to true; only an explicit --no-admin-account overrides the environment.
  if (command.getOptionValueSource('adminAccount') === 'cli')
    settings.createAdminAccount = flags.adminAccount !== false;
  if (flags.host !== undefined) settings.host = flags.host;
  if (flags.port !== undefined) settings.port = flags.port;
  if (flags.publicUrl !== undefined) settings.publicUrl = flags.publicUrl;
  if (flags.logLevel !== undefined) settings.logLevel = flags.logLevel;
  if (flags.metricsToken !== undefined) settings.metricsToken = flags.metricsToken;
  if (!Number.isInteger(settings.port) || settings.port < 0 || settings.port > 65535)
    throw new CliError(`TESSERA_PORT must be a port number, not "${process.env.TESSERA_PORT}"`);
  try {
    passwordCost(); // refused at start, not at the first sign-in
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  return settings;
}

/** The database as printed: a URL's password masked. */
function databaseText(database: string): string {
  return database.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@/]*@/, '$1:***@');
}

/** The database as the banner names it: a SQLite file's full path, or a PostgreSQL server and database (no credentials). */
export function databaseDescription(database: string): string {
  if (!isPostgresUrl(database)) return database === ':memory:' ? 'SQLite, in memory' : `SQLite ${resolve(database)}`;
  let url: URL;
  try {
    url = new URL(database);
  } catch {
    return 'PostgreSQL';
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const user = url.username === '' ? '' : ` as ${decodeURIComponent(url.username)}`;
  return `PostgreSQL ${url.host || 'localhost'}/${name}${user}`;
}

/** The preset the installation started from: this start's, or the one its first start loaded (from the audit log). */
async function presetOf(store: Store, settings: ServerSettings, created: boolean): Promise<string> {
  if (created) return settings.preset;
  const loaded = await store.database
    .selectFrom('audit_log')
    .select('target')
    .where('action', '=', 'preset.load')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return loaded?.target?.replace(/^preset:/, '') ?? 'none recorded';
}

/** How to sign in, after bootstrap: the generated password once, or where it came from. */
function signInLines(result: BootstrapResult): string[] {
  if (!result.created) return ['Sign in as an existing user.'];
  if (result.adminUsername === null) {
    return [
      'No admin account was created (--no-admin-account): give the admin role to a user with `tessera group add-member` or a document.',
    ];
  }
  if (result.generatedPassword !== null) {
    return [
      'Created the admin account. Sign in with:',
      `  username: ${result.adminUsername}`,
      `  password: ${result.generatedPassword}`,
      'This password is not shown again: keep it now (or set TESSERA_ADMIN_PASSWORD before the first start).',
    ];
  }
  const source = process.env.TESSERA_ADMIN_PASSWORD ? 'TESSERA_ADMIN_PASSWORD' : 'the configuration';
  return [`Created the admin account "${result.adminUsername}"; its password is the one in ${source}.`];
}

export async function serve(flags: ServeFlags, command: Command): Promise<void> {
  const settings = settingsOf(flags, command);
  // The HTTP server's modules load only here: `init` and the other commands start without them.
  const { ListenError, startServer } = await import('../../server/server.js');
  const server = await startServer(settings).catch((error: unknown) => {
    // Bootstrap created the installation, then the port was taken: show how to sign in anyway.
    if (error instanceof ListenError && error.bootstrap.created)
      for (const line of signInLines(error.bootstrap)) print(line);
    throw error;
  });
  const { CONSOLE_DIRECTORY } = await import('../../server/console.js');
  const base = (settings.publicUrl ?? server.url).replace(/\/+$/, '');
  const consoleBuilt = existsSync(join(CONSOLE_DIRECTORY, 'index.html'));
  const version = command.parent?.version() ?? 'unknown version';
  print(`Tessera ${version} is listening on ${server.url}`);
  print(`  API:      ${base}/v1`);
  print(`  Docs:     ${base}/docs`);
  print(`  Console:  ${base}/console${consoleBuilt ? '' : ' (not built: run `npm run build:console`)'}`);
  print(`  Database: ${databaseDescription(settings.database)}`);
  print(`  Preset:   ${await presetOf(server.store, settings, server.bootstrap.created)}`);
  for (const line of signInLines(server.bootstrap)) print(line);
  print('Press Ctrl+C to stop.');
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    print(`Stopping (${signal})…`);
    // Open keep-alive connections must not hold the process forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close().then(
      () => print('Stopped.'),
      (error: unknown) => {
        process.stderr.write(`tessera: stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Serving, a stray rejection is logged instead of ending the process (main's handler exits):
  // the server goes on answering decisions from memory whatever its database does.
  process.removeAllListeners('unhandledRejection');
  process.on('unhandledRejection', (reason) => {
    const text = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    process.stderr.write(`tessera: unhandled rejection (the server goes on): ${text}\n`);
  });
}

export async function init(flags: BootstrapFlags, command: Command): Promise<void> {
  const settings = settingsOf(flags, command);
  const store = await openDatabase(settings.database);
  try {
    const result = await bootstrap(store, settings);
    if (!result.created) {
      const home = store.engine.organizations().find((o) => o.id === result.home);
      print(
        `The database ${databaseText(settings.database)} is already initialised (home organization "${home?.name ?? result.home}"); nothing changed.`,
      );
      return;
    }
    const home = store.engine.organizations().find((o) => o.id === result.home);
    print(`Initialised ${databaseText(settings.database)}:`);
    print(`  preset:            ${settings.preset}`);
    print(`  home organization: ${home?.name ?? settings.organization} (${result.home})`);
    const adminRole = store.engine.settings.adminRole;
    if (adminRole !== null) print(`  admin role:        ${store.engine.role(adminRole)?.name ?? adminRole}`);
    print(`  revision:          ${store.revision}`);
    for (const line of signInLines(result)) print(line);
  } finally {
    await store.close();
  }
}
