import { Type } from '@sinclair/typebox';
import type { App, ServerContext } from '../context.js';
import { requireMetricsToken } from '../metrics.js';

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
