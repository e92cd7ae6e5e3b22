import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { AccessEngine, type Change } from '../../src/core/index.js';
import { exportDocument } from '../../src/document/index.js';
import { type Store, createPostgresStore, createSqliteStore } from '../../src/store/index.js';
import { compiledEntry } from '../compiled-entry.js';
import { checkBatches } from './durability-batches.js';

/**
 * Crash safety: a child process writes batches in a loop and is killed with SIGKILL at random
 * points (while opening the store, between writes, in the middle of a transaction). After each
 * kill the database is reopened and must hold every acknowledged write, no part of an
 * unacknowledged one, and load the same index as replaying its change log.
 */

const WRITER = compiledEntry(fileURLToPath(new URL('./durability-writer.ts', import.meta.url)));
/** Children loading in the background while one writes: spawning (node, kysely) dominates the time. */
const AHEAD = 2;

interface Harness {
  readonly args: readonly string[];
  open(): Promise<Store>;
  /** The change log, read from the database directly. */
  log(): Promise<{ revision: number; changes: Change[] }[]>;
}

interface Child {
  readonly process: ChildProcess;
  readonly ready: Promise<void>;
  readonly opened: Promise<void>;
  readonly acked: Promise<void>;
  readonly exited: Promise<void>;
  readonly acks: { batch: number; revision: number }[];
  stderr: string;
}

function spawnWriter(args: readonly string[]): Child {
  const child = spawn(process.execPath, [WRITER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let onReady!: () => void;
  let onOpen!: () => void;
  let onAck!: () => void;
  const result: Child = {
    process: child,
    ready: new Promise((resolve) => (onReady = resolve)),
    opened: new Promise((resolve) => (onOpen = resolve)),
    acked: new Promise((resolve) => (onAck = resolve)),
    // 'close': the process ended and its output was read to the end.
    exited: new Promise((resolve) => child.once('close', () => resolve())),
    acks: [],
    stderr: '',
  };
  child.stderr!.on('data', (data: Buffer) => (result.stderr += data.toString()));
  child.stdin!.on('error', () => undefined);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const [word, a, b] = line.split(' ');
    if (word === 'ready') onReady();
    else if (word === 'open') onOpen();
    else if (word === 'ack') {
      result.acks.push({ batch: Number(a), revision: Number(b) });
      onAck();
    }
  });
  return result;
}

/** Resolves when `promise` does, fails when the child ends first (it must only end by our kill). */
async function beforeExit(child: Child, promise: Promise<void>, what: string): Promise<void> {
  const ended = child.exited.then(() => {
    throw new Error(
      `the writer exited (${child.process.exitCode}, ${child.process.signalCode}) before ${what}:\n${child.stderr}`,
    );
  });
  await Promise.race([promise, ended]);
}

async function crashLoop(
  harness: Harness,
  kills: number,
  random: () => number,
): Promise<{ batches: number; midOpen: number }> {
  const warming: Child[] = [];
  const spawned: Child[] = [];
  const more = () => {
    const child = spawnWriter(harness.args);
    spawned.push(child);
    warming.push(child);
  };
  for (let i = 0; i < Math.min(AHEAD, kills); i++) more();
  let acked = { batch: -1, revision: 0 };
  let batches = 0;
  let midOpen = 0;
  try {
    for (let k = 0; k < kills; k++) {
      const child = warming.shift()!;
      if (k + warming.length + 1 < kills) more();
      await beforeExit(child, child.ready, 'it loaded');
      child.process.stdin!.write('go\n');
      const when = random();
      if (when < 0.15) {
        // While it migrates and loads the index (or before it began).
        await sleep(random() * 40);
      } else if (when < 0.3) {
        // Around its first write.
        await beforeExit(child, child.opened, 'it opened the store');
        await sleep(random() * 10);
      } else {
        // After some writes, however slow the machine: some kills land between writes, many inside one.
        await beforeExit(child, child.acked, 'its first write');
        await sleep(random() * 60);
      }
      const killed = child.process.kill('SIGKILL');
      assert.ok(
        killed || child.process.signalCode === 'SIGKILL',
        `kill ${k}: the writer had already exited:\n${child.stderr}`,
      );
      await child.exited;
      assert.equal(child.process.signalCode, 'SIGKILL', `kill ${k}: the writer failed:\n${child.stderr}`);
      if (child.acks.length === 0) midOpen++;
      const last = child.acks.at(-1);
      if (last !== undefined) {
        assert.equal(last.batch, last.revision - 1, 'batch n is revision n + 1');
        acked = last;
      }
      // The floor is what the last check found: a write committed unacknowledged before this writer started counts too.
      batches = await verify(harness, acked, Math.max(acked.revision, batches), k);
    }
  } finally {
    for (const child of spawned) child.process.kill('SIGKILL');
    await Promise.all(spawned.map((c) => c.exited));
  }
  return { batches, midOpen };
}

async function verify(
  harness: Harness,
  acked: { batch: number; revision: number },
  floor: number,
  k: number,
): Promise<number> {
  const store = await harness.open();
  try {
    const where = `after kill ${k} (last acknowledged: batch ${acked.batch}, revision ${acked.revision})`;
    assert.ok(store.revision >= acked.revision, `${where}: the store is at revision ${store.revision}`);
    // At most the one write in flight when the kill came may have committed unacknowledged.
    assert.ok(
      store.revision <= floor + 1,
      `${where}: the store is at revision ${store.revision}, the last check found ${floor}`,
    );
    const present = checkBatches(store.engine);
    assert.equal(present, store.revision, `${where}: batches present`);
    const log = await harness.log();
    assert.deepEqual(
      log.map((e) => e.revision),
      Array.from({ length: store.revision }, (_, i) => i + 1),
      `${where}: the change log`,
    );
    const replayed = new AccessEngine();
    for (const entry of log) replayed.apply(entry.changes, entry.revision);
    assert.equal(replayed.revision, store.revision);
    assert.deepEqual(
      exportDocument(store.engine),
      exportDocument(replayed),
      `${where}: index from the tables vs replayed log`,
    );
    return present;
  } finally {
    await store.close();
  }
}

/** A deterministic generator, seeded per run and printed, so a failure can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seeded(name: string): () => number {
  const seed = Number(process.env.TESSERA_DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`# ${name}: TESSERA_DURABILITY_SEED=${seed}`);
  return mulberry32(seed);
}

describe('durability: a writer killed with SIGKILL at random points', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-durability-'));
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('SQLite: every acknowledged write survives, no unacknowledged one is partly there (50 kills)', async () => {
    const file = join(directory, 'durable.db');
    const result = await crashLoop(
      {
        args: ['sqlite', file],
        open: () => createSqliteStore({ database: file, followIntervalMs: 0 }),
        async log() {
          const db = new BetterSqlite3(file, { readonly: true });
          try {
            const rows = db.prepare('select revision, changes from change_log order by revision').all() as {
              revision: number;
              changes: string;
            }[];
            return rows.map((r) => ({ revision: Number(r.revision), changes: JSON.parse(r.changes) as Change[] }));
          } finally {
            db.close();
          }
        },
      },
      50,
      seeded('SQLite'),
    );
    console.log(
      `# SQLite: ${result.batches} batches committed over 50 kills, ${result.midOpen} before any acknowledged write`,
    );
    assert.ok(result.batches >= 25, `too few writes to mean anything: ${result.batches}`);
  });

  const url = process.env.TESSERA_TEST_POSTGRES_URL;
  it('PostgreSQL: the same, 15 kills', async (t) => {
    // Not a skip: CI provides the database, and a missing one must not pass unnoticed.
    assert.ok(url !== undefined && url !== '', 'TESSERA_TEST_POSTGRES_URL is not set');
    // A schema of its own, so suites (and other runs) sharing the database do not collide.
    const schema = `tessera_durability_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.query(`create schema ${schema}`);
    } finally {
      await admin.end();
    }
    const pool = () => new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4 });
    const drop = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`).finally(() => client.end());
    };
    t.after(drop);
    const result = await crashLoop(
      {
        args: ['postgres', url, schema],
        open: () => createPostgresStore({ database: pool(), followIntervalMs: 0 }),
        async log() {
          const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
          await client.connect();
          try {
            const { rows } = await client.query<{ revision: string; changes: string }>(
              'select revision, changes from change_log order by revision',
            );
            return rows.map((r) => ({ revision: Number(r.revision), changes: JSON.parse(r.changes) as Change[] }));
          } finally {
            await client.end();
          }
        },
      },
      15,
      seeded('PostgreSQL'),
    );
    console.log(
      `# PostgreSQL: ${result.batches} batches committed over 15 kills, ${result.midOpen} before any acknowledged write`,
    );
    assert.ok(result.batches >= 8, `too few writes to mean anything: ${result.batches}`);
  });
});
