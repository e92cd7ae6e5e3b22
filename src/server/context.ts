import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { TargetRef } from '../core/decision.js';
import type { Store } from '../store/index.js';
import type { Credentials, Principal } from './credentials.js';
import type { Metrics } from './metrics.js';
import type { ServerSettings } from './config.js';

/** The Fastify instance every route module registers on, typed by its TypeBox schemas. */
export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** What the routes share. */
export interface ServerContext {
  readonly store: Store;
  readonly credentials: Credentials;
  readonly settings: ServerSettings;
  readonly metrics: Metrics;
  /**
   * The installation's home organization (the one bootstrap created): installation-wide
   * operations (users, user stores, the permission tree, scopes, root organizations, the audit
   * log) are authorized by permissions held there.
   */
  readonly home: () => string;
}

/**
 * What an operation requires: `permission` held at `target` (docs/administration.md: "creating a group in
 * organization acme needs the group-management permission at acme"). `at` says in words where,
 * for the OpenAPI document. A `target` returning null leaves the check to the handler (lists
 * filtered per item, operations on the caller's own account).
 */
export interface Guard {
  readonly permission: string;
  readonly at: string;
  readonly target: (request: FastifyRequest, context: ServerContext) => TargetRef | null;
  /** The permission for this request when it depends on it (a resource type's own, `settings.resourceTypes`); `permission` otherwise. */
  readonly permissionOf?: (request: FastifyRequest, context: ServerContext) => string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission the route requires; see `Guard`. */
    guard?: Guard;
    /** Reachable without signing in (sign-in itself, health, documentation, accepting an invitation). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in caller; null for an anonymous one. */
    principal: Principal | null;
  }
}
