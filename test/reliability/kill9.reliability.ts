import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { Client } from '../server/harness.js';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.js';
import {
  type ServeChild,
  auditTargets,
  createGroup,
  groupsNamed,
  signInAdmin,
  startServeChild,
  tesseraCommand,
} from './serve-child.js';

/**
 * kill -9 of a `tessera serve` under concurrent HTTP writes, again and again: after each restart
 * every acknowledged write is there with its audit entry, and no write is there in part (each
 * creates a group and its role mapping in one batch).
 *
 * Starting a server takes seconds (most of it loading the code), so the next one starts while the
 * current one is under load, on the same database (several servers may share one), and takes
 * over after the kill; the last one starts only after the last kill, from the database alone.
 */

const KILLS = Number(process.env.TESSERA_RELIABILITY_KILLS ?? 10);
const WRITERS = 4;

interface Figures {
  kills: number;
  acknowledged: number;
  /** Writes in flight at a kill that were committed anyway (the answer was lost, not the write). */
  committedUnacknowledged: number;
  lost: number;
  partial: number;
  missingAudit: number;
  /** Answers other than 201 while the server was up (there should be none). */
  failed: number;
  seconds: number;
}

/** Writes until `stop` is set; a request the kill cut off is unacknowledged, not an error. */
async function writer(
  client: Client,
  prefix: string,
  acked: Map<string, string>,
  state: { stop: boolean; failures: string[]; revision: number },
): Promise<void> {
  for (let i = 0; !state.stop; i++) {
    const name = `${prefix}-${i}`;
    let response: Awaited<ReturnType<typeof createGroup>>;
    try {
      response = await createGroup(client, name);
    } catch {
      return; // the connection died: the server was killed
    }
    if (response.status === 201) {
      acked.set(name, response.body.group.id as string);
      state.revision = Math.max(state.revision, response.body.revision as number);
    } else if (!state.stop) state.failures.push(`${name}: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

async function verify(client: Client, acked: ReadonlyMap<string, string>, figures: Figures, kill: number) {
  const groups = await groupsNamed(client, 'k9-');
  const audited = await auditTargets(client, 'group.create');
  const lost = [...acked].filter(([name, id]) => groups.get(name)?.id !== id).map(([name]) => name);
  const partial = [...groups.values()].filter((g) => g.roles.length !== 1).map((g) => g.name);
  const missingAudit = [...groups.values()].filter((g) => !audited.has(`group:${g.id}`)).map((g) => g.name);
  figures.lost += lost.length;
  figures.partial += partial.length;
  figures.missingAudit += missingAudit.length;
  figures.committedUnacknowledged = groups.size - acked.size;
  assert.deepEqual(lost, [], `after kill ${kill}: acknowledged writes lost`);
  assert.deepEqual(partial, [], `after kill ${kill}: groups without their role mapping (a partial batch)`);
  assert.deepEqual(missingAudit, [], `after kill ${kill}: writes without their audit entry`);
}

async function killLoop(label: string, database: string): Promise<Figures> {
  const started = Date.now();
  const password = `pw-${randomUUID()}`;
  const figures: Figures = {
    kills: 0,
    acknowledged: 0,
    committedUnacknowledged: 0,
    lost: 0,
    partial: 0,
    missingAudit: 0,
    failed: 0,
    seconds: 0,
  };
  const acked = new Map<string, string>();
  let revision = 0;
  let child: ServeChild = await startServeChild(database, password);
  let next: Promise<ServeChild> | undefined;
  try {
    // The token is stored: it signs in every later process too.
    let client = await signInAdmin(child.url, password);
    for (let kill = 0; kill < KILLS; kill++) {
      if (kill < KILLS - 1) next = startServeChild(database, password);
      const state = { stop: false, failures: [] as string[], revision: 0 };
      const before = acked.size;
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(client, `k9-${kill}-${w}`, acked, state));
      // Some writes acknowledged, then the kill lands at a random point among the next ones.
      const deadline = Date.now() + 30_000;
      while (acked.size - before < WRITERS && Date.now() < deadline) await sleep(5);
      await sleep(Math.random() * 300);
      await child.kill();
      figures.kills++;
      state.stop = true;
      await Promise.all(writers);
      figures.failed += state.failures.length;
      assert.deepEqual(state.failures, [], `${label}: writes refused before kill ${kill}`);
      revision = Math.max(revision, state.revision);
      child = await (next ?? startServeChild(database, password));
      next = undefined;
      client = new Client(child.url, client.token);
      await caughtUp(client, revision);
      await verify(client, acked, figures, kill);
    }
    figures.acknowledged = acked.size;
  } finally {
    await child.kill();
    await (await next?.catch(() => undefined))?.kill();
  }
  figures.seconds = Math.round((Date.now() - started) / 100) / 10;
  return figures;
}

/** Waits until a server started before the kill has followed the change log past the last acknowledged write. */
async function caughtUp(client: Client, revision: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const health = await client.get('/healthz');
    if (health.status === 200 && (health.body.revision as number) >= revision) return;
    assert.ok(Date.now() < deadline, `the server stayed behind revision ${revision}: ${JSON.stringify(health.body)}`);
    await sleep(50);
  }
}

function report(label: string, figures: Figures): void {
  const runner = tesseraCommand().compiled ? 'compiled' : 'tsx';
  console.log(
    `figures: kill9 ${label}: ${figures.kills} kills (${runner}), ${figures.acknowledged} acknowledged writes, ` +
      `${figures.lost} lost, ${figures.partial} partial, ${figures.missingAudit} without audit, ` +
      `${figures.committedUnacknowledged} committed but unacknowledged, ${figures.seconds} s`,
  );
}

// The two databases side by side: each loop mostly waits for servers to start, one core each.
describe('kill -9 under concurrent HTTP writes', { concurrency: 2 }, () => {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-kill9-'));
  let cluster: PrivatePostgres | undefined;
  before(async () => {
    cluster = await startPrivatePostgres();
  });
  after(async () => {
    await cluster?.destroy();
    rmSync(directory, { recursive: true, force: true });
  });

  test(`SQLite: ${KILLS} kills lose no acknowledged write, leave no partial batch, audit every write`, async () => {
    const figures = await killLoop('SQLite', join(directory, 'tessera.db'));
    report('SQLite', figures);
    assert.equal(figures.kills, KILLS);
    assert.ok(figures.acknowledged >= KILLS * WRITERS);
  });

  test(`PostgreSQL: ${KILLS} kills lose no acknowledged write, leave no partial batch, audit every write`, async () => {
    const figures = await killLoop('PostgreSQL', await cluster!.createDatabase('kill9'));
    report('PostgreSQL', figures);
    assert.equal(figures.kills, KILLS);
    assert.ok(figures.acknowledged >= KILLS * WRITERS);
  });
});
