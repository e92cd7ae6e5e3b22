import { SYSTEM_ACTOR } from '../src/core/gate.js';
/**
 * Decisions over HTTP: the engine benchmark's model (bench/workload.ts) in a SQLite store, served
 * by a Tessera server in a child process (bench/http-server.ts) on loopback, driven by autocannon
 * with a personal access token of the admin: single checks (`POST /v1/check`), batches of 1,000
 * (`POST /v1/check/batch`, as `checks` objects and in the compact form, users, permissions and
 * resources listed once and each check an index triple, answered as a string of 1 and 0) and one
 * user's permission at 1,000 targets (`POST /v1/check/targets`,
 * as `{type, id}` objects and in the compact form, `type` and `ids` answered as a string of 1 and 0).
 * The same single-check load is first sent to two peers in the same run: plain node:http (the
 * machine's ceiling) and a trivial Fastify server (the framework's own cost), and Tessera's
 * single-check throughput and p99 are printed as ratios to the Fastify peer. Run with
 * `npm run bench:http`; `--profile` writes a CPU profile of the server to bench/profiles/;
 * `--seconds=N` changes each run's length (default 10); `--database=FILE` keeps the workload's
 * SQLite file there (written once, reused after); `--only=check,batch,compact-batch,targets,compact-targets`
 * runs only those (to profile one). The server's CPU time per request is printed
 * beside each row: on a shared machine it is steadier than the requests per second.
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
import { cpuOf, startChildServer, stopChildServer } from './child-server.js';
import { formatTable } from './measure.js';
import { type Check, SIZES, generateChecks, generateWorkload, mulberry32 } from './workload.js';

const args = process.argv.slice(2);
const PROFILE = args.includes('--profile');
const SECONDS = Number(args.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 10);
/** `--database=FILE`: the workload's SQLite file, written there if missing and reused if present (saves the write). */
const KEPT_DATABASE = args.find((a) => a.startsWith('--database='))?.slice('--database='.length);
/** `--only=check,batch,…`: only these runs (check, batch, compact-batch, targets, compact-targets), e.g. to profile one. */
const ONLY = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const selected = (run: string) => ONLY === undefined || ONLY.includes(run);
const SINGLE_CONNECTIONS = 50;
/** The single-check runs of the ceiling, the peer and Tessera take turns in this many rounds. */
const ROUNDS = 5;
const BATCH_CONNECTIONS = 10;
/** Checks in each `POST /v1/check/batch` request (the endpoint takes up to 1,000). */
const BATCH_SIZE = 1000;
/** Distinct request bodies each run cycles through. */
const SINGLE_BODIES = 500;
const BATCH_BODIES = 50;
/** `POST /v1/check/targets`: one user and permission, this many targets per request, in both forms. */
const TARGET_COUNT = 1000;
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
  /** What the run must reach, and whether it did; a reference run has none. */
  readonly target?: (run: Run) => string;
  readonly connections: number;
  readonly result: Measured;
  /** The server's CPU time over the run (ms), when the platform tells it. */
  readonly cpuMs: number | undefined;
  /** Of `cpuMs`, the time in the kernel (ms). */
  readonly systemMs: number | undefined;
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
  /** A decision's answer; the compact form's, `1` or `0` per id. */
  readonly allowed?: boolean | string;
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

/**
 * Each batch sent once in the given form; every answer compared with the reference store's engine.
 * `answer` reads the i-th decision from the response body (undefined when it is missing).
 */
async function verifyBatchAnswers(
  url: string,
  token: string,
  batches: readonly (readonly Check[])[],
  store: Store,
  form: { body(batch: readonly Check[]): unknown; answer(body: Answer, i: number, count: number): boolean | undefined },
): Promise<number> {
  let mismatches = 0;
  for (const batch of batches) {
    const { status, body } = await json(`${url}/v1/check/batch`, { method: 'POST', token, body: form.body(batch) });
    batch.forEach((c, i) => {
      if (
        status !== 200 ||
        form.answer(body, i, batch.length) !== store.engine.allowed(c.user, c.permission, 'project', c.project)
      )
        mismatches++;
    });
  }
  return mismatches;
}

const checksForm = {
  body: (batch: readonly Check[]) => ({ checks: batch.map(checkBody) }),
  answer: (body: Answer, i: number) => body.decisions?.[i]?.allowed,
};

/** The compact form of a batch: each user, permission and project listed once, each check three indexes into them. */
function compactBatchBody(batch: readonly Check[]) {
  const lists = { users: [] as string[], permissions: [] as string[], projects: [] as string[] };
  const indexes = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()] as const;
  const intern = (list: string[], index: Map<string, number>, value: string) => {
    let at = index.get(value);
    if (at === undefined) index.set(value, (at = list.push(value) - 1));
    return at;
  };
  const triples = batch.map((c) => [
    intern(lists.users, indexes[0], c.user),
    intern(lists.permissions, indexes[1], c.permission),
    intern(lists.projects, indexes[2], c.project),
  ]);
  return {
    users: lists.users,
    permissions: lists.permissions,
    resources: lists.projects.map((id) => ({ type: 'project', id })),
    triples,
  };
}

/** The compact form's answer: one character a check, `1` allowed; undefined unless one per check. */
const compactForm = {
  body: compactBatchBody,
  answer: (body: Answer, i: number, count: number) =>
    typeof body.allowed === 'string' && body.allowed.length === count ? body.allowed[i] === '1' : undefined,
};

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

/** The compact form of the same question: one type, the ids; answered `1` or `0` per id. */
const compactBody = (q: TargetsQuestion) => ({
  user: q.user,
  permission: q.permission,
  type: 'project',
  ids: q.projects,
});

/** Each body sent once, in either form; every answer compared with the reference store's engine. */
async function verifyTargets(
  url: string,
  token: string,
  questions: readonly TargetsQuestion[],
  store: Store,
  compact: boolean,
): Promise<number> {
  let mismatches = 0;
  for (const q of questions) {
    const { status, body } = await json(`${url}/v1/check/targets`, {
      method: 'POST',
      token,
      body: compact ? compactBody(q) : targetsBody(q),
    });
    q.projects.forEach((project, i) => {
      const answered = compact
        ? typeof body.allowed === 'string' && body.allowed.length === q.projects.length
          ? body.allowed[i] === '1'
          : undefined
        : body.decisions?.[i]?.allowed;
      if (status !== 200 || answered !== store.engine.allowed(q.user, q.permission, 'project', project)) mismatches++;
    });
  }
  return mismatches;
}

/** What a run measured: autocannon's figures, or several rounds' merged. */
interface Measured {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly non2xx: number;
  readonly errors: number;
}

/** Rounds of one run merged: requests/s over their whole time, latency percentiles averaged, the worst maximum. */
function merge(results: readonly autocannon.Result[]): Measured {
  const sum = (f: (r: autocannon.Result) => number) => results.reduce((total, r) => total + f(r), 0);
  const mean = (f: (r: autocannon.Result) => number) => sum(f) / results.length;
  return {
    requests: { average: sum((r) => r.requests.total) / sum((r) => r.duration), total: sum((r) => r.requests.total) },
    latency: {
      p50: mean((r) => r.latency.p50),
      p99: mean((r) => r.latency.p99),
      max: Math.max(...results.map((r) => r.latency.max)),
    },
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
  };
}

/** Drives `server` for `seconds` (default SECONDS); answers autocannon's result and the server's CPU time over the run. */
async function fire(
  server: { child: ChildProcess; url: string },
  token: string,
  connections: number,
  requests: autocannon.Request[],
  seconds = SECONDS,
): Promise<{ result: autocannon.Result; cpuMs: number | undefined; systemMs: number | undefined }> {
  const before = cpuOf(server.child);
  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests,
  });
  const after = cpuOf(server.child);
  return before === undefined || after === undefined
    ? { result, cpuMs: undefined, systemMs: undefined }
    : { result, cpuMs: after.total - before.total, systemMs: after.system - before.system };
}

/** `fire`, as one run merged from one round. */
async function fireOnce(
  server: { child: ChildProcess; url: string },
  token: string,
  connections: number,
  requests: autocannon.Request[],
): Promise<{ result: Measured; cpuMs: number | undefined; systemMs: number | undefined }> {
  const { result, cpuMs, systemMs } = await fire(server, token, connections, requests);
  return { result: merge([result]), cpuMs, systemMs };
}

/**
 * The single-check load against each server in turn, in ROUNDS rounds of SECONDS / ROUNDS each,
 * so a change in the machine's load during the runs weighs on all of them alike: the ratios
 * between them are the figures that count on a shared machine.
 */
async function interleave(
  servers: readonly { server: { child: ChildProcess; url: string }; token: string }[],
  connections: number,
  requests: autocannon.Request[],
): Promise<{ result: Measured; cpuMs: number | undefined; systemMs: number | undefined }[]> {
  const seconds = Math.max(1, Math.round(SECONDS / ROUNDS));
  const results = servers.map(() => ({
    rounds: [] as autocannon.Result[],
    cpuMs: 0 as number | undefined,
    systemMs: 0 as number | undefined,
  }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, { server, token }] of servers.entries()) {
      const { result, cpuMs, systemMs } = await fire(server, token, connections, requests, seconds);
      const into = results[i]!;
      into.rounds.push(result);
      into.cpuMs = cpuMs === undefined || into.cpuMs === undefined ? undefined : into.cpuMs + cpuMs;
      into.systemMs = systemMs === undefined || into.systemMs === undefined ? undefined : into.systemMs + systemMs;
    }
  }
  return results.map(({ rounds, cpuMs, systemMs }) => ({ result: merge(rounds), cpuMs, systemMs }));
}

const directory = mkdtempSync(join(tmpdir(), 'tessera-http-bench-'));
let child: ChildProcess | undefined;
/** The ceiling's and the peer's servers, while they run. */
const peers: ChildProcess[] = [];
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
  // The machine's ceiling for the single-check run (plain node:http) and the framework's peer
  // (Fastify with default options, one POST route): both answer a fixed decision.
  // With --profile, the peers are profiled too (bench/profiles/peer-*), to compare the same functions.
  const profileDir = PROFILE ? join(here, 'profiles') : null;
  const peerProfileDir = (name: string) => {
    if (profileDir === null) return null;
    const directory = join(profileDir, name);
    mkdirSync(directory, { recursive: true });
    return directory;
  };
  const ceilingServer = await startChildServer(
    join(here, 'http-server.ts'),
    ['--bare'],
    peerProfileDir('peer-node-http'),
  );
  const peerServer = await startChildServer(
    join(here, 'http-server.ts'),
    ['--fastify'],
    peerProfileDir('peer-fastify'),
  );
  peers.push(ceilingServer.child, peerServer.child);

  start = process.hrtime.bigint();
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

  const singleMismatches = selected('check') ? await verifySingles(url, token, singles, store) : 0;
  const batchMismatches = selected('batch') ? await verifyBatchAnswers(url, token, batches, store, checksForm) : 0;
  // Servers from before `POST /v1/check/targets` answer it 404, before a compact form 400: those runs are left out.
  const probe = async (path: string, body: unknown) =>
    (await json(`${url}${path}`, { method: 'POST', token, body })).status === 200;
  const hasCompactBatch = selected('compact-batch') && (await probe('/v1/check/batch', compactBatchBody(batches[0]!)));
  const hasTargets = selected('targets') && (await probe('/v1/check/targets', targetsBody(targetsQuestions[0]!)));
  const hasCompact =
    selected('compact-targets') && (await probe('/v1/check/targets', compactBody(targetsQuestions[0]!)));
  const compactBatchMismatches = hasCompactBatch
    ? await verifyBatchAnswers(url, token, batches, store, compactForm)
    : 0;
  const targetsMismatches = hasTargets ? await verifyTargets(url, token, targetsQuestions, store, false) : 0;
  const compactMismatches = hasCompact ? await verifyTargets(url, token, targetsQuestions, store, true) : 0;
  const perTarget = targetsQuestions.length * TARGET_COUNT;
  const batched = batches.length * BATCH_SIZE;
  log(
    `verified: ${selected('check') ? singles.length : 0} single, ${selected('batch') ? batched : 0} batched, ` +
      `${hasCompactBatch ? batched : 0} compact batched, ${hasTargets ? perTarget : 0} per-target ` +
      `and ${hasCompact ? perTarget : 0} compact per-target answers against the engine`,
  );

  const rate = (n: number) => Math.round(n).toLocaleString('en-US');
  const decisionsTarget = (run: Run) => {
    const met = run.result.requests.average * run.decisionsPerRequest >= TARGETS.batchDecisionsPerSecond;
    return `≥ ${rate(TARGETS.batchDecisionsPerSecond)} decisions/s: ${met ? 'met' : 'NOT met'}`;
  };
  const singleTarget = (run: Run) => {
    const peer = runs[1]!;
    const met =
      run.result.requests.average / peer.result.requests.average >= TARGETS.singleThroughputRatio &&
      run.result.latency.p99 / peer.result.latency.p99 <= TARGETS.singleP99Ratio;
    return `≥ ${TARGETS.singleThroughputRatio}x the peer's req/s, p99 ≤ ${TARGETS.singleP99Ratio}x: ${met ? 'met' : 'NOT met'}`;
  };

  if (selected('check')) {
    log(
      `POST /v1/check, the node:http ceiling and the Fastify peer in turn: ${SINGLE_CONNECTIONS} connections, ${ROUNDS} rounds, ${SECONDS} s each…`,
    );
    const [bareRun, peerRun, singleRun] = await interleave(
      [
        { server: ceilingServer, token: 'none' },
        { server: peerServer, token: 'none' },
        { server: started, token },
      ],
      SINGLE_CONNECTIONS,
      singleRequests,
    );
    for (const stopped of peers.splice(0)) await stopChildServer(stopped);
    const reference = { decisionsPerRequest: 1, mismatches: -1, verified: 0, connections: SINGLE_CONNECTIONS };
    runs.push(
      { name: 'node:http ceiling (no framework, no auth, fixed answer)', ...reference, ...bareRun! },
      { name: 'trivial Fastify peer (default options, one route, fixed answer)', ...reference, ...peerRun! },
      {
        name: 'POST /v1/check',
        target: singleTarget,
        connections: SINGLE_CONNECTIONS,
        ...singleRun!,
        decisionsPerRequest: 1,
        mismatches: singleMismatches,
        verified: singles.length,
      },
    );
  }
  if (selected('batch')) {
    const batchRequests = batches.map((batch) => ({
      method: 'POST' as const,
      path: '/v1/check/batch',
      body: JSON.stringify({ checks: batch.map(checkBody) }),
    }));
    log(`POST /v1/check/batch (${BATCH_SIZE} checks each): ${BATCH_CONNECTIONS} connections, ${SECONDS} s…`);
    runs.push({
      name: `POST /v1/check/batch ×${BATCH_SIZE}`,
      target: decisionsTarget,
      connections: BATCH_CONNECTIONS,
      ...(await fireOnce(started, token, BATCH_CONNECTIONS, batchRequests)),
      decisionsPerRequest: BATCH_SIZE,
      mismatches: batchMismatches,
      verified: batched,
    });
  }
  if (hasCompactBatch) {
    const compactRequests = batches.map((batch) => ({
      method: 'POST' as const,
      path: '/v1/check/batch',
      body: JSON.stringify(compactBatchBody(batch)),
    }));
    const form = 'compact: users, permissions, resources once, index triples, answered 1/0';
    log(`POST /v1/check/batch (${form}, ${BATCH_SIZE} each): ${BATCH_CONNECTIONS} connections, ${SECONDS} s…`);
    runs.push({
      name: `POST /v1/check/batch ×${BATCH_SIZE} (${form})`,
      target: decisionsTarget,
      connections: BATCH_CONNECTIONS,
      ...(await fireOnce(started, token, BATCH_CONNECTIONS, compactRequests)),
      decisionsPerRequest: BATCH_SIZE,
      mismatches: compactBatchMismatches,
      verified: batched,
    });
  }
  for (const compact of [false, true]) {
    if (!(compact ? hasCompact : hasTargets)) continue;
    const requests = targetsQuestions.map((q) => ({
      method: 'POST' as const,
      path: '/v1/check/targets',
      body: JSON.stringify(compact ? compactBody(q) : targetsBody(q)),
    }));
    const form = compact ? 'compact: type and ids, answered 1/0' : 'targets: {type, id} objects';
    log(`POST /v1/check/targets (${form}, ${TARGET_COUNT} each): ${BATCH_CONNECTIONS} connections, ${SECONDS} s…`);
    runs.push({
      name: `POST /v1/check/targets ×${TARGET_COUNT} (${form})`,
      target: decisionsTarget,
      connections: BATCH_CONNECTIONS,
      ...(await fireOnce(started, token, BATCH_CONNECTIONS, requests)),
      decisionsPerRequest: TARGET_COUNT,
      mismatches: compact ? compactMismatches : targetsMismatches,
      verified: perTarget,
    });
  }

  /** The server's CPU time per answered request, in µs: what the run cost the server, however busy the machine. */
  const cpuPerRequest = (run: Run) =>
    run.cpuMs === undefined || run.result.requests.total === 0
      ? undefined
      : (run.cpuMs * 1000) / run.result.requests.total;
  const systemPerRequest = (run: Run) =>
    run.systemMs === undefined || run.result.requests.total === 0
      ? undefined
      : (run.systemMs * 1000) / run.result.requests.total;
  const references = selected('check')
    ? ['reference: what this machine serves at all', 'reference: the framework alone']
    : [];
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
      'of it kernel',
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
      systemPerRequest(run)?.toFixed(1) ?? 'n/a',
      String(run.result.non2xx),
      String(run.result.errors),
      run.mismatches < 0 ? 'n/a' : `${run.mismatches}/${run.verified}`,
      run.target?.(run) ?? references[i] ?? '',
    ]),
  );
  log(`\n${table}\n`);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  if (selected('check')) {
    const [bare, peer, single] = runs as [Run, Run, Run];
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
  }
  log(
    `Node ${process.version}; server and load generator (autocannon, one thread) share ${availableParallelism()} CPUs over loopback. ` +
      "requests/s: mean of the per-second samples; latency: autocannon's histogram over every request.\n" +
      `Mismatches: answers differing from the engine (store.engine.allowed) on each body sent once before the runs. Load average at the end: ${load()}.`,
  );
  await store.close();
} finally {
  for (const stopped of peers) await stopChildServer(stopped);
  if (child !== undefined) {
    await stopChildServer(child);
    if (PROFILE) log(`server CPU profile written to ${join(here, 'profiles')}`);
  }
  rmSync(directory, { recursive: true, force: true });
}
