import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createPostgresStore, createSqliteStore, type Store } from '../store/index.js';
import { buildApp } from './app.js';
import { type BootstrapResult, bootstrap } from './bootstrap.js';
import type { ServerSettings } from './config.js';
import type { App, ServerContext } from './context.js';
import { setListenUrl } from './oauth/issuer.js';

export interface RunningServer {
  readonly app: App;
  readonly context: ServerContext;
  readonly store: Store;
  /** `http://host:port`, as listening. */
  readonly url: string;
  readonly bootstrap: BootstrapResult;
  close(): Promise<void>;
}

export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//.test(database);
}

/** Opens the database named by the settings: a `postgres://` URL, or a SQLite file (its directory created). */
export async function openDatabase(database: string): Promise<Store> {
  if (isPostgresUrl(database)) return createPostgresStore({ database });
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  return createSqliteStore({ database });
}

/** Opens the store, bootstraps a new installation, and listens. */
export async function startServer(settings: ServerSettings, options: { store?: Store } = {}): Promise<RunningServer> {
  const store = options.store ?? (await openDatabase(settings.database));
  try {
    const result = await bootstrap(store, settings);
    const { app, context } = await buildApp({ store, settings, home: result.home });
    const address = await app.listen({ host: settings.host, port: settings.port });
    const url = address.replace('[::1]', 'localhost');
    setListenUrl(context, url);
    return {
      app,
      context,
      store,
      url,
      bootstrap: result,
      async close() {
        await app.close();
        if (options.store === undefined) await store.close();
      },
    };
  } catch (error) {
    if (options.store === undefined) await store.close().catch(() => undefined);
    throw error;
  }
}
