/**
 * Writes over HTTP: adding a member to a group (`PUT /v1/groups/:group/members/:user`) on the
 * engine benchmark's model (bench/workload.ts, 100,000 users) and on a small one, to show the
 * cost does not grow with the policy; then concurrent member adds from 50 connections, which the
 * store commits in groups (src/store/kysely-store.ts). SQLite on a temporary file, and PostgreSQL
 * in a schema of its own when TESSERA_TEST_POSTGRES_URL is set. The server runs in a child
 * process (this file with `--serve`), so the load generator does not share its event loop.
 * The server runs the compiled code (dist/, `npm run build:server` first), as in production.
 * Run by `npm run bench:store` after bench/store.ts, or alone: `node --import tsx bench/writes.ts`.
 * `--seconds=N` sets the concurrent run's length (default 5); `--profile` writes a CPU profile of
 * each measured phase of each server (not its start) to bench/profiles/; `--small-only` skips the
 * 100,000-user model, `--full-only` the small one; `--sqlite-only` skips PostgreSQL.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../src/core/gate.js';
import { bootstrap } from '../src/server/bootstrap.js';
import { DEFAULT_SETTINGS } from '../src/server/config.js';
import { type Store, createPostgresStore, createSqliteStore } from '../src/store/index.js';
import { elapsedMs } from './contenders/contender.js';
import { tesseraChanges } from './contenders/tessera.js';
import { formatTable } from './measure.js';
import { SIZES, type Sizes, type Workload, generateWorkload } from './workload.js';
import { startChildServer, stopChildServer } from './child-server.js';

const args = process.argv.slice(2);
const ADMIN_PASSWORD = 'bench-admin-password';
const here = fileURLToPath(new URL('.', import.meta.url));
const TARGETS = { memberAddP50Ms: 1.5, writesPerSecond: 2_000 };
const SEQUENTIAL = 400;
const WARMUP = 50;
const CONNECTIONS = 50;
const SMALL: Sizes = {
  projects: 10,
  users: 1_000,
  groups: 50,
  permissions: 60,
  roles: 12,
  orgMappings: 2,
  projectMappings: 200,
};

/**
 * `--serve <database> [schema]`: the server child, on the compiled code. With `--profile-to=DIR`,
 * SIGUSR2 starts a CPU profile and the next SIGUSR2 writes it to DIR, named after the phase the
 * parent wrote to `DIR/.phase`: only the measured work is profiled.
 */
async function serve(database: string, schema: string | undefined, profileDir: string | null): Promise<void> {
  const compiled = new URL('../dist/', import.meta.url);
  if (!existsSync(new URL('server/server.js', compiled)))
    throw new Error('the server is not built: run `npm run build:server` first');
  const stores = (await import(new URL('store/index.js', compiled).href)) as typeof import('../src/store/index.js');
  const servers = (await import(
    new URL('server/server.js', compiled).href
  )) as typeof import('../src/server/server.js');
  const config = (await import(new URL('server/config.js', compiled).href)) as typeof import('../src/server/config.js');
  const store =
    schema === undefined
      ? await stores.createSqliteStore({ database, followIntervalMs: 0 })
      : await stores.createPostgresStore({
          database: new pg.Pool({ connectionString: database, options: `-c search_path=${schema}`, max: 4 }),
          followIntervalMs: 0,
        });
  const server = await servers.startServer(
    { ...config.DEFAULT_SETTINGS, database, port: 0, logLevel: 'error' },
    { store },
  );
  if (profileDir !== null) {
    const session = new Session();
    session.connect();
    let profiling = false;
    process.on('SIGUSR2', () => {
      void (async () => {
        if (!profiling) {
          profiling = true;
          await session.post('Profiler.enable');
          await session.post('Profiler.start');
          return;
        }
        profiling = false;
        const { profile } = await session.post('Profiler.stop');
        const phase = readFileSync(join(profileDir, '.phase'), 'utf8').trim();
        writeFileSync(join(profileDir, `${phase}.cpuprofile`), JSON.stringify(profile));
      })();
    });
  }
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  const stop = async () => {
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

interface Database {
  readonly name: string;
  /** A fresh, empty database for one model; the arguments that serve it. */
  prepare(label: string): Promise<{ store: Store; serveArgs: string[] }>;
  dispose(): Promise<void>;
}

function sqlite(directory: string): Database {
  return {
    name: 'SQLite',
    async prepare(label) {
      const database = join(directory, `${label}.db`);
      return { store: await createSqliteStore({ database, followIntervalMs: 0 }), serveArgs: [database] };
    },
    async dispose() {},
  };
}

function postgres(url: string): Database {
  const schemas: string[] = [];
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL',
    async prepare(label) {
      const schema = `bench_writes_${label}_${process.pid}`;
      await admin(`drop schema if exists ${schema} cascade`);
      await admin(`create schema ${schema}`);
      schemas.push(schema);
      const store = await createPostgresStore({
        database: new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4 }),
        followIntervalMs: 0,
      });
      return { store, serveArgs: [url, schema] };
    },
    async dispose() {
      for (const schema of schemas) await admin(`drop schema if exists ${schema} cascade`);
    },
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One request on a kept-alive connection: its status, body and latency. */
function call(
  url: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(text) as Record<string, unknown>,
          ms: elapsedMs(start),
        }),
      );
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Member adds that are not memberships yet: user `u` from `from` on, each with a group it is not in. */
function* newMemberships(w: Workload, from: number): Generator<string> {
  const members = new Set<string>();
  for (const [u, groups] of w.userGroups.entries()) for (const g of groups) members.add(`${g}/${u}`);
  for (let round = 0; ; round++)
    for (let u = from; u < w.userIds.length; u++) {
      const g = (u * 7919 + round * 104_729) % w.groupIds.length;
      if (members.has(`${g}/${u}`)) continue;
      members.add(`${g}/${u}`);
      yield `/v1/groups/${w.groupIds[g]!}/members/${w.userIds[u]!}`;
    }
}

/**
 * CPU time (user + system) a process has used, in ms, from /proc (Linux); NaN elsewhere. With
 * `mainThread`, its main thread's alone (the event loop: not the thread pool's fsyncs, the
 * checkpointer's worker nor the garbage collector's threads).
 */
function cpuMs(pid: number, mainThread = false): number {
  try {
    const fields = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8')
      .split(') ')[1]!
      .split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Row {
  readonly database: string;
  readonly model: string;
  readonly p50: number;
  readonly p99: number;
  /** The server's CPU time per member add, one at a time: the part that is not waiting for the disk. */
  readonly cpu: number;
  /** The same, the server's main thread alone. */
  readonly mainCpu: number;
  readonly perSecond: number | null;
  /** The server's CPU time per write in the concurrent run: what bounds the rate on a busy machine. */
  readonly concurrentCpu: number;
}

async function measure(
  database: Database,
  label: string,
  sizes: Sizes,
  seconds: number,
  profileDir: string | null,
): Promise<Row> {
  let start = process.hrtime.bigint();
  const w = generateWorkload(42, sizes);
  const { store, serveArgs } = await database.prepare(label);
  await bootstrap(store, { ...DEFAULT_SETTINGS, database: serveArgs[0]!, adminPassword: ADMIN_PASSWORD });
  await store.write(tesseraChanges(w), { actor: SYSTEM_ACTOR });
  // The admin administers the model's organization too (the first start made it admin of its home organization only).
  const organization = store.engine.organizations().find((o) => o.name === 'Org 0')!.id;
  await store.write(
    [
      {
        op: 'mapping.add',
        mapping: {
          id: 'bench-admin',
          role: store.engine.settings.adminRole!,
          subject: { kind: 'user', id: store.engine.user('admin')!.id },
          target: { level: 'organization', id: organization },
        },
      },
    ],
    { actor: SYSTEM_ACTOR },
  );
  await store.close();
  console.log(
    `${database.name}, ${label}: ${sizes.users} users, ${sizes.groups} groups, ${sizes.orgMappings + sizes.projectMappings} mappings written (${(elapsedMs(start) / 1000).toFixed(1)} s)`,
  );
  start = process.hrtime.bigint();
  const { child, url } = await startChildServer(fileURLToPath(import.meta.url), [
    '--serve',
    ...serveArgs,
    ...(profileDir === null ? [] : [`--profile-to=${profileDir}`]),
  ]);
  /** Runs one measured phase, profiled in the server when asked. */
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    if (profileDir === null) return work();
    const file = join(profileDir, `${database.name}-${label}-${name}.cpuprofile`.toLowerCase());
    rmSync(file, { force: true });
    writeFileSync(join(profileDir, '.phase'), `${database.name}-${label}-${name}`.toLowerCase());
    child.kill('SIGUSR2');
    await sleep(200);
    const result = await work();
    child.kill('SIGUSR2');
    while (!existsSync(file)) await sleep(50);
    return result;
  };
  try {
    console.log(`  server opened the store and listens (${(elapsedMs(start) / 1000).toFixed(1)} s)`);
    const session = await call(url, 'POST', '/v1/session', null, {
      username: 'admin',
      password: ADMIN_PASSWORD,
      mode: 'token',
    });
    if (session.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(session.body)}`);
    const created = await call(url, 'POST', '/v1/tokens', String(session.body.token), {
      name: 'writes benchmark',
      expiresInDays: 1,
    });
    if (created.status !== 201) throw new Error(`token creation failed: ${JSON.stringify(created.body)}`);
    const token = String(created.body.token);

    // One connection, one member add after the other: the latency of a write.
    const paths = newMemberships(w, 0);
    const latencies: number[] = [];
    const add = async () => {
      const answer = await call(url, 'PUT', paths.next().value!, token);
      if (answer.status !== 200 || answer.body.added !== true)
        throw new Error(`member add failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.ms;
    };
    for (let i = 0; i < WARMUP; i++) await add();
    const cpuStart = cpuMs(child.pid!);
    const mainCpuStart = cpuMs(child.pid!, true);
    await phase('sequential', async () => {
      for (let i = 0; i < SEQUENTIAL; i++) latencies.push(await add());
    });
    const cpu = (cpuMs(child.pid!) - cpuStart) / SEQUENTIAL;
    const mainCpu = (cpuMs(child.pid!, true) - mainCpuStart) / SEQUENTIAL;
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(
      `  ${SEQUENTIAL} member adds one at a time: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, server CPU ${cpu.toFixed(2)} ms each (main thread ${mainCpu.toFixed(2)} ms)`,
    );

    // Many connections at once: the store commits the writes queued behind the lock together.
    const first = await call(url, 'PUT', paths.next().value!, token);
    const concurrentCpuStart = cpuMs(child.pid!);
    const result = await phase('concurrent', () =>
      autocannon({
        url,
        connections: CONNECTIONS,
        duration: seconds,
        headers: { authorization: `Bearer ${token}` },
        requests: [{ method: 'PUT', setupRequest: (req) => ({ ...req, path: paths.next().value! }) }],
      }),
    );
    const concurrentCpuUsed = cpuMs(child.pid!) - concurrentCpuStart;
    const last = await call(url, 'PUT', paths.next().value!, token);
    const written = Number(last.body.revision) - Number(first.body.revision) - 1;
    // Requests still in flight when the run ends are written but not counted: the rate counts answers only.
    const perSecond = result['2xx'] / (result.duration || seconds);
    console.log(
      `  ${CONNECTIONS} connections for ${seconds} s: ${result['2xx']} answered 200, ${result.non2xx} other, ${written} revisions written: ${perSecond.toFixed(0)} writes/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
    if (result.non2xx > 0 || result.errors > 0 || written < result['2xx'] || written > result['2xx'] + CONNECTIONS)
      throw new Error('some concurrent member adds failed or wrote nothing');
    const concurrentCpu = concurrentCpuUsed / Math.max(1, written);
    console.log(`  server CPU ${concurrentCpu.toFixed(2)} ms per concurrent write`);
    return { database: database.name, model: label, p50, p99, cpu, mainCpu, perSecond, concurrentCpu };
  } finally {
    await stopChildServer(child);
  }
}

async function main(): Promise<void> {
  const seconds = Number(args.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 5);
  const profileDir = args.includes('--profile') ? join(here, 'profiles') : null;
  if (profileDir !== null) mkdirSync(profileDir, { recursive: true });
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  console.log(`\nWrites over HTTP: ${availableParallelism()} CPUs, load average ${load()} at start`);
  const directory = mkdtempSync(join(tmpdir(), 'tessera-writes-bench-'));
  const databases: Database[] = [sqlite(directory)];
  const url = process.env.TESSERA_TEST_POSTGRES_URL;
  if (args.includes('--sqlite-only')) console.log('PostgreSQL: skipped (--sqlite-only)');
  else if (url === undefined || url === '') console.log('PostgreSQL: skipped, TESSERA_TEST_POSTGRES_URL is not set');
  else databases.push(postgres(url));
  const rows: Row[] = [];
  try {
    for (const database of databases) {
      if (!args.includes('--full-only')) rows.push(await measure(database, 'small', SMALL, seconds, profileDir));
      if (!args.includes('--small-only')) rows.push(await measure(database, 'full', SIZES, seconds, profileDir));
    }
  } finally {
    for (const database of databases) await database.dispose().catch(() => undefined);
    rmSync(directory, { recursive: true, force: true });
  }
  console.log(`\nload average ${load()} at the end\n`);
  console.log(
    formatTable(
      [
        'database',
        'model',
        'member add p50',
        'p99',
        'server CPU each',
        'main thread',
        `target p50`,
        `concurrent writes/s (${CONNECTIONS} conn.)`,
        'target',
        'server CPU each',
      ],
      rows.map((r) => [
        r.database,
        r.model === 'full' ? `${SIZES.users.toLocaleString('en')} users` : `${SMALL.users.toLocaleString('en')} users`,
        `${r.p50.toFixed(2)} ms`,
        `${r.p99.toFixed(2)} ms`,
        `${r.cpu.toFixed(2)} ms`,
        `${r.mainCpu.toFixed(2)} ms`,
        `<= ${TARGETS.memberAddP50Ms} ms`,
        r.perSecond === null ? '-' : r.perSecond.toFixed(0),
        `>= ${TARGETS.writesPerSecond}`,
        `${r.concurrentCpu.toFixed(2)} ms`,
      ]),
    ),
  );
}

if (args[0] === '--serve') {
  const [database, schema] = args.slice(1).filter((a) => !a.startsWith('--'));
  const profileTo = args.find((a) => a.startsWith('--profile-to='))?.slice('--profile-to='.length) ?? null;
  await serve(database!, schema, profileTo);
} else await main();
