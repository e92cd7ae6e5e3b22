import { Type } from '@sinclair/typebox';
import type { App, ServerContext } from '../context.js';
import { requireMetricsToken } from '../metrics.js';
import { ldapStoresOf } from './ldap-stores.js';

/** Health and metrics: unauthenticated, for load balancers and Prometheus. */
export function systemRoutes(app: App, context: ServerContext): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Whether the server can answer decisions',
        description:
          'Answers 200 whenever decisions can be answered, which they are from memory even while the database is ' +
          'unavailable: `database` says whether writes can be taken too, and since when.',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            revision: Type.Integer({ description: 'The revision the in-memory index reflects.' }),
            database: Type.Union([Type.Literal('connected'), Type.Literal('unavailable')], {
              description: '`unavailable`: writes answer 503 `unavailable` until the server reconnects by itself.',
            }),
            since: Type.String({ description: 'ISO 8601: when the database became connected or unavailable.' }),
            userStores: Type.Array(
              Type.Object({
                name: Type.String(),
                directory: Type.Union([Type.Literal('connected'), Type.Literal('unavailable')]),
                since: Type.Union([Type.String(), Type.Null()]),
              }),
              {
                description:
                  "Each LDAP user store's directory as last asked: `unavailable` blocks its users' sign-ins and its synchronisation, never decisions.",
              },
            ),
          }),
        },
      },
      config: { public: true },
    },
    async () => {
      const health = context.store.health;
      return {
        status: 'ok' as const,
        revision: context.store.revision,
        database: health.database,
        since: health.since,
        userStores: (ldapStoresOf(context)?.healthAll() ?? [])
          .filter((s) => s.health.status !== 'unknown')
          .map((s) => ({
            name: s.name,
            directory: s.health.status === 'connected' ? ('connected' as const) : ('unavailable' as const),
            since: s.health.since,
          })),
      };
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['system'], summary: 'Prometheus metrics (text exposition format)' }, config: { public: true } },
    async (request, reply) => {
      requireMetricsToken(context.settings.metricsToken ?? null, request.headers.authorization);
      const text = await context.metrics.registry.metrics();
      return reply.type(context.metrics.registry.contentType).send(text);
    },
  );
}
