/**
 * Start time, memory and index load on the engine benchmark's model (bench/workload.ts), each beside
 * its target: the compiled server (`node bin/tessera.js serve`, so `npm run build:server` first)
 * started in a child on an empty SQLite file and on one holding the workload, timed until `/healthz`
 * answers 200; the child's resident memory then (VmRSS); and, in this process, a fresh store
 * opened on the workload's database (time and heap growth). Run by `npm run bench:store`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { SYSTEM_ACTOR } from '../src/core/gate.js';
import { type Store, createSqliteStore } from '../src/store/index.js';
import { elapsedMs } from './contenders/contender.js';
import { tesseraChanges } from './contenders/tessera.js';
import { formatTable } from './measure.js';
import { type Workload, generateWorkload } from './workload.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'tessera.js');
/** Starts timed per database; the median is shown. */
const STARTS = 3;
const HEALTH_TIMEOUT_MS = 300_000;

export interface StartRow {
  readonly measure: string;
  readonly value: string;
  /** CPU time spent (user + system), beside the wall time: on a busy machine the two differ widely. */
  readonly cpu: string;
  readonly target: string;
  readonly met: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The child's CPU time so far (user + system, ms), from /proc (Linux only). */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** The child's resident set, from /proc (Linux only). */
function rssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

async function healthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** One start of the compiled server on `database`: ms until /healthz answers 200, and the RSS then. */
async function start(database: string): Promise<{ ms: number; cpu: number | undefined; rss: number | undefined }> {
  const port = await freePort();
  const begin = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--database', database, '--host', '127.0.0.1', '--port', String(port), '--log-level', 'silent'],
    { env: { ...process.env, TESSERA_ADMIN_PASSWORD: 'bench-admin-password-1' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr.trim()}`);
      if (await healthy(port)) break;
      if (elapsedMs(begin) > HEALTH_TIMEOUT_MS) throw new Error(`no /healthz after ${HEALTH_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const ms = elapsedMs(begin);
    const pid = child.pid;
    return { ms, cpu: pid === undefined ? undefined : cpuMs(pid), rss: pid === undefined ? undefined : rssBytes(pid) };
  } finally {
    await stop(child);
  }
}

function cpuMedian(starts: readonly { readonly cpu: number | undefined }[]): number | undefined {
  const known = starts.map((s) => s.cpu).filter((cpu): cpu is number => cpu !== undefined);
  return known.length === 0 ? undefined : median(known);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** `gc()` without --expose-gc. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function settled(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Writes the workload into a new SQLite file (one write), and returns its path. */
async function prepare(directory: string, w: Workload): Promise<string> {
  const file = join(directory, 'workload.db');
  const store = await createSqliteStore({ database: file, followIntervalMs: 0 });
  try {
    await store.write(tesseraChanges(w), { actor: SYSTEM_ACTOR });
  } finally {
    await store.close();
  }
  return file;
}

/** Measures every row and prints one table; returns the rows. */
export async function benchStart(w: Workload): Promise<StartRow[]> {
  console.log('\nStart and load: the compiled server in a child on SQLite files, and a store opened in this process');
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    console.log('Start: skipped, the server is not built (npm run build:server)');
    return [];
  }
  const directory = mkdtempSync(join(tmpdir(), 'tessera-bench-start-'));
  try {
    const rows: StartRow[] = [];
    const row = (measure: string, value: number, unit: string, target: number, digits = 2, cpu?: number): void => {
      rows.push({
        measure,
        value: `${value.toFixed(digits)} ${unit}`,
        cpu: cpu === undefined ? '' : `${(unit === 's' ? cpu / 1000 : cpu).toFixed(digits)} ${unit}`,
        target: `<= ${target} ${unit}`,
        met: value <= target,
      });
    };

    const empty: { ms: number; cpu: number | undefined }[] = [];
    for (let i = 0; i < STARTS; i++) empty.push(await start(join(directory, `empty-${i}.db`)));
    console.log(
      `start, empty database: ${empty.map((s) => `${s.ms.toFixed(0)} ms (CPU ${s.cpu?.toFixed(0)} ms)`).join(', ')}`,
    );
    row(
      'start, empty database (first start: migrations, preset, admin)',
      median(empty.map((s) => s.ms)) / 1000,
      's',
      0.5,
      2,
      cpuMedian(empty),
    );

    let begin = process.hrtime.bigint();
    const file = await prepare(directory, w);
    console.log(`workload database written in ${(elapsedMs(begin) / 1000).toFixed(2)} s`);
    // The first start bootstraps (preset, admin) into it; the timed ones find it bootstrapped.
    await start(file);
    const starts: { ms: number; cpu: number | undefined; rss: number | undefined }[] = [];
    for (let i = 0; i < STARTS; i++) starts.push(await start(file));
    console.log(
      `start, workload database: ${starts.map((s) => `${s.ms.toFixed(0)} ms (CPU ${s.cpu?.toFixed(0)} ms, RSS ${((s.rss ?? 0) / 2 ** 20).toFixed(0)} MB)`).join(', ')}`,
    );
    row(
      `start, ${w.userIds.length / 1000}k-user SQLite database`,
      median(starts.map((s) => s.ms)) / 1000,
      's',
      1.5,
      2,
      cpuMedian(starts),
    );
    const rss = starts.map((s) => s.rss).filter((r): r is number => r !== undefined);
    if (rss.length > 0) row('RSS after start, same database', median(rss) / 2 ** 20, 'MB', 200, 0);

    const gc = collector();
    const loads: { ms: number; cpu: number; heap: number }[] = [];
    for (let i = 0; i < STARTS; i++) {
      // A closed store's last promises settle on later ticks: let them go before measuring.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = settled(gc);
      begin = process.hrtime.bigint();
      const cpuBefore = process.cpuUsage();
      const store: Store = await createSqliteStore({ database: file, followIntervalMs: 0 });
      const ms = elapsedMs(begin);
      const used = process.cpuUsage(cpuBefore);
      const cpu = (used.user + used.system) / 1000;
      const heap = settled(gc) - before;
      if (store.engine.users().length < w.userIds.length) throw new Error('the index does not hold the workload');
      await store.close();
      loads.push({ ms, cpu, heap });
    }
    console.log(
      `index load: ${loads.map((l) => `${l.ms.toFixed(0)} ms (CPU ${l.cpu.toFixed(0)} ms, +${(l.heap / 2 ** 20).toFixed(1)} MB)`).join(', ')}`,
    );
    row(
      'index load of the workload, in process (store open)',
      median(loads.map((l) => l.ms)),
      'ms',
      250,
      0,
      median(loads.map((l) => l.cpu)),
    );
    row(
      'index heap (heapUsed growth after gc, the largest)',
      Math.max(...loads.map((l) => l.heap)) / 2 ** 20,
      'MB',
      40,
      1,
    );

    const table = formatTable(
      ['measure', 'value', 'CPU time', 'target', 'met'],
      rows.map((r) => [r.measure, r.value, r.cpu, r.target, r.met ? 'yes' : 'NO']),
    );
    console.log(`\n${table}\n`);
    console.log(
      `Starts: node ${BIN} serve in a child, from spawn until GET /healthz answers 200 (median of ${STARTS}); ` +
        'the empty database is a new file each time (the first start migrates, loads the preset and creates the admin). ' +
        `CPU time: the child's user + system time then (/proc/<pid>/stat), or this process's for the index load; ` +
        `when far below the wall time, the machine was busy with other work. RSS: VmRSS of the child once healthy. Index load: createSqliteStore on the workload file (median of ${STARTS}; heap: the largest growth, as a closed store may still be collected during the next open).`,
    );
    return rows;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchStart(generateWorkload());
}
