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
        response: { 200: Type.Object({ status: Type.Literal('ok'), revision: Type.Integer() }) },
      },
      config: { public: true },
    },
    async () => ({ status: 'ok' as const, revision: context.store.revision }),
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
