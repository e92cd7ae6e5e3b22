import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkResource, createGateway, type Gateway, type GatewayOptions } from './gateway.js';
import type { ResourceReference } from './permissions.js';
import { PROBLEM_CONTENT_TYPE, type Refusal } from './problems.js';
import type { TesseraAuth } from './verifier.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified token, set by the Tessera gateway's pre-handlers. */
    tessera?: TesseraAuth;
  }
}

/** A pre-handler: `{ preHandler: gateway.requireScopes('apim:api_create') }`. */
export type TesseraPreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Names the resource a route acts on, from the request (its params, usually). */
export type FastifyResourceOf = (
  request: FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string> }>,
) => ResourceReference | Promise<ResourceReference>;

/**
 * The Fastify gateway. Register it (`app.register(gateway)`) to declare `request.tessera` on every
 * request up front; the pre-handlers work without it.
 */
export interface TesseraFastify {
  (instance: FastifyInstance, options: unknown): Promise<void>;
  readonly gateway: Gateway;
  /** Requires a valid token. */
  readonly authenticate: TesseraPreHandler;
  /** Requires a valid token granting every one of the scopes. */
  requireScopes(...scopes: string[]): TesseraPreHandler;
  /** Requires a valid token whose user Tessera allows the permission at the resource. */
  requirePermission(permission: string, resource: FastifyResourceOf): TesseraPreHandler;
}

function refuse(reply: FastifyReply, refusal: Refusal): FastifyReply {
  return reply.code(refusal.status).headers(refusal.headers).type(PROBLEM_CONTENT_TYPE).send(refusal.problem);
}

export function tesseraFastify(options: GatewayOptions): TesseraFastify {
  const gateway = createGateway(options);

  /** The request's verified token (verifying it once per request), or null after answering a refusal. */
  const authenticated = async (request: FastifyRequest, reply: FastifyReply): Promise<TesseraAuth | null> => {
    if (request.tessera !== undefined && request.tessera !== null) return request.tessera;
    const outcome = await gateway.authenticate(request.headers.authorization);
    if ('refusal' in outcome) {
      await refuse(reply, outcome.refusal);
      return null;
    }
    request.tessera = outcome.auth;
    return outcome.auth;
  };

  const plugin = async (instance: FastifyInstance): Promise<void> => {
    if (!instance.hasRequestDecorator('tessera')) instance.decorateRequest('tessera', undefined);
  };
  // Like fastify-plugin: the decoration applies to the registering scope, not a child of it.
  Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: '@tessera/gateway',
  });

  return Object.assign(plugin, {
    gateway,
    authenticate: async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      await authenticated(request, reply);
    },
    requireScopes(...scopes: string[]): TesseraPreHandler {
      return async (request, reply) => {
        const auth = await authenticated(request, reply);
        if (auth === null) return;
        const refusal = gateway.checkScopes(auth, scopes);
        if (refusal !== null) await refuse(reply, refusal);
      };
    },
    requirePermission(permission: string, resourceOf: FastifyResourceOf): TesseraPreHandler {
      return async (request, reply) => {
        const auth = await authenticated(request, reply);
        if (auth === null) return;
        const resource = checkResource(await resourceOf(request as Parameters<FastifyResourceOf>[0]), permission);
        const refusal = await gateway.checkPermission(auth, permission, resource);
        if (refusal !== null) await refuse(reply, refusal);
      };
    },
  });
}
