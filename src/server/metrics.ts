import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, type Metric, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'kysely';
import type { Store } from '../store/index.js';
import { HttpProblem } from './problem.js';

/** Decisions of one endpoint, counted in plain integers; added to `tessera_checks_total` when scraped. */
export interface DecisionCount {
  allowed: number;
  denied: number;
}

const DECISION_BUCKETS = [0.000001, 0.000005, 0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05];

/**
 * `tessera_decision_seconds`: a Prometheus histogram kept in typed arrays, so observing a decision
 * costs a few comparisons and increments (no label hashing); exported as prom-client's are.
 */
export class DecisionHistogram {
  readonly name = 'tessera_decision_seconds';
  readonly help = 'Time to answer a decision request from the index, excluding HTTP.';
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #series = new Map<string, { counts: Float64Array; sum: number; count: number }>();

  /** The series of one endpoint: `observe(seconds)` counts one answer. */
  endpoint(endpoint: string): { observe(seconds: number): void } {
    let series = this.#series.get(endpoint);
    if (series === undefined) {
      series = { counts: new Float64Array(DECISION_BUCKETS.length), sum: 0, count: 0 };
      this.#series.set(endpoint, series);
    }
    const s = series;
    return {
      observe(seconds: number): void {
        s.sum += seconds;
        s.count++;
        for (let i = 0; i < DECISION_BUCKETS.length; i++) {
          if (seconds <= DECISION_BUCKETS[i]!) {
            s.counts[i]!++;
            return;
          }
        }
      },
    };
  }

  /** prom-client's metric interface: the cumulative buckets, sum and count of each endpoint. */
  get(): {
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: { labels: Record<string, string | number>; value: number; metricName: string }[];
  } {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const [endpoint, series] of this.#series) {
      let cumulative = 0;
      DECISION_BUCKETS.forEach((bound, i) => {
        cumulative += series.counts[i]!;
        values.push({ labels: { le: bound, endpoint }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', endpoint }, value: series.count, metricName: `${this.name}_bucket` });
      values.push({ labels: { endpoint }, value: series.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { endpoint }, value: series.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.#series.clear();
  }
}

/** The server's Prometheus metrics (`GET /metrics`). */
export class Metrics {
  readonly registry = new Registry();
  readonly checks: Counter<'endpoint' | 'allowed'>;
  readonly decisionSeconds = new DecisionHistogram();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly userStoreUndoFailures: Counter<'store'>;

  /** Decision counts per endpoint, not yet added to `checks`. */
  readonly #decisions = new Map<string, DecisionCount>();
  /** Requests counted in plain integers (the decision routes), not yet added to `requests`. */
  readonly #pendingRequests = new Map<string, { method: string; route: string; status: number; count: number }>();

  /** The decision counter of one endpoint: increment its `allowed` and `denied`; they reach Prometheus when scraped. */
  decisions(endpoint: string): DecisionCount {
    let count = this.#decisions.get(endpoint);
    if (count === undefined) {
      count = { allowed: 0, denied: 0 };
      this.#decisions.set(endpoint, count);
    }
    return count;
  }

  /**
   * Counts a request like `countRequest`, in a plain integer added to `tessera_http_requests_total`
   * when scraped (for the decision routes, where a counter per request shows in the profile).
   */
  countRequestLater(method: string, route: string, status: number): void {
    const key = `${method} ${route} ${status}`;
    const pending = this.#pendingRequests.get(key);
    if (pending !== undefined) pending.count++;
    else if (this.#pendingRequests.size < 10_000) this.#pendingRequests.set(key, { method, route, status, count: 1 });
    else this.countRequest(method, route, status);
  }

  /**
   * `countRequestLater` for one route, resolved once: counting a request is then an increment of
   * the count of its status (no key built, no map lookup but the status's).
   */
  routeCounter(method: string, route: string): (status: number) => void {
    const byStatus = new Map<number, { method: string; route: string; status: number; count: number }>();
    return (status) => {
      const pending = byStatus.get(status);
      if (pending !== undefined) {
        pending.count++;
        return;
      }
      this.countRequestLater(method, route, status);
      const added = this.#pendingRequests.get(`${method} ${route} ${status}`);
      if (added !== undefined) byStatus.set(status, added);
    };
  }

  /** Adds the counts kept in plain integers to prom-client's counters (before every scrape). */
  flush(): void {
    for (const [endpoint, count] of this.#decisions) {
      if (count.allowed > 0) this.checks.inc({ endpoint, allowed: 'true' }, count.allowed);
      if (count.denied > 0) this.checks.inc({ endpoint, allowed: 'false' }, count.denied);
      count.allowed = 0;
      count.denied = 0;
    }
    for (const pending of this.#pendingRequests.values()) {
      if (pending.count === 0) continue;
      this.requests.inc(
        { method: pending.method, route: pending.route, status: String(pending.status) },
        pending.count,
      );
      pending.count = 0;
    }
  }

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
    const flush = () => this.flush();
    this.checks = new Counter({
      name: 'tessera_checks_total',
      help: 'Decisions answered, by endpoint and outcome.',
      labelNames: ['endpoint', 'allowed'],
      registers: [this.registry],
      collect: flush,
    });
    // prom-client reads any object with a name and `get()`; this one is not a prom-client class.
    this.registry.registerMetric(this.decisionSeconds as unknown as Metric);
    this.requests = new Counter({
      name: 'tessera_http_requests_total',
      help: 'HTTP requests answered, by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
      collect: flush,
    });
    this.userStoreUndoFailures = new Counter({
      name: 'tessera_user_store_undo_failures_total',
      help: "Compensating operations a read-write LDAP store's directory refused after Tessera's own write failed: each left the directory ahead of Tessera until the synchronisation it started.",
      labelNames: ['store'],
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
