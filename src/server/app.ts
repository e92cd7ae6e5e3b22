import fastifyCookie, { fastifyCookie as cookieParser } from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ErrorObject } from 'ajv';
import Fastify, { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { TesseraError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import type { ServerSettings } from './config.js';
import type { App, Guard, ServerContext } from './context.js';
import { Credentials } from './credentials.js';
import { Metrics } from './metrics.js';
import { secretBoxFor } from './secret-box.js';
import { withDirectoryWrites } from './user-stores/directory-writes.js';
import { TAGGED_ROUTES, setETag } from './etag.js';
import { rewriteProjectPath, slashHint } from './paths.js';
import { HTTP_PROBLEMS, HttpProblem, PROBLEM_BASE, problemCatalogue, problemOf } from './problem.js';
import { registerRoutes } from './routes/index.js';
import { changeLogCompaction } from './change-log.js';
import { ABOUT_OTHERS, decisionRoutes } from './routes/decisions.js';
import { leanJsonParser } from './lean-json.js';
import { SCIM_PREFIX } from './scim/protocol.js';
import { scimPlugin } from './scim/routes.js';
import { fieldErrors, serializerCompiler, validatorCompiler } from './validation.js';

export const SESSION_COOKIE = 'tessera_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AppOptions {
  readonly store: Store;
  readonly settings: ServerSettings;
  /** The home organization's id (see `ServerContext.home`). */
  readonly home: string;
  /** A pino logger configuration or false. Default: the settings' `logLevel`. */
  readonly logger?: boolean | { level: string };
}

/** Builds the HTTP server (not yet listening): the `/v1` API, its OpenAPI document and docs, health and metrics. */
export async function buildApp(options: AppOptions): Promise<{ app: App; context: ServerContext }> {
  const { store, settings } = options;
  const app = Fastify({
    logger: options.logger ?? (settings.logLevel === 'silent' ? false : { level: settings.logLevel }),
    bodyLimit: settings.bodyLimit,
    // One line per request would drown the log of a decision server; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    // No plugin here waits on the network: a start is slow only on a busy machine, which is no reason
    // to fail it (avvio's default gives each plugin 10 s of wall time, the route plugins included).
    pluginTimeout: 0,
    // `/v1/projects/acme/engineering` as `/v1/projects/acme%2Fengineering` (src/server/paths.ts).
    rewriteUrl: (request) => rewriteProjectPath(request.url ?? '/'),
    // Long enough for any reference the schemas accept, so an over-long one gets a validation problem.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // Errors the router raises before any handler (a malformed URL, an over-long parameter).
    frameworkErrors: (error, request, reply) => {
      void sendProblem(request, reply, new HttpProblem('bad-request', error.message));
    },
    // Errors of the HTTP parser itself (431 headers too large, a malformed request line, stray bytes).
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Before any plugin, so every encapsulated context (the docs, the console, the decisions) sees it.
  app.decorateRequest('etag', null);
  app.decorateRequest('principal', null);
  // `curl -X PUT -H 'content-type: application/json'` with no body is common for operations that
  // take none: an empty JSON body is no body, not an error. Other bodies keep Fastify's safe parser.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') return done(null, undefined);
    parseJson(request, text, done);
  });
  // Bodies are JSON: text/plain, which Fastify would read as a string, is refused (415) like any other type.
  app.removeContentTypeParser('text/plain');

  const metrics = new Metrics(store);
  const context: ServerContext = {
    // Users and groups of a read-write LDAP store are written to its directory first.
    store: withDirectoryWrites(store, secretBoxFor(settings.database), {
      log: app.log,
      countUndoFailures: (name, count) => metrics.userStoreUndoFailures.inc({ store: name }, count),
    }),
    credentials: new Credentials(store, { sessionTtlMs: settings.sessionTtlMs }),
    settings,
    metrics,
    home: () => options.home,
  };

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera',
        version: '1',
        description:
          'Access control for API platforms: organizations, projects, users, groups, roles, a permission tree, scopes, role mappings, ' +
          'invitations and an audit trail, with explained decisions. Every error is RFC 9457 `application/problem+json` with a stable `type` ' +
          `under \`${PROBLEM_BASE}\`. Each management operation names, as \`x-tessera-permission\`, the permission it requires and where.`,
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A personal access token (`tpat_…`) or a session token (`tss_…`).',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'The console session; unsafe methods need the X-CSRF-Token header.',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: ({ schema, url, route }) => {
      const guard = route.config?.guard as Guard | undefined;
      const isPublic = route.config?.public === true;
      const extra: Record<string, unknown> = {};
      if (guard !== undefined) {
        extra['x-tessera-permission'] = { permission: guard.permission, at: guard.at };
        const note = `Requires \`${guard.permission}\` at ${guard.at}.`;
        extra.description = schema?.description === undefined ? note : `${String(schema.description)}\n\n${note}`;
      }
      if (isPublic) extra.security = [];
      Object.assign(extra, etagDocumentation(schema as Record<string, unknown> | undefined, url, route.method));
      return { schema: { ...(schema ?? {}), ...extra } as typeof schema, url };
    },
  });
  app.setErrorHandler(async (error, request, reply) => sendProblem(request, reply, toProblem(error)));

  // Two sibling contexts: the decision routes, which pay only for what they use (no cookie plugin,
  // ETag or guard-chain hooks, no per-request child logger), and everything else.
  try {
    await app.register(async (decisions: App) => decisionPlugin(decisions, context, parseJson));
    await app.register(async (main: App) => mainPlugin(main, context, store));
  } catch (error) {
    // What did start (timers of the plugins already registered) stops: a failed start leaves nothing running.
    await app.close().catch(() => undefined);
    throw error;
  }
  return { app, context };
}

/** Every route but the decisions', with the hooks they share: cookies, stray bodies, secure headers, ETags, sign-in and guards. */
async function mainPlugin(app: App, context: ServerContext, store: Store): Promise<void> {
  await app.register(fastifyCookie);
  // Imported here, not at the top: the serve bundle (scripts/bundle-server.mjs) keeps this package
  // external, and a static import would load it with every command of that module (`tessera init`).
  const { default: fastifySwaggerUi } = await import('@fastify/swagger-ui');
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true },
    // A CSP (hashes of its inline scripts) that also forbids framing the docs; served over plain HTTP too.
    staticCSP: true,
    transformStaticCSP: (header) =>
      header.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace(' upgrade-insecure-requests;', ''),
  });
  app.addHook('onRequest', async (request) => {
    refuseStrayBody(request);
  });
  app.addHook('onSend', async (request, reply) => {
    secureHeaders(request, reply);
    setETag(store, request, reply);
  });
  app.addHook('onRequest', async (request) => {
    await authenticate(request, context);
  });
  app.addHook('onRoute', (route) => {
    const config = route.config as { guard?: Guard; public?: boolean } | undefined;
    if (config?.public === true || route.url.startsWith('/docs')) return;
    // Anonymous callers are turned away before their input is even validated.
    const onRequest =
      route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [...onRequest, async (request: FastifyRequest) => requireSignedIn(request)];
    const hooks =
      route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    route.preHandler = [async (request: FastifyRequest) => authorize(request, context, config?.guard), ...hooks];
  });
  app.addHook('onResponse', async (request, reply) => {
    context.metrics.countRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode);
  });

  app.setNotFoundHandler(async (request, reply) =>
    sendProblem(
      request,
      reply,
      new HttpProblem(
        'route-not-found',
        `${request.method} ${request.url.split('?')[0]} is not an endpoint of this server${slashHint(request.url.split('?')[0]!) ?? ''}`,
      ),
    ),
  );

  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get('/problems', { config: { public: true }, schema: { hide: true } }, async () => problemCatalogue());
  registerRoutes(app, context);
  changeLogCompaction(app, context);
  await app.register(scimPlugin, { prefix: SCIM_PREFIX, context });
  await app.register(import('./console.js'));
  await app.register(import('./routes/guide.js'));
}

/**
 * The decision routes (src/server/routes/decisions.ts) in a context of their own. One onRequest
 * hook authenticates exactly as the other routes do (bearer token, or the session cookie with its
 * CSRF header) and turns anonymous callers away, without a promise when the credential is known
 * (`Credentials.resolveCached`); one synchronous onSend hook per route sets the secure headers and
 * counts the request in a plain integer resolved for the route once. Request logs use the server's logger itself
 * rather than a child per request (`settings.logLevel` still chooses what is logged). JSON bodies
 * go through a lean parser that scans for prototype pollution only when a body could carry it.
 */
async function decisionPlugin(
  app: App,
  context: ServerContext,
  parseJson: ReturnType<App['getDefaultJsonParser']>,
): Promise<void> {
  app.setChildLoggerFactory((logger) => logger);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, leanJsonParser(parseJson));
  app.addHook('onRequest', (request, _reply, done) => {
    // A bearer credential verified since the database last changed: no read, no promise.
    if (authenticateCached(request, context)) return done();
    authenticate(request, context).then(() => {
      if (request.principal === null)
        done(new HttpProblem('unauthorized', 'this operation requires signing in or a bearer token'));
      else done();
    }, done);
  });
  app.addHook('onRoute', (route) => {
    // One onSend hook per route, which knows its route: the answer's headers, and its count.
    const count = context.metrics.routeCounter(
      Array.isArray(route.method) ? route.method.join(',') : String(route.method),
      route.url,
    );
    const onSend = route.onSend === undefined ? [] : Array.isArray(route.onSend) ? route.onSend : [route.onSend];
    route.onSend = [
      ...onSend,
      (
        _request: FastifyRequest,
        reply: FastifyReply,
        payload: unknown,
        done: (error: null, payload: unknown) => void,
      ) => {
        reply.header('x-content-type-options', 'nosniff');
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
        count(reply.statusCode);
        done(null, payload);
      },
    ];
    const guard = (route.config as { guard?: Guard } | undefined)?.guard;
    // The handlers check ABOUT_OTHERS themselves (a caller may always ask about itself): no hook for it.
    if (guard === undefined || guard === ABOUT_OTHERS) return;
    const hooks =
      route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    route.preHandler = [async (request: FastifyRequest) => authorize(request, context, guard), ...hooks];
  });
  decisionRoutes(app, context);
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** `authenticate` for a bearer token `Credentials.resolveCached` knows: true when it set the principal. */
function authenticateCached(request: FastifyRequest, context: ServerContext): boolean {
  const header = request.headers.authorization;
  if (header === undefined) return false;
  const match = BEARER.exec(header);
  if (match === null) return false;
  const principal = context.credentials.resolveCached(match[1]!, false);
  if (principal === null) return false;
  request.principal = principal;
  return true;
}

/** Finds who the request comes from: a bearer token, or the session cookie (then unsafe methods need the CSRF header). */
async function authenticate(request: FastifyRequest, context: ServerContext): Promise<void> {
  const header = request.headers.authorization;
  // OAuth clients authenticate to the /oauth2 endpoints with HTTP Basic; those endpoints check it themselves.
  if (header !== undefined && /^Basic\s/i.test(header) && request.url.startsWith('/oauth2/')) return;
  // `/metrics` checks its own token (`metricsToken`), which is no Tessera credential.
  if (request.routeOptions.url === '/metrics') return;
  // SCIM (`/scim/v2`) authenticates its own provisioning tokens, which sign nobody in.
  if (request.url.startsWith(`${SCIM_PREFIX}/`)) return;
  if (header !== undefined) {
    const match = BEARER.exec(header);
    if (match === null) throw new HttpProblem('unauthorized', 'the Authorization header must be "Bearer <token>"');
    const principal = await context.credentials.resolve(match[1]!, false);
    if (principal === undefined)
      throw new HttpProblem(
        'unauthorized',
        'the bearer token is unknown, expired or revoked, or its user cannot sign in',
      );
    request.principal = principal;
    return;
  }
  const cookie = sessionCookieOf(request);
  if (cookie === undefined || cookie === '') return;
  const principal = await context.credentials.resolve(cookie, true);
  // An expired session cookie is treated as no session: the caller is anonymous and may sign in again.
  if (principal === undefined) return;
  if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== principal.csrf) {
    throw new HttpProblem(
      'csrf',
      `a request signed in by cookie must send the session's CSRF token in the ${CSRF_HEADER} header`,
    );
  }
  request.principal = principal;
}

/** The session cookie: parsed by the cookie plugin where it runs, else read from the header here (decision routes). */
function sessionCookieOf(request: FastifyRequest): string | undefined {
  if (request.cookies !== undefined) return request.cookies[SESSION_COOKIE];
  const header = request.headers.cookie;
  if (header === undefined || !header.includes(SESSION_COOKIE)) return undefined;
  return cookieParser.parse(header)[SESSION_COOKIE];
}

function requireSignedIn(request: FastifyRequest): void {
  if (request.principal === null)
    throw new HttpProblem('unauthorized', 'this operation requires signing in or a bearer token');
}

/** The route's guard: the caller must be signed in and hold the permission at the target. */
async function authorize(request: FastifyRequest, context: ServerContext, guard: Guard | undefined): Promise<void> {
  requireSignedIn(request);
  if (guard === undefined) return;
  const target = guard.target(request, context);
  if (target === null) return;
  requirePermission(
    context,
    request,
    guard.permissionOf?.(request, context) ?? guard.permission,
    target.type,
    target.id,
  );
}

/** Throws `forbidden` unless the caller holds `permission` at the target (type and id as the engine resolves them). */
export function requirePermission(
  context: ServerContext,
  request: FastifyRequest,
  permission: string,
  type: string,
  id: string,
): void {
  const principal = request.principal;
  if (principal === null) throw new HttpProblem('unauthorized', 'this operation requires signing in or a bearer token');
  const engine = context.store.engine;
  if (engine.allowed(principal.user.id, permission, type, id)) return;
  const described = engine.describeTarget({ type, id });
  if (described === undefined) {
    throw new TesseraError('NOT_FOUND', `${type} "${id}" does not exist`, { entity: type, id });
  }
  // Named as people name it (`acme`, `acme/engineering`), never by a bare id.
  throw new HttpProblem('forbidden', `requires the permission "${permission}" at ${type} "${described.name}"`, {
    permission,
    target: { type, id: described.id, name: described.name },
  });
}

interface FastifyLikeError {
  readonly statusCode?: number;
  readonly code?: string;
  readonly validation?: ErrorObject[];
  readonly validationContext?: string;
  readonly message: string;
}

function toProblem(error: unknown): unknown {
  const e = error as FastifyLikeError;
  if (e !== null && typeof e === 'object' && Array.isArray(e.validation)) {
    const errors = fieldErrors(e.validation, e.validationContext ?? 'body');
    return new HttpProblem('validation', errors.map((f) => `${f.in} ${f.path} ${f.message}`).join('; '), { errors });
  }
  const status = e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && !(error instanceof HttpProblem)) {
    if (status === 413) return new HttpProblem('payload-too-large', e.message);
    if (status === 415) return new HttpProblem('unsupported-media-type', e.message);
    if (status === 404) return new HttpProblem('route-not-found', e.message);
    if (status === 405) return new HttpProblem('method-not-allowed', e.message);
    return new HttpProblem('bad-request', e.message);
  }
  return error;
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const problem = problemOf(error);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  const retryAfter = (problem as { retryAfter?: unknown }).retryAfter;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem, instance: request.url.split('?')[0] }));
}

/** Methods whose requests carry no body: one that sends bytes anyway is refused before anything runs. */
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

function refuseStrayBody(request: FastifyRequest): void {
  if (!BODYLESS.has(request.method)) return;
  const length = request.headers['content-length'];
  const chunked = request.headers['transfer-encoding'] !== undefined;
  if (chunked || (length !== undefined && length !== '0')) {
    throw new HttpProblem('bad-request', `a ${request.method} request takes no body; send none`);
  }
}

/** Paths whose answers may carry secrets (sessions, tokens, keys, client secrets, invitation links) or state. */
function isApiPath(url: string): boolean {
  return url.startsWith('/v1/') || url.startsWith('/oauth2/') || url === '/v1' || url === '/metrics';
}

/** Headers on every answer: no MIME sniffing; API answers are never stored by caches (they carry secrets). */
function secureHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  if ((isApiPath(request.url) || reply.statusCode >= 400) && !reply.hasHeader('cache-control')) {
    reply.header('cache-control', 'no-store');
  }
  if (request.url.startsWith('/docs')) reply.header('x-frame-options', 'DENY');
}

/** The OpenAPI description of ETags and If-Match for the routes of `TAGGED_ROUTES`. */
function etagDocumentation(
  schema: Record<string, unknown> | undefined,
  url: string,
  method: string | readonly string[],
): Record<string, unknown> {
  if (TAGGED_ROUTES[url] === undefined || schema === undefined) return {};
  const methods = Array.isArray(method) ? method : [method];
  const extra: Record<string, unknown> = {};
  const response = schema.response as Record<string, Record<string, unknown>> | undefined;
  if (response?.['200'] !== undefined && !methods.includes('DELETE')) {
    extra.response = {
      ...response,
      200: {
        ...response['200'],
        headers: {
          etag: { type: 'string', description: 'The resource\'s version as a strong entity tag, e.g. `"42"`.' },
        },
      },
    };
  }
  if (methods.some((m) => m === 'PATCH' || m === 'PUT' || m === 'DELETE')) {
    extra.headers = {
      type: 'object',
      properties: {
        'if-match': {
          type: 'string',
          description:
            'Only write when the resource is still at one of these versions (ETags from a GET or a previous write), or `*` when it exists; ' +
            'otherwise 412 `precondition-failed` and nothing changes. Checked inside the write.',
        },
      },
    };
    extra.response = {
      ...((extra.response as Record<string, unknown> | undefined) ?? response ?? {}),
      412: { ...(response?.['4xx'] ?? {}), description: 'The resource changed since the version If-Match names.' },
    };
  }
  return extra;
}

/** Answers an HTTP parser error (431, a malformed request) as problem+json, then closes the connection. */
function answerClientError(error: Error & { code?: string }, socket: import('node:net').Socket): void {
  if (!socket.writable) return void socket.destroy(error);
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW' ? 413 : 400;
  const type = status === 431 ? 'header-too-large' : status === 413 ? 'payload-too-large' : 'bad-request';
  const body = JSON.stringify({
    type: PROBLEM_BASE + type,
    title: HTTP_PROBLEMS[type].title,
    status,
    detail: status === 431 ? 'the request headers are too large' : 'the request is not valid HTTP',
  });
  const reason =
    status === 431 ? 'Request Header Fields Too Large' : status === 413 ? 'Payload Too Large' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n` +
      `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
