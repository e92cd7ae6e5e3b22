/**
 * Several Tessera servers on one PostgreSQL (docs/deployment-several-servers.md): the engine
 * benchmark's model (bench/workload.ts: 100,000 users, 5,000 groups, 1,000 projects, 20,200
 * mappings) written to a database of its own on the server of TESSERA_TEST_POSTGRES_URL, served by three compiled
 * `tessera serve` processes (run `npm run build` first). Measures
 *
 * - propagation: a membership added or removed over HTTP on one server, then `GET /healthz` (the
 *   revision of the in-memory index, no database read) polled on each other server until it
 *   reaches the write's revision; the time from the write's answer, p50/p99 over every (write,
 *   other server) pair; each other server's decision is then checked to include the write;
 * - aggregate decisions/s with 1, 2 and 3 servers serving, `POST /v1/check` and
 *   `POST /v1/check/batch` (100 checks), autocannon, one instance per server, the connections
 *   split between them; sampled answers compared with the engine.
 *
 * Run with `npm run bench:cluster`; `--seconds=N` per throughput run (default 10), `--writes=N`
 * propagation writes (default 200); `--profile` runs each server with `--cpu-prof`, its profile
 * written to bench/profiles/cluster/ when it stops.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../src/core/gate.js';
import { bootstrap } from '../src/server/bootstrap.js';
import { DEFAULT_SETTINGS } from '../src/server/config.js';
import { openStore } from '../src/store/kysely-store.js';
import { postgresAdapter } from '../src/store/postgres/postgres-store.js';
import type { Database } from '../src/store/schema.js';
import type { Store } from '../src/store/store.js';
import { BaselineIndex } from './contenders/baseline.js';
import { elapsedMs } from './contenders/contender.js';
import { tesseraChanges } from './contenders/tessera.js';
import { formatTable } from './measure.js';
import { type Check, SIZES, generateChecks, generateWorkload } from './workload.js';

const args = process.argv.slice(2);
const SECONDS = Number(args.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 10);
const WRITES = Number(args.find((a) => a.startsWith('--writes='))?.split('=')[1] ?? 200);
const SERVERS = 3;
const CONNECTIONS = 48;
const BATCH_CONNECTIONS = 12;
const BATCH_SIZE = 100;
const BODIES = 500;
const TARGET_P99_MS = 50;
const PROFILE = args.includes('--profile');
const ADMIN_PASSWORD = 'bench-admin-password';
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = `${ROOT}bin/tessera.js`;

const url = process.env.TESSERA_TEST_POSTGRES_URL;
if (url === undefined || url === '') throw new Error('set TESSERA_TEST_POSTGRES_URL to a PostgreSQL database');
if (!existsSync(`${ROOT}dist/cli/main.js`)) throw new Error('the CLI is not built: run `npm run build` first');

const log = (message: string) => console.log(message);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const rate = (n: number) => Math.round(n).toLocaleString('en-US');

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
}

/** `tessera serve` on the schema, on a free port; resolves once it listens. */
async function serve(database: string): Promise<Server> {
  const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${ROOT}bench/profiles/cluster`] : [];
  const child = spawn(
    process.execPath,
    [...profile, BIN, 'serve', '--database', database, '--port', '0', '--log-level', 'error'],
    {
      cwd: ROOT,
      env: { ...process.env, TESSERA_ADMIN_PASSWORD: ADMIN_PASSWORD, TESSERA_SECRET_KEY: 'bench-cluster' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const address = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`tessera serve exited early (code ${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /is listening on (\S+)/.exec(line);
      if (match !== null) resolve(match[1]!);
    });
  });
  return { child, url: address };
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

interface Answer {
  readonly token?: string;
  readonly allowed?: boolean;
  readonly revision?: number;
  readonly group?: { readonly id: string };
}

async function call(
  base: string,
  path: string,
  init: { method: string; token?: string; body?: unknown },
): Promise<{ status: number; body: Answer }> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(base + path, {
    method: init.method,
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Answer };
}

async function must(
  base: string,
  path: string,
  init: { method: string; token?: string; body?: unknown },
  status: number,
): Promise<Answer> {
  const answer = await call(base, path, init);
  if (answer.status !== status)
    throw new Error(`${init.method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const checkBody = (c: Check) => ({
  user: c.user,
  permission: c.permission,
  resource: { type: 'project', id: c.project },
});

// A database of its own, not a schema: the servers' write lock is a PostgreSQL advisory lock, which
// is database-wide, and loading this model holds it for a long while; other users of the test
// database (tests in other schemas) must not wait for it.
const name = `tessera_bench_cluster_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const admin = async (query: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(query).finally(() => client.end());
};
const address = new URL(url);
address.pathname = `/${name}`;
const database = address.toString();
const servers: Server[] = [];
let store: Store | undefined;
await admin(`create database ${name}`);
try {
  log(`${availableParallelism()} CPUs, load average ${load()} at start`);
  let start = process.hrtime.bigint();
  const workload = generateWorkload();
  const pool = new pg.Pool({ connectionString: database, max: 2 });
  store = await openStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), postgresAdapter(pool), {});
  await bootstrap(store, { ...DEFAULT_SETTINGS, database, adminPassword: ADMIN_PASSWORD });
  await store.write(tesseraChanges(workload), { actor: SYSTEM_ACTOR });
  log(
    `state: choreo preset + the engine benchmark's model (${rate(SIZES.users)} users, ${rate(SIZES.groups)} groups, ${rate(SIZES.projects)} projects, ` +
      `${rate(SIZES.orgMappings + SIZES.projectMappings)} mappings) in PostgreSQL database ${name} at revision ${store.revision} (${elapsedMs(start).toFixed(0)} ms)`,
  );

  start = process.hrtime.bigint();
  for (let i = 0; i < SERVERS; i++) servers.push(await serve(database));
  log(
    `servers: ${servers.map((s) => s.url).join(', ')} (${elapsedMs(start).toFixed(0)} ms to load the index and listen, all three)`,
  );
  const session = await must(
    servers[0]!.url,
    '/v1/session',
    { method: 'POST', body: { username: 'admin', password: ADMIN_PASSWORD, mode: 'token' } },
    200,
  );
  const token = (
    await must(
      servers[0]!.url,
      '/v1/tokens',
      { method: 'POST', token: session.token!, body: { name: 'cluster benchmark', expiresInDays: 1 } },
      201,
    )
  ).token!;

  // Propagation: a probe user's membership of a group holding Developer on one project, toggled.
  const home = 'default';
  await must(
    servers[0]!.url,
    `/v1/organizations/${home}/projects`,
    { method: 'POST', token, body: { name: 'propagation' } },
    201,
  );
  const group = (
    await must(
      servers[0]!.url,
      `/v1/organizations/${home}/groups`,
      {
        method: 'POST',
        token,
        body: { name: 'Propagation', roles: [{ role: 'Developer', project: `${home}/propagation` }] },
      },
      201,
    )
  ).group!.id;
  await must(servers[0]!.url, '/v1/users', { method: 'POST', token, body: { username: 'probe', email: null } }, 201);
  const probe = {
    user: 'probe',
    permission: 'project:edit',
    resource: { type: 'project', id: `${home}/propagation` },
  };
  const delays: number[] = [];
  const writeLatencies: number[] = [];
  let member = false;
  log(`propagation: ${WRITES} writes, round robin over the servers, each watched on the other two…`);
  for (let i = 0; i < WRITES; i++) {
    const writer = servers[i % SERVERS]!;
    const others = servers.filter((s) => s !== writer);
    member = !member;
    const sent = performance.now();
    const written = await must(
      writer.url,
      `/v1/groups/${group}/members/probe`,
      { method: member ? 'PUT' : 'DELETE', token },
      200,
    );
    const answered = performance.now();
    writeLatencies.push(answered - sent);
    const revision = written.revision!;
    await Promise.all(
      others.map(async (other) => {
        for (;;) {
          const { body } = await call(other.url, '/healthz', { method: 'GET' });
          if ((body.revision ?? 0) >= revision) break;
          if (performance.now() - answered > 10_000)
            throw new Error(`${other.url} did not reach write ${i} within 10 s`);
        }
        delays.push(Math.max(0, performance.now() - answered));
      }),
    );
    // The index at that revision decides with the write: checked on each other server, outside the timing.
    for (const other of others) {
      const { body } = await call(other.url, '/v1/check', { method: 'POST', token, body: probe });
      if (body.allowed !== member) throw new Error(`${other.url} at revision ${revision} decides without write ${i}`);
    }
  }
  delays.sort((a, b) => a - b);
  writeLatencies.sort((a, b) => a - b);

  // Throughput: 1, 2 and 3 servers under /v1/check.
  const oracle = new BaselineIndex(workload);
  const checks = generateChecks(workload, oracle, BODIES);
  await store.sync();
  let mismatches = 0;
  for (const [i, c] of checks.entries()) {
    const server = servers[i % SERVERS]!;
    const { status, body } = await call(server.url, '/v1/check', { method: 'POST', token, body: checkBody(c) });
    if (status !== 200 || body.allowed !== store.engine.allowed(c.user, c.permission, 'project', c.project))
      mismatches++;
  }
  const singles = checks.map((c) => ({
    method: 'POST' as const,
    path: '/v1/check',
    body: JSON.stringify(checkBody(c)),
  }));
  const batches = Array.from({ length: BODIES / BATCH_SIZE }, (_, b) => ({
    method: 'POST' as const,
    path: '/v1/check/batch',
    body: JSON.stringify({ checks: checks.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE).map(checkBody) }),
  }));
  const throughput: {
    endpoint: string;
    servers: number;
    perSecond: number;
    p50: number;
    p99: number;
    non2xx: number;
    errors: number;
  }[] = [];
  const runs = [
    { endpoint: 'POST /v1/check', requests: singles, connections: CONNECTIONS, decisions: 1 },
    {
      endpoint: `POST /v1/check/batch ×${BATCH_SIZE}`,
      requests: batches,
      connections: BATCH_CONNECTIONS,
      decisions: BATCH_SIZE,
    },
  ];
  for (const run of runs) {
    for (let n = 1; n <= SERVERS; n++) {
      log(`${run.endpoint} on ${n} server(s): ${run.connections} connections in all, ${SECONDS} s…`);
      const results = await Promise.all(
        servers.slice(0, n).map((server) =>
          autocannon({
            url: server.url,
            connections: run.connections / n,
            duration: SECONDS,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            requests: run.requests,
          }),
        ),
      );
      throughput.push({
        endpoint: run.endpoint,
        servers: n,
        perSecond: results.reduce((sum, r) => sum + r.requests.average, 0) * run.decisions,
        p50: Math.max(...results.map((r) => r.latency.p50)),
        p99: Math.max(...results.map((r) => r.latency.p99)),
        non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
        errors: results.reduce((sum, r) => sum + r.errors, 0),
      });
    }
  }

  const met = percentile(delays, 99) <= TARGET_P99_MS;
  log(
    `\n${formatTable(
      ['measure', 'p50 ms', 'p99 ms', 'max ms', 'samples', 'target'],
      [
        [
          "change in the other servers' index (/healthz revision, after the write is answered)",
          percentile(delays, 50).toFixed(2),
          percentile(delays, 99).toFixed(2),
          delays.at(-1)!.toFixed(2),
          String(delays.length),
          `p99 ≤ ${TARGET_P99_MS} ms: ${met ? 'met' : 'NOT met'}`,
        ],
        [
          'the write itself (membership PUT/DELETE)',
          percentile(writeLatencies, 50).toFixed(2),
          percentile(writeLatencies, 99).toFixed(2),
          writeLatencies.at(-1)!.toFixed(2),
          String(writeLatencies.length),
          '',
        ],
      ],
    )}\n`,
  );
  log(
    `${formatTable(
      [
        'endpoint',
        'servers',
        'decisions/s (sum)',
        'per server',
        'p50 ms (worst)',
        'p99 ms (worst)',
        'non-2xx',
        'errors',
      ],
      throughput.map((t) => [
        t.endpoint,
        String(t.servers),
        rate(t.perSecond),
        rate(t.perSecond / t.servers),
        t.p50.toFixed(2),
        t.p99.toFixed(2),
        String(t.non2xx),
        String(t.errors),
      ]),
    )}\n`,
  );
  log(
    `Node ${process.version}; ${SERVERS} servers, the load generator (autocannon, one thread) and PostgreSQL share ${availableParallelism()} CPUs over loopback. ` +
      `Mismatches: ${mismatches}/${checks.length} answers differing from the engine, asked round robin before the runs. Load average at the end: ${load()}.`,
  );
} finally {
  for (const server of servers) await stop(server);
  await store?.close();
  await admin(`drop database if exists ${name}`);
}
