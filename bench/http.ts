import { SYSTEM_ACTOR } from '../src/core/gate.js';
/**
 * Decisions over HTTP: the engine benchmark's model (bench/workload.ts) in a SQLite store, served
 * by a Tessera server in a child process (bench/http-server.ts) on loopback, driven by autocannon
 * with a personal access token of the admin: single checks (`POST /v1/check`), batches of 100
 * (`POST /v1/check/batch`) and one user's permission at 100 targets (`POST /v1/check/targets`).
 * The same single-check load is first sent to two peers in the same run: plain node:http (the
 * machine's ceiling) and a trivial Fastify server (the framework's own cost), and Tessera's
 * single-check throughput and p99 are printed as ratios to the Fastify peer. Run with
 * `npm run bench:http`; `--profile` writes a CPU profile of the server to bench/profiles/;
 * `--seconds=N` changes each run's length (default 10).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { bootstrap } from '../src/server/bootstrap.js';
import { DEFAULT_SETTINGS } from '../src/server/config.js';
import { type Store, createSqliteStore } from '../src/store/index.js';
import { BaselineIndex } from './contenders/baseline.js';
import { elapsedMs } from './contenders/contender.js';
import { tesseraChanges } from './contenders/tessera.js';
import { cpuMsOf, startChildServer, stopChildServer } from './child-server.js';
import { formatTable } from './measure.js';
import { type Check, SIZES, generateChecks, generateWorkload, mulberry32 } from './workload.js';

const args = process.argv.slice(2);
const PROFILE = args.includes('--profile');
const SECONDS = Number(args.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 10);
/** `--database=FILE`: the workload's SQLite file, written there if missing and reused if present (saves the write). */
const KEPT_DATABASE = args.find((a) => a.startsWith('--database='))?.slice('--database='.length);
const SINGLE_CONNECTIONS = 50;
const BATCH_CONNECTIONS = 10;
const BATCH_SIZE = 100;
/** Distinct request bodies each run cycles through. */
const SINGLE_BODIES = 500;
const BATCH_BODIES = 50;
/** `POST /v1/check/targets`: one user and permission, this many targets per request. */
const TARGET_COUNT = 100;
const TARGET_BODIES = 50;
const TARGETS = {
  /** Tessera's single-check throughput relative to the trivial Fastify peer's, at least. */
  singleThroughputRatio: 0.85,
  /** Tessera's single-check p99 relative to the Fastify peer's, at most. */
  singleP99Ratio: 1.2,
  batchDecisionsPerSecond: 1_000_000,
};
const ADMIN_PASSWORD = 'bench-admin-password';

const here = fileURLToPath(new URL('.', import.meta.url));
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const log = (message: string) => console.log(message);

interface Run {
  readonly name: string;
  readonly connections: number;
  readonly result: autocannon.Result;
  /** The server's CPU time over the run (ms), when the platform tells it. */
  readonly cpuMs: number | undefined;
  readonly decisionsPerRequest: number;
  readonly mismatches: number;
  readonly verified: number;
}

const checkBody = (c: Check) => ({
  user: c.user,
  permission: c.permission,
  resource: { type: 'project', id: c.project },
});

/** The answers this benchmark reads: a session, a token, a decision, a batch. */
interface Answer {
  readonly token?: string;
  readonly allowed?: boolean;
  readonly decisions?: readonly { readonly allowed: boolean }[];
}

async function json(
  url: string,
  init: { method: string; token?: string; body?: unknown },
): Promise<{ status: number; body: Answer }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(url, {
    method: init.method,
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

/** Each body sent once; every answer compared with the reference store's engine. */
async function verifySingles(url: string, token: string, checks: readonly Check[], store: Store): Promise<number> {
  let mismatches = 0;
  for (const c of checks) {
    const { status, body } = await json(`${url}/v1/check`, { method: 'POST', token, body: checkBody(c) });
    if (status !== 200 || body.allowed !== store.engine.allowed(c.user, c.permission, 'project', c.project))
      mismatches++;
  }
  return mismatches;
}

async function verifyBatches(
  url: string,
  token: string,
  batches: readonly (readonly Check[])[],
  store: Store,
): Promise<number> {
  let mismatches = 0;
  for (const batch of batches) {
    const { status, body } = await json(`${url}/v1/check/batch`, {
      method: 'POST',
      token,
      body: { checks: batch.map(checkBody) },
    });
    batch.forEach((c, i) => {
      if (
        status !== 200 ||
        body.decisions?.[i]?.allowed !== store.engine.allowed(c.user, c.permission, 'project', c.project)
      )
        mismatches++;
    });
  }
  return mismatches;
}

/** One user's permission at many targets (`POST /v1/check/targets`). */
interface TargetsQuestion {
  readonly user: string;
  readonly permission: string;
  readonly projects: readonly string[];
}

const targetsBody = (q: TargetsQuestion) => ({
  user: q.user,
  permission: q.permission,
  targets: q.projects.map((id) => ({ type: 'project', id })),
});

/** Each body sent once; every answer compared with the reference store's engine. */
async function verifyTargets(
  url: string,
  token: string,
  questions: readonly TargetsQuestion[],
  store: Store,
): Promise<number> {
  let mismatches = 0;
  for (const q of questions) {
    const { status, body } = await json(`${url}/v1/check/targets`, { method: 'POST', token, body: targetsBody(q) });
    q.projects.forEach((project, i) => {
      if (
        status !== 200 ||
        body.decisions?.[i]?.allowed !== store.engine.allowed(q.user, q.permission, 'project', project)
      )
        mismatches++;
    });
  }
  return mismatches;
}

/** Drives `server` for SECONDS; answers autocannon's result and the server's CPU time over the run. */
async function fire(
  server: { child: ChildProcess; url: string },
  token: string,
  connections: number,
  requests: autocannon.Request[],
): Promise<{ result: autocannon.Result; cpuMs: number | undefined }> {
  const before = cpuMsOf(server.child);
  const result = await autocannon({
    url: server.url,
    connections,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests,
  });
  const after = cpuMsOf(server.child);
  return { result, cpuMs: before === undefined || after === undefined ? undefined : after - before };
}

const directory = mkdtempSync(join(tmpdir(), 'tessera-http-bench-'));
let child: ChildProcess | undefined;
try {
  log(`${availableParallelism()} CPUs, load average ${load()} at start; ${SECONDS} s per run`);
  let start = process.hrtime.bigint();
  const workload = generateWorkload();
  const database = KEPT_DATABASE ?? join(directory, 'tessera.db');
  const written = existsSync(database);
  const store = await createSqliteStore({ database, followIntervalMs: 0 });
  if (!written) {
    await bootstrap(store, { ...DEFAULT_SETTINGS, database, adminPassword: ADMIN_PASSWORD });
    await store.write(tesseraChanges(workload), { actor: SYSTEM_ACTOR });
  }
  log(
    `state: choreo preset + home organization + the engine benchmark's model (${SIZES.projects} projects, ${SIZES.users} users, ${SIZES.groups} groups, ` +
      `${SIZES.orgMappings + SIZES.projectMappings} mappings) written to SQLite at revision ${store.revision} (${elapsedMs(start).toFixed(0)} ms)`,
  );

  start = process.hrtime.bigint();
  const oracle = new BaselineIndex(workload);
  const checks = generateChecks(workload, oracle, SINGLE_BODIES + BATCH_BODIES * BATCH_SIZE);
  const singles = checks.slice(0, SINGLE_BODIES);
  const batches = Array.from({ length: BATCH_BODIES }, (_, b) =>
    checks.slice(SINGLE_BODIES + b * BATCH_SIZE, SINGLE_BODIES + (b + 1) * BATCH_SIZE),
  );
  const allowedShare =
    checks.filter((c) => store.engine.allowed(c.user, c.permission, 'project', c.project)).length / checks.length;
  log(
    `checks: ${SINGLE_BODIES} single bodies, ${BATCH_BODIES} batches of ${BATCH_SIZE}; ${(allowedShare * 100).toFixed(1)}% allowed (${elapsedMs(start).toFixed(0)} ms)`,
  );

  const singleRequests = singles.map((c) => ({
    method: 'POST' as const,
    path: '/v1/check',
    body: JSON.stringify(checkBody(c)),
  }));
  const targetsRand = mulberry32(11);
  const targetsQuestions: TargetsQuestion[] = Array.from({ length: TARGET_BODIES }, (_, b) => {
    const asked = checks[b]!;
    const projects = [asked.project];
    while (projects.length < TARGET_COUNT)
      projects.push(workload.projectIds[Math.floor(targetsRand() * workload.projectIds.length)]!);
    return { user: asked.user, permission: asked.permission, projects };
  });
  const runs: Run[] = [];
  {
    // The machine's ceiling for the single-check run: the same load against plain node:http.
    const bare = await startChildServer(join(here, 'http-server.ts'), ['--bare'], null);
    log(`ceiling: plain node:http, ${SINGLE_CONNECTIONS} connections, ${SECONDS} s…`);
    const { result, cpuMs } = await fire(bare, 'none', SINGLE_CONNECTIONS, singleRequests);
    await stopChildServer(bare.child);
    runs.push({
      name: 'node:http ceiling (no framework, no auth, fixed answer)',
      connections: SINGLE_CONNECTIONS,
      result,
      cpuMs,
      decisionsPerRequest: 1,
      mismatches: -1,
      verified: 0,
    });
  }
  {
    // The framework's peer: Fastify with default options, one POST route, a fixed answer.
    const peer = await startChildServer(join(here, 'http-server.ts'), ['--fastify'], null);
    log(`peer: trivial Fastify server, ${SINGLE_CONNECTIONS} connections, ${SECONDS} s…`);
    const { result, cpuMs } = await fire(peer, 'none', SINGLE_CONNECTIONS, singleRequests);
    await stopChildServer(peer.child);
    runs.push({
      name: 'trivial Fastify peer (default options, one route, fixed answer)',
      connections: SINGLE_CONNECTIONS,
      result,
      cpuMs,
      decisionsPerRequest: 1,
      mismatches: -1,
      verified: 0,
    });
  }

  start = process.hrtime.bigint();
  const profileDir = PROFILE ? join(here, 'profiles') : null;
  if (profileDir !== null) mkdirSync(profileDir, { recursive: true });
  const started = await startChildServer(join(here, 'http-server.ts'), [database], profileDir);
  child = started.child;
  const url = started.url;
  log(`server: ${url} in process ${child.pid} (${elapsedMs(start).toFixed(0)} ms to open the store and listen)`);

  const session = await json(`${url}/v1/session`, {
    method: 'POST',
    body: { username: 'admin', password: ADMIN_PASSWORD, mode: 'token' },
  });
  if (session.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(session.body)}`);
  const created = await json(`${url}/v1/tokens`, {
    method: 'POST',
    token: session.body.token!,
    body: { name: 'http benchmark', expiresInDays: 1 },
  });
  if (created.status !== 201) throw new Error(`token creation failed: ${JSON.stringify(created.body)}`);
  const token = created.body.token!;

  const singleMismatches = await verifySingles(url, token, singles, store);
  const batchMismatches = await verifyBatches(url, token, batches, store);
  // Servers from before `POST /v1/check/targets` answer it 404: that run is then left out.
  const hasTargets =
    (await json(`${url}/v1/check/targets`, { method: 'POST', token, body: targetsBody(targetsQuestions[0]!) }))
      .status !== 404;
  const targetsMismatches = hasTargets ? await verifyTargets(url, token, targetsQuestions, store) : 0;
  log(
    `verified: ${singles.length} single, ${batches.length * BATCH_SIZE} batched and ${hasTargets ? targetsQuestions.length * TARGET_COUNT : 0} per-target answers against the engine`,
  );

  log(`POST /v1/check: ${SINGLE_CONNECTIONS} connections, ${SECONDS} s…`);
  runs.push({
    name: 'POST /v1/check',
    connections: SINGLE_CONNECTIONS,
    ...(await fire(started, token, SINGLE_CONNECTIONS, singleRequests)),
    decisionsPerRequest: 1,
    mismatches: singleMismatches,
    verified: singles.length,
  });
  const batchRequests = batches.map((batch) => ({
    method: 'POST' as const,
    path: '/v1/check/batch',
    body: JSON.stringify({ checks: batch.map(checkBody) }),
  }));
  log(`POST /v1/check/batch (${BATCH_SIZE} checks each): ${BATCH_CONNECTIONS} connections, ${SECONDS} s…`);
  runs.push({
    name: `POST /v1/check/batch ×${BATCH_SIZE}`,
    connections: BATCH_CONNECTIONS,
    ...(await fire(started, token, BATCH_CONNECTIONS, batchRequests)),
    decisionsPerRequest: BATCH_SIZE,
    mismatches: batchMismatches,
    verified: batches.length * BATCH_SIZE,
  });
  if (hasTargets) {
    const targetsRequests = targetsQuestions.map((q) => ({
      method: 'POST' as const,
      path: '/v1/check/targets',
      body: JSON.stringify(targetsBody(q)),
    }));
    log(`POST /v1/check/targets (${TARGET_COUNT} targets each): ${BATCH_CONNECTIONS} connections, ${SECONDS} s…`);
    runs.push({
      name: `POST /v1/check/targets ×${TARGET_COUNT}`,
      connections: BATCH_CONNECTIONS,
      ...(await fire(started, token, BATCH_CONNECTIONS, targetsRequests)),
      decisionsPerRequest: TARGET_COUNT,
      mismatches: targetsMismatches,
      verified: targetsQuestions.length * TARGET_COUNT,
    });
  }

  const rate = (n: number) => Math.round(n).toLocaleString('en-US');
  /** The server's CPU time per answered request, in µs: what the run cost the server, however busy the machine. */
  const cpuPerRequest = (run: Run) =>
    run.cpuMs === undefined || run.result.requests.total === 0
      ? undefined
      : (run.cpuMs * 1000) / run.result.requests.total;
  const [bare, peer, single, batch] = runs as [Run, Run, Run, Run];
  const throughputRatio = single.result.requests.average / peer.result.requests.average;
  const p99Ratio = single.result.latency.p99 / peer.result.latency.p99;
  const singleMet = throughputRatio >= TARGETS.singleThroughputRatio && p99Ratio <= TARGETS.singleP99Ratio;
  const batchMet = batch.result.requests.average * BATCH_SIZE >= TARGETS.batchDecisionsPerSecond;
  const targets = [
    'reference: what this machine serves at all',
    'reference: the framework alone',
    `≥ ${TARGETS.singleThroughputRatio}x the peer's req/s, p99 ≤ ${TARGETS.singleP99Ratio}x: ${singleMet ? 'met' : 'NOT met'}`,
    `≥ ${rate(TARGETS.batchDecisionsPerSecond)} decisions/s: ${batchMet ? 'met' : 'NOT met'}`,
    `≥ ${rate(TARGETS.batchDecisionsPerSecond)} decisions/s: ${runs[4] !== undefined && runs[4].result.requests.average * TARGET_COUNT >= TARGETS.batchDecisionsPerSecond ? 'met' : 'NOT met'}`,
  ];
  const table = formatTable(
    [
      'endpoint',
      'conns',
      'requests/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'decisions/s',
      'server CPU µs/req',
      'non-2xx',
      'errors',
      'mismatches',
      'target',
    ],
    runs.map((run, i) => [
      run.name,
      String(run.connections),
      rate(run.result.requests.average),
      run.result.latency.p50.toFixed(2),
      run.result.latency.p99.toFixed(2),
      run.result.latency.max.toFixed(2),
      rate(run.result.requests.average * run.decisionsPerRequest),
      cpuPerRequest(run)?.toFixed(1) ?? 'n/a',
      String(run.result.non2xx),
      String(run.result.errors),
      run.mismatches < 0 ? 'n/a' : `${run.mismatches}/${run.verified}`,
      targets[i]!,
    ]),
  );
  log(`\n${table}\n`);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  log(
    `POST /v1/check vs the trivial Fastify peer: ${ratio(single.result.requests.average, peer.result.requests.average)} throughput, ` +
      `${ratio(single.result.latency.p99, peer.result.latency.p99)} p99; ` +
      `vs the node:http ceiling: ${ratio(single.result.requests.average, bare.result.requests.average)} throughput, ` +
      `${ratio(single.result.latency.p99, bare.result.latency.p99)} p99. ` +
      `The Fastify peer vs node:http: ${ratio(peer.result.requests.average, bare.result.requests.average)} throughput.`,
  );
  const [singleCpu, peerCpu, bareCpu] = [cpuPerRequest(single), cpuPerRequest(peer), cpuPerRequest(bare)];
  if (singleCpu !== undefined && peerCpu !== undefined && bareCpu !== undefined)
    log(
      `Server CPU per request (load-independent): POST /v1/check ${singleCpu.toFixed(1)} µs, ${ratio(singleCpu, peerCpu)} the Fastify peer's ` +
        `(${peerCpu.toFixed(1)} µs) and ${ratio(singleCpu, bareCpu)} node:http's (${bareCpu.toFixed(1)} µs).`,
    );
  log(
    `Node ${process.version}; server and load generator (autocannon, one thread) share ${availableParallelism()} CPUs over loopback. ` +
      "requests/s: mean of the per-second samples; latency: autocannon's histogram over every request.\n" +
      `Mismatches: answers differing from the engine (store.engine.allowed) on each body sent once before the runs. Load average at the end: ${load()}.`,
  );
  await store.close();
} finally {
  if (child !== undefined) {
    await stopChildServer(child);
    if (PROFILE) log(`server CPU profile written to ${join(here, 'profiles')}`);
  }
  rmSync(directory, { recursive: true, force: true });
}
