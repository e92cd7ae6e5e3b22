import { existsSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './context.js';
import { HttpProblem, problemOf } from './problem.js';

/** Where `npm run build:console` writes the web console (console/vite.config.ts). */
export const CONSOLE_DIRECTORY = fileURLToPath(new URL('../../console/dist/', import.meta.url));
export const CONSOLE_PATH = '/console';

/** Hashed build assets never change under their name; everything else is checked on every load. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** The console loads only its own scripts and styles and talks only to this server. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export interface ConsoleOptions {
  /** The built console; default `console/dist` of this checkout. */
  readonly directory?: string;
}

/**
 * The web console: static files, public (the API calls they make need sign-in). Client routes
 * (`/console/organizations`…) answer index.html; `/` leads to the console.
 */
export async function consoleRoutes(app: App, options: ConsoleOptions = {}): Promise<void> {
  const root = resolve(options.directory ?? CONSOLE_DIRECTORY);
  const index = join(root, 'index.html');
  // Brotli or gzip, as the browser accepts, for the files of this plugin only (the API's own answers are
  // not affected: the plugin is registered inside this encapsulated context).
  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  // Caching is decided here, per file, rather than by the plugin's one max-age.
  await app.register(fastifyStatic, { root, serve: false, suppressWarning: true, cacheControl: false });

  const publicRoute = { config: { public: true }, schema: { hide: true } } as const;

  app.get('/', publicRoute, async (_request, reply) => reply.redirect(`${CONSOLE_PATH}/`, 302));

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!existsSync(index)) return notBuilt(request, reply);
    const wanted = (request.params as { '*'?: string })['*'] ?? '';
    const file = fileWithin(root, wanted);
    if (file !== null) {
      reply.header('cache-control', wanted.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
      if (file.endsWith('.html')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      return reply.sendFile(relative(root, file), root);
    }
    // A missing asset is a 404; any other path is a page of the console, which routes it itself.
    if (wanted.startsWith('assets/') || extname(wanted) !== '') {
      throw new HttpProblem('route-not-found', `${CONSOLE_PATH}/${wanted} is not a file of the console`);
    }
    reply.header('cache-control', REVALIDATE).header('content-security-policy', CONTENT_SECURITY_POLICY);
    return reply.sendFile('index.html', root);
  };
  app.get(CONSOLE_PATH, publicRoute, serve);
  app.get(`${CONSOLE_PATH}/*`, publicRoute, serve);
}

/** The regular file `wanted` names inside `root`, or null (none, a directory, or outside `root`). */
function fileWithin(root: string, wanted: string): string | null {
  if (wanted === '' || wanted.includes('\0')) return null;
  const file = resolve(root, wanted);
  if (!file.startsWith(root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

export default consoleRoutes;

/** Answered by this plugin itself, so it holds wherever the plugin is registered. */
function notBuilt(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = problemOf(
    new HttpProblem(
      'console-not-built',
      'the web console has not been built: run `npm run build:console` (or `npm start`, which builds it), then reload',
    ),
  );
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem, instance: request.url.split('?')[0] }));
}
