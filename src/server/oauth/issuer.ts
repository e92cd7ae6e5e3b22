import type { ServerContext } from '../context.js';

const listening = new WeakMap<ServerContext, string>();

/** Records the address the server listens at (`startServer` calls it once bound): the default issuer. */
export function setListenUrl(context: ServerContext, url: string): void {
  listening.set(context, url);
}

/**
 * The issuer of this server's tokens and the base of its discovery document: the configured
 * public URL (`--public-url`), else the address it listens at (`http://127.0.0.1:8080`). Never
 * taken from a request: a `Host` header is the caller's to choose, and an issuer (and the JWKS
 * address derived from it) that follows it lets anyone point clients at a server of their own.
 */
export function issuerOf(context: ServerContext): string {
  const { publicUrl, host, port } = context.settings;
  if (publicUrl !== null) return publicUrl.replace(/\/+$/, '');
  const url = listening.get(context);
  if (url !== undefined) return url.replace(/\/+$/, '');
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
