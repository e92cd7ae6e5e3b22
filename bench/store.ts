import { SYSTEM_ACTOR } from '../src/core/gate.js';
/**
 * The store on the engine benchmark's model (bench/workload.ts): loading it into the database in
 * one write, opening a fresh store on it (the index rebuilt from the tables), and write throughput.
 * SQLite on a temporary file; PostgreSQL when TESSERA_TEST_POSTGRES_URL is set (in a schema of its
 * own, dropped afterwards). Run by `npm run bench` after the engine table, or alone with
 * `npm run bench:store`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Change } from '../src/core/index.js';
import { type Store, createPostgresStore, createSqliteStore } from '../src/store/index.js';
import { elapsedMs } from './contenders/contender.js';
import { tesseraChanges } from './contenders/tessera.js';
import { formatTable } from './measure.js';
import { benchStart } from './start.js';
import { type Workload, generateWorkload } from './workload.js';

const SINGLE_WRITES = 200;
const BATCH = 1_000;

interface Adapter {
  readonly name: string;
  /** Opens a store on the (initially empty) database; every call reaches the same one. */
  open(): Promise<Store>;
  /** The database's size on disk, when it can tell. */
  size(): Promise<number | undefined>;
  dispose(): Promise<void>;
}

interface Result {
  readonly name: string;
  readonly changes: number;
  readonly loadMs: number;
  readonly openMs: number;
  readonly sizeMB: number | undefined;
  readonly singlePerSecond: number;
  readonly singleMeanMs: number;
  readonly batchMs: number;
}

function mapping(w: Workload, id: string, i: number): Change {
  return {
    op: 'mapping.add',
    mapping: {
      id,
      role: w.roleIds[i % w.roleIds.length]!,
      subject: { kind: 'group', id: w.groupIds[(i * 7919) % w.groupIds.length]! },
      target: { level: 'project', id: w.projectIds[(i * 104_729) % w.projectIds.length]! },
    },
  };
}

async function measure(adapter: Adapter, w: Workload): Promise<Result> {
  const changes = tesseraChanges(w);
  let store = await adapter.open();
  let start = process.hrtime.bigint();
  await store.write(changes, { actor: SYSTEM_ACTOR });
  const loadMs = elapsedMs(start);
  await store.close();
  console.log(`${adapter.name}: loaded ${changes.length} changes in one write: ${(loadMs / 1000).toFixed(2)} s`);

  start = process.hrtime.bigint();
  store = await adapter.open();
  const openMs = elapsedMs(start);
  if (
    store.engine.users().length !== w.userIds.length ||
    store.engine.mappings().length !== w.orgMappings.length + w.projectMappings.length
  ) {
    throw new Error(`${adapter.name}: the reopened index does not hold the workload`);
  }
  console.log(`${adapter.name}: a fresh store opened and loaded the index in ${(openMs / 1000).toFixed(2)} s`);
  try {
    start = process.hrtime.bigint();
    for (let i = 0; i < SINGLE_WRITES; i++)
      await store.write([mapping(w, `bench-single-${i}`, i)], { actor: SYSTEM_ACTOR });
    const singleMs = elapsedMs(start);
    console.log(`${adapter.name}: ${SINGLE_WRITES} single-mapping writes in ${(singleMs / 1000).toFixed(2)} s`);

    const batch = Array.from({ length: BATCH }, (_, i) => mapping(w, `bench-batch-${i}`, SINGLE_WRITES + i));
    start = process.hrtime.bigint();
    await store.write(batch, { actor: SYSTEM_ACTOR });
    const batchMs = elapsedMs(start);
    console.log(`${adapter.name}: one ${BATCH}-mapping write in ${batchMs.toFixed(0)} ms`);
    const size = await adapter.size();
    return {
      name: adapter.name,
      changes: changes.length,
      loadMs,
      openMs,
      sizeMB: size === undefined ? undefined : size / 2 ** 20,
      singlePerSecond: (SINGLE_WRITES * 1000) / singleMs,
      singleMeanMs: singleMs / SINGLE_WRITES,
      batchMs,
    };
  } finally {
    await store.close();
  }
}

function sqlite(): Adapter {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  const file = join(directory, 'bench.db');
  return {
    name: 'SQLite (temp file, WAL)',
    open: () => createSqliteStore({ database: file, followIntervalMs: 0 }),
    async size() {
      const bytes = (name: string) => {
        try {
          return statSync(name).size;
        } catch {
          return 0;
        }
      };
      return bytes(file) + bytes(`${file}-wal`);
    },
    async dispose() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function postgres(url: string): Adapter {
  const schema = `tessera_bench_${process.pid}`;
  const admin = async <T extends pg.QueryResultRow>(query: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(query)).rows;
    } finally {
      await client.end();
    }
  };
  let created = false;
  return {
    name: 'PostgreSQL',
    async open() {
      if (!created) {
        await admin(`drop schema if exists ${schema} cascade`);
        await admin(`create schema ${schema}`);
        created = true;
      }
      return createPostgresStore({
        database: new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4 }),
        followIntervalMs: 0,
      });
    },
    async size() {
      const rows = await admin<{ bytes: string }>(
        `select coalesce(sum(pg_total_relation_size(c.oid)), 0) as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '${schema}' and c.relkind = 'r'`,
      );
      return Number(rows[0]?.bytes ?? 0);
    },
    async dispose() {
      await admin(`drop schema if exists ${schema} cascade`);
    },
  };
}

/** Measures every adapter available and prints one table. */
export async function benchStore(w: Workload): Promise<void> {
  console.log(
    `\nStore: the same model through the Store (${SINGLE_WRITES} single-mapping writes, one ${BATCH}-mapping write)`,
  );
  const url = process.env.TESSERA_TEST_POSTGRES_URL;
  const adapters: Adapter[] = [sqlite()];
  const skipped: string[] = [];
  if (url === undefined || url === '') {
    skipped.push(
      'PostgreSQL: skipped, TESSERA_TEST_POSTGRES_URL is not set (eval "$(bash scripts/test-postgres.sh)" starts a local server)',
    );
  } else {
    adapters.push(postgres(url));
  }
  const results: Result[] = [];
  for (const adapter of adapters) {
    try {
      results.push(await measure(adapter, w));
    } catch (error) {
      skipped.push(
        `${adapter.name}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    } finally {
      await adapter.dispose().catch(() => undefined);
    }
  }
  const table = formatTable(
    [
      'adapter',
      'load (1 write)',
      'changes/s',
      'open + index',
      'size MB',
      'single writes/s',
      'mean ms',
      `${BATCH}-mapping write`,
      'mappings/s batched',
    ],
    results.map((r) => [
      r.name,
      `${(r.loadMs / 1000).toFixed(2)} s`,
      Math.round((r.changes * 1000) / r.loadMs).toLocaleString('en-US'),
      `${(r.openMs / 1000).toFixed(2)} s`,
      r.sizeMB === undefined ? 'n/a' : r.sizeMB.toFixed(1),
      r.singlePerSecond.toFixed(0),
      r.singleMeanMs.toFixed(2),
      `${r.batchMs.toFixed(0)} ms`,
      Math.round((BATCH * 1000) / r.batchMs).toLocaleString('en-US'),
    ]),
  );
  console.log(`\n${table}\n`);
  for (const line of skipped) console.log(line);
  console.log(
    `Load: one store.write of the whole model (${results[0]?.changes ?? 'n/a'} changes) into an empty database. Open + index: a new ` +
      'store on it (migration check, every table read, the index built). Single writes: one mapping each, awaited one after ' +
      'another (each its own transaction and revision). Sizes include the SQLite WAL / PostgreSQL indexes.',
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const workload = generateWorkload();
  await benchStore(workload);
  await benchStart(workload);
}
