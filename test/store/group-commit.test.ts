import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Change } from '../../src/core/changes.js';
import type { TesseraError } from '../../src/core/errors.js';
import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import type { StoreAdapter } from '../../src/store/adapter.js';
import { type Database, type Store, createPostgresStore, createSqliteStore } from '../../src/store/index.js';
import { openStore } from '../../src/store/kysely-store.js';
import { postgresAdapter } from '../../src/store/postgres/postgres-store.js';
import { sqliteAdapter } from '../../src/store/sqlite/sqlite-store.js';

/**
 * Group commit (src/store/kysely-store.ts): writes that queue behind the write lock commit in one
 * transaction, each judged in order, each with its own revision and audit entry. On SQLite and on
 * PostgreSQL (in a schema of its own). The database is rigged with triggers: a write whose
 * change log mentions `poison` fails on its own insert; one that mentions `crash` makes the
 * commit itself fail (a deferred foreign key).
 */

interface Harness {
  /** Opens a store on the database, counting the write transactions it begins. */
  open(): Promise<{ store: Store; transactions: () => number }>;
  /** Opens a plain store on the same database, as a restarted server would. */
  reopen(): Promise<Store>;
  dispose(): Promise<void>;
}

function counting(adapter: StoreAdapter): { adapter: StoreAdapter; transactions: () => number } {
  let count = 0;
  return {
    adapter: {
      ...adapter,
      begin(db, lock, timeoutMs) {
        if (lock === 'write') count++;
        return adapter.begin(db, lock, timeoutMs);
      },
    },
    transactions: () => count,
  };
}

function sqliteHarness(): Harness {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-group-commit-'));
  const file = join(directory, 'tessera.db');
  let rigged = false;
  return {
    async open() {
      const database = new BetterSqlite3(file);
      database.pragma('journal_mode = WAL');
      database.pragma('foreign_keys = ON');
      const { adapter, transactions } = counting(sqliteAdapter);
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
      const store = await openStore(db, adapter, { followIntervalMs: 0 });
      if (!rigged) {
        rigged = true;
        database.exec(`
          create trigger poison before insert on change_log when new.changes like '%poison%'
            begin select raise(abort, 'injected'); end;
          create table crash_target (id integer primary key);
          create table crash_guard (id integer references crash_target (id) deferrable initially deferred);
          create trigger crash after insert on change_log when new.changes like '%crash%'
            begin insert into crash_guard values (1); end;
        `);
      }
      return { store, transactions };
    },
    reopen: () => createSqliteStore({ database: file, followIntervalMs: 0 }),
    async dispose() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function postgresHarness(url: string): Harness {
  const schema = `group_commit_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const pool = () => new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4 });
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  let rigged = false;
  return {
    async open() {
      if (!rigged) await admin(`create schema ${schema}`);
      const connections = pool();
      const { adapter, transactions } = counting(postgresAdapter(connections));
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: connections }) });
      const store = await openStore(db, adapter, { followIntervalMs: 0 });
      if (!rigged) {
        rigged = true;
        await admin(`
          create function poison() returns trigger language plpgsql as $$
            begin
              if new.changes like '%poison%' then raise exception 'injected'; end if;
              return new;
            end $$;
          create trigger poison before insert on change_log for each row execute function poison();
          create table crash_target (id integer primary key);
          create table crash_guard (id integer references crash_target (id) deferrable initially deferred);
          create function crash() returns trigger language plpgsql as $$
            begin
              if new.changes like '%crash%' then insert into crash_guard values (1); end if;
              return new;
            end $$;
          create trigger crash after insert on change_log for each row execute function crash();
        `);
      }
      return { store, transactions };
    },
    reopen: () => createPostgresStore({ database: pool(), followIntervalMs: 0 }),
    dispose: () => admin(`drop schema if exists ${schema} cascade`),
  };
}

const user = (id: string, username = id): Change => ({
  op: 'user.put',
  user: { id, username, store: 'PRIMARY', email: null, status: 'active' },
});
const audit = (name: string) => ({
  actor: null,
  actorName: `writer-${name}`,
  action: 'user.create',
  target: `user:${name}`,
});

function groupCommit(name: string, make: () => Harness): void {
  describe(`group commit: ${name}`, () => {
    const harness = make();
    let store: Store;
    let transactions: () => number;
    before(async () => {
      ({ store, transactions } = await harness.open());
    });
    after(async () => {
      await store?.close();
      await harness.dispose();
    });

    test('concurrent writes commit in one transaction, each with its own revision and audit entry', async () => {
      const start = store.revision;
      const begun = transactions();
      const names = Array.from({ length: 20 }, (_, i) => `together-${i}`);
      const results = await Promise.all(
        names.map((n) => store.write([user(n)], { actor: SYSTEM_ACTOR, audit: audit(n) })),
      );
      assert.equal(transactions() - begun, 1);
      assert.deepEqual(
        results.map((r) => r.revision),
        names.map((_, i) => start + i + 1),
      );
      for (const n of names) assert.equal(store.engine.user(n)?.username, n);
      const entries = await store.audit({ limit: 500 });
      for (const [i, n] of names.entries()) {
        const mine = entries.filter((e) => e.actor.name === `writer-${n}`);
        assert.equal(mine.length, 1, n);
        assert.equal(mine[0]!.revision, results[i]!.revision);
        assert.equal(mine[0]!.target, `user:${n}`);
      }
    });

    test('a write refused among concurrent ones fails alone, and the later ones are judged on the earlier ones', async () => {
      const start = store.revision;
      const settled = await Promise.allSettled([
        store.write([user('first')], { actor: SYSTEM_ACTOR }),
        store.write([user('first-again', 'first')], { actor: SYSTEM_ACTOR }),
        store.write([user('second')], { actor: SYSTEM_ACTOR }),
        store.write([{ op: 'member.add', membership: { group: 'missing', user: 'second' } }], {
          actor: SYSTEM_ACTOR,
        }),
        store.write([user('second'), user('third')], { actor: SYSTEM_ACTOR }),
      ]);
      assert.deepEqual(
        settled.map((s) => s.status),
        ['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'],
      );
      assert.equal(((settled[1] as PromiseRejectedResult).reason as TesseraError).code, 'DUPLICATE');
      assert.equal(((settled[3] as PromiseRejectedResult).reason as TesseraError).code, 'NOT_FOUND');
      assert.deepEqual(
        settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.revision] : [])),
        [start + 1, start + 2, start + 3],
      );
      assert.equal(store.engine.user('first-again'), undefined);
      assert.equal(store.engine.user('third')?.username, 'third');
    });

    test('a write whose own statements fail is taken out, and the others of its group still commit', async () => {
      const start = store.revision;
      const settled = await Promise.allSettled([
        store.write([user('ahead-of-p')], { actor: SYSTEM_ACTOR }),
        store.write([user('poison')], { actor: SYSTEM_ACTOR }),
        store.write([user('behind-p')], { actor: SYSTEM_ACTOR }),
      ]);
      assert.deepEqual(
        settled.map((s) => s.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      assert.match(String((settled[1] as PromiseRejectedResult).reason), /injected/);
      assert.equal(store.revision, start + 2);
      assert.equal(store.engine.user('poison'), undefined);
      assert.equal(store.version('user', 'poison'), undefined);
      for (const n of ['ahead-of-p', 'behind-p']) assert.equal(store.engine.user(n)?.username, n);
    });

    test('the rows written alongside concurrent writes are inserted once each, none for a refused or failed write', async () => {
      const row = (user: string, organization = 'org-a') => ({
        table: 'organization_members' as const,
        row: { organization, user_id: user, joined_at: '2026-01-01T00:00:00.000Z' },
        key: ['organization', 'user_id'] as const,
      });
      const settled = await Promise.allSettled([
        store.write([user('beside-1')], { actor: SYSTEM_ACTOR, alongsideRows: [row('beside-1')] }),
        store.write([user('beside-2')], { actor: SYSTEM_ACTOR, alongsideRows: [row('beside-2'), row('beside-1')] }),
        store.write([user('beside-3', 'beside-1')], { actor: SYSTEM_ACTOR, alongsideRows: [row('refused')] }),
        store.write([user('poison-beside')], { actor: SYSTEM_ACTOR, alongsideRows: [row('poisoned')] }),
        store.write([user('beside-4')], { actor: SYSTEM_ACTOR, alongsideRows: [row('beside-4', 'org-b')] }),
      ]);
      assert.deepEqual(
        settled.map((s) => s.status),
        ['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled'],
      );
      const rows = await store.database
        .selectFrom('organization_members')
        .select(['organization', 'user_id'])
        .orderBy('organization')
        .orderBy('user_id')
        .execute();
      assert.deepEqual(rows, [
        { organization: 'org-a', user_id: 'beside-1' },
        { organization: 'org-a', user_id: 'beside-2' },
        { organization: 'org-b', user_id: 'beside-4' },
      ]);
    });

    test('when the transaction fails, every write of the group fails and nothing changes', async () => {
      const start = store.revision;
      const audited = (await store.audit({ limit: 500 })).length;
      const settled = await Promise.allSettled([
        store.write([user('lost-1')], { actor: SYSTEM_ACTOR }),
        store.write([user('crash')], { actor: SYSTEM_ACTOR }),
        store.write([user('lost-2')], { actor: SYSTEM_ACTOR }),
      ]);
      assert.deepEqual(
        settled.map((s) => s.status),
        ['rejected', 'rejected', 'rejected'],
      );
      assert.equal(store.revision, start);
      for (const n of ['lost-1', 'crash', 'lost-2']) {
        assert.equal(store.engine.user(n), undefined);
        assert.equal(store.version('user', n), undefined);
      }
      assert.equal((await store.audit({ limit: 500 })).length, audited);
      const reopened = await harness.reopen();
      try {
        assert.equal(reopened.revision, start);
        assert.equal(reopened.engine.user('lost-1'), undefined);
      } finally {
        await reopened.close();
      }
      const { revision } = await store.write([user('once-more')], { actor: SYSTEM_ACTOR });
      assert.equal(revision, start + 1);
    });
  });
}

groupCommit('SQLite', sqliteHarness);

const url = process.env.TESSERA_TEST_POSTGRES_URL;
if (url === undefined || url === '') {
  // Not a skip: CI provides the database, and a missing one must not pass unnoticed.
  test('group commit: PostgreSQL', () => assert.fail('TESSERA_TEST_POSTGRES_URL is not set'));
} else {
  groupCommit('PostgreSQL', () => postgresHarness(url));
}
