import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'kysely';
import type { Store } from '../store/index.js';
import { HttpProblem } from './problem.js';

/** The server's Prometheus metrics (`GET /metrics`). */
export class Metrics {
  readonly registry = new Registry();
  readonly checks: Counter<'endpoint' | 'allowed'>;
  readonly decisionSeconds: Histogram<'endpoint'>;
  readonly requests: Counter<'method' | 'route' | 'status'>;

  /** Label sets resolved once: counting a request is then one increment, not a label lookup. */
  readonly #requestCounters = new Map<string, { inc(): void }>();

  countRequest(method: string, route: string, status: number): void {
    const key = `${method} ${route} ${status}`;
    let counter = this.#requestCounters.get(key);
    if (counter === undefined) {
      counter = this.requests.labels({ method, route, status: String(status) });
      if (this.#requestCounters.size < 10_000) this.#requestCounters.set(key, counter);
    }
    counter.inc();
  }

  constructor(store: Store) {
    collectDefaultMetrics({ register: this.registry, prefix: 'tessera_process_' });
    this.checks = new Counter({
      name: 'tessera_checks_total',
      help: 'Decisions answered, by endpoint and outcome.',
      labelNames: ['endpoint', 'allowed'],
      registers: [this.registry],
    });
    this.decisionSeconds = new Histogram({
      name: 'tessera_decision_seconds',
      help: 'Time to answer a decision request from the index, excluding HTTP.',
      labelNames: ['endpoint'],
      buckets: [0.000001, 0.000005, 0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05],
      registers: [this.registry],
    });
    this.requests = new Counter({
      name: 'tessera_http_requests_total',
      help: 'HTTP requests answered, by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'tessera_revision',
      help: 'The revision the in-memory index reflects.',
      registers: [this.registry],
      collect() {
        this.set(store.revision);
      },
    });
    new Gauge({
      name: 'tessera_database_up',
      help: 'Whether the database was reachable when last used: 1, or 0 while decisions are answered from memory only.',
      registers: [this.registry],
      collect() {
        this.set(store.health.database === 'connected' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'tessera_change_log_lag',
      help: 'Revisions in the change log that the index has not applied yet.',
      registers: [this.registry],
      async collect() {
        // Unknown while the database is unavailable: the gauge is left out, the other metrics are not.
        const last = await store.database
          .selectFrom('change_log')
          .select(sql<number>`max(revision)`.as('revision'))
          .executeTakeFirst()
          .catch(() => null);
        if (last === null) this.reset();
        else this.set(Math.max(0, Number(last?.revision ?? 0) - store.revision));
      },
    });
  }
}

/** `/metrics` with a configured token answers only `Authorization: Bearer <token>` (compared in constant time). */
export function requireMetricsToken(token: string | null, authorization: string | undefined): void {
  if (token === null || token === '') return;
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const expected = createHash('sha256').update(token).digest();
  const actual = createHash('sha256').update(given).digest();
  if (!timingSafeEqual(expected, actual)) {
    throw new HttpProblem('unauthorized', '/metrics requires "Authorization: Bearer <metrics token>"');
  }
}
