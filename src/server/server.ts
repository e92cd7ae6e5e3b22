import { createServer as createNetServer } from 'node:net';
import type { Store } from '../store/index.js';
import { openDatabase } from '../store/open.js';
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

export { isPostgresUrl, openDatabase } from '../store/open.js';

/**
 * A server that could not start listening after bootstrap created the installation: it carries
 * the bootstrap result, so a generated admin password can still be shown (it is not shown again).
 */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(
    message: string,
    readonly bootstrap: BootstrapResult,
  ) {
    super(message);
  }
}

/** Whether `host:port` can be listened on now; a busy or forbidden address fails in words. */
async function ensureAddressFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(new Error(listenFailure(host, port, error))));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

function listenFailure(host: string, port: number, error: NodeJS.ErrnoException): string {
  if (error.code === 'EADDRINUSE')
    return `${host}:${port} is already in use: stop what listens there or choose another port (--port)`;
  if (error.code === 'EACCES') return `not allowed to listen on ${host}:${port}: choose a port above 1023 (--port)`;
  return `cannot listen on ${host}:${port}: ${error.message}`;
}

/**
 * Opens the store, bootstraps a new installation, and listens. The address is tried before
 * bootstrap writes anything: on a busy port the first start fails with nothing created, rather
 * than creating the admin account and losing its generated password.
 */
export async function startServer(settings: ServerSettings, options: { store?: Store } = {}): Promise<RunningServer> {
  const store = options.store ?? (await openDatabase(settings.database));
  try {
    await ensureAddressFree(settings.host, settings.port);
    const result = await bootstrap(store, settings);
    const { app, context } = await buildApp({ store, settings, home: result.home });
    let address: string;
    try {
      address = await app.listen({ host: settings.host, port: settings.port });
    } catch (error) {
      // Taken between the probe and now: the installation exists, so its password must not be lost.
      await app.close().catch(() => undefined);
      const message = error instanceof Error ? listenFailure(settings.host, settings.port, error) : String(error);
      throw new ListenError(message, result);
    }
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
