import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Client } from '../server/harness.js';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.js';
import {
  ORGANIZATION,
  type ServeChild,
  createGroup,
  groupsNamed,
  signInAdmin,
  startServeChild,
} from './serve-child.js';

/**
 * `pg_ctl restart` of the database under a `tessera serve` answering concurrent checks and
 * writes, several times: the process survives every restart, decisions never fail, writes fail
 * only with 503 `unavailable` (Retry-After) while the database is away, and succeed again
 * without restarting the server; every acknowledged write is kept.
 */

const ROUNDS = Number(process.env.TESSERA_RELIABILITY_RESTARTS ?? 3);
const WRITERS = 2;
const CHECKERS = 2;

interface Tally {
  ok: number;
  unavailable: number;
  /** Any other answer, or a request that got none: there must be none. */
  other: string[];
}

const tally = (): Tally => ({ ok: 0, unavailable: 0, other: [] });

function count(into: Tally, status: number, ok: number, body: unknown, retryAfter: string | null): void {
  if (status === ok) into.ok++;
  else if (
    status === 503 &&
    (body as { type?: string }).type === 'https://tessera.dev/problems/unavailable' &&
    retryAfter !== null
  )
    into.unavailable++;
  else into.other.push(`${status} ${JSON.stringify(body)}`);
}

describe('PostgreSQL restarts under load', () => {
  let cluster: PrivatePostgres;
  let child: ServeChild;
  let admin: Client;

  before(async () => {
    cluster = await startPrivatePostgres();
    const password = `pw-${randomUUID()}`;
    child = await startServeChild(await cluster.createDatabase('restart'), password);
    admin = await signInAdmin(child.url, password);
  });
  after(async () => {
    await child?.kill();
    await cluster?.destroy();
  });

  test(`the server survives ${ROUNDS} restarts of PostgreSQL under checks and writes, answering writes 503 meanwhile and recovering by itself`, async () => {
    const started = Date.now();
    const writes = tally();
    const checks = tally();
    const acked = new Map<string, string>();
    const state = { stop: false };
    const write = async (w: number) => {
      for (let i = 0; !state.stop; i++) {
        const name = `pr-${w}-${i}`;
        try {
          const response = await createGroup(admin, name);
          count(writes, response.status, 201, response.body, response.headers.get('retry-after'));
          if (response.status === 201) acked.set(name, response.body.group.id as string);
          else await sleep(20);
        } catch (error) {
          writes.other.push(`no answer: ${String(error)}`);
          await sleep(20);
        }
      }
    };
    const check = async () => {
      while (!state.stop) {
        try {
          const response = await admin.post('/v1/check', {
            user: 'admin',
            permission: 'group:manage',
            resource: { type: 'organization', id: ORGANIZATION },
          });
          count(checks, response.status, 200, response.body, response.headers.get('retry-after'));
          if (response.status === 200) assert.equal(response.body.allowed, true);
        } catch (error) {
          checks.other.push(`no answer: ${String(error)}`);
        }
        await sleep(5);
      }
    };
    const load = [
      ...Array.from({ length: WRITERS }, (_, w) => write(w)),
      ...Array.from({ length: CHECKERS }, () => check()),
    ];
    const recoveries: number[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        await sleep(1000);
        await cluster.restart();
        const restarted = Date.now();
        // Recovered: a write made after the restart is acknowledged.
        const before = writes.ok;
        while (writes.ok === before) {
          assert.ok(Date.now() - restarted < 30_000, `round ${round}: no write succeeded within 30 s of the restart`);
          assert.equal(child.process.exitCode, null, `the server exited:\n${child.stderr()}`);
          await sleep(20);
        }
        recoveries.push(Date.now() - restarted);
      }
      await sleep(500);
    } finally {
      state.stop = true;
      await Promise.all(load);
    }

    assert.equal(child.process.exitCode, null, `the server exited:\n${child.stderr()}`);
    assert.equal(child.process.signalCode, null);
    assert.doesNotMatch(child.stderr(), /unhandled/i, 'no unhandled rejection, even a logged one');
    const health = await admin.get('/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.body.database, 'connected');
    const groups = await groupsNamed(admin, 'pr-');
    const lost = [...acked].filter(([name, id]) => groups.get(name)?.id !== id).map(([name]) => name);

    const seconds = Math.round((Date.now() - started) / 100) / 10;
    console.log(
      `figures: postgres-restart: ${ROUNDS} restarts, writes ${writes.ok} ok / ${writes.unavailable} 503 / ${writes.other.length} other, ` +
        `checks ${checks.ok} ok / ${checks.unavailable} 503 / ${checks.other.length} other, ` +
        `${lost.length} acknowledged writes lost, recovery ${Math.max(...recoveries)} ms at most (after pg_ctl restart returned), ${seconds} s`,
    );
    assert.deepEqual(writes.other, [], 'writes fail only with 503 unavailable and Retry-After');
    assert.deepEqual(checks.other, [], 'decisions go on from memory');
    assert.equal(checks.unavailable, 0, 'no decision is refused');
    assert.deepEqual(lost, []);
    assert.ok(writes.ok > ROUNDS);
  });
});
