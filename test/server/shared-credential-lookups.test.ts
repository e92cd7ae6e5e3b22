import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { Client, type TestServer, assertProblem, startTestServer } from './harness.js';

/**
 * Credentials.resolve reads a credential from the database once per change of the database: a
 * credential verified since the last commit is answered from memory (a SQLite file tells cheaply
 * whether anything was committed since, `Store.commitStamp`); otherwise the requests of one
 * event-loop turn share one read, and no more.
 */
describe('credential lookups: shared within one turn, kept until the database changes', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(() => server.close());

  /** Counts the reads `fn` makes through the store's reader, where credentials are looked up. */
  async function reads<T>(fn: () => Promise<T>): Promise<{ value: T; reads: number }> {
    const database = server.store.reader as unknown as Record<string, unknown>;
    const original = database.selectFrom as (...args: unknown[]) => unknown;
    let count = 0;
    database.selectFrom = (...args: unknown[]) => {
      count++;
      return original.apply(database, args);
    };
    try {
      return { value: await fn(), reads: count };
    } finally {
      delete database.selectFrom;
    }
  }

  /** A commit that concerns no credential: any commit at all makes verified credentials be read again. */
  const unrelatedCommit = () =>
    server.store.database
      .updateTable('access_tokens')
      .set({ name: 'renamed' })
      .where('id', '=', 'no-such-token')
      .execute()
      .then(() =>
        server.store.database
          .insertInto('sessions')
          .values({
            token_hash: `unrelated-${Math.random()}`,
            user_id: 'nobody',
            csrf: 'x',
            created_at: new Date(0).toISOString(),
            expires_at: new Date(0).toISOString(),
          })
          .execute(),
      );

  test('after a commit, requests with the same token in one turn share one read and each get the principal', async () => {
    const credentials = server.server.context.credentials;
    const token = server.admin.token!;
    // Once alone first, so the audit-log read of `disabledSince` (kept per user version) is done.
    assert.ok((await credentials.resolve(token, false)) !== undefined);
    await unrelatedCommit();
    const { value, reads: count } = await reads(() =>
      Promise.all(Array.from({ length: 20 }, () => credentials.resolve(token, false))),
    );
    assert.ok(value.every((principal) => principal?.user.username === 'admin'));
    assert.equal(count, 1, 'one shared read of the token');
  });

  test('a credential verified since the last commit is answered without a read; a commit makes the next request read it', async () => {
    const credentials = server.server.context.credentials;
    const token = server.admin.token!;
    assert.ok((await credentials.resolve(token, false)) !== undefined);
    const apart = await reads(async () => {
      assert.equal((await credentials.resolve(token, false))?.user.username, 'admin');
      assert.equal(credentials.resolveCached(token, false)?.user.username, 'admin');
    });
    assert.equal(apart.reads, 0, 'nothing was committed since the token was verified');
    await unrelatedCommit();
    assert.equal(credentials.resolveCached(token, false), null, 'a commit since: the cache does not answer');
    const again = await reads(() => credentials.resolve(token, false));
    assert.equal(again.value?.user.username, 'admin');
    assert.equal(again.reads, 1, 'read again after the commit');
    // A model write moves the index's revision: read again as well.
    await server.write([
      { op: 'project.put', project: { id: randomUUID(), name: 'shared-lookups', organization: server.home.id } },
    ]);
    assert.equal(
      credentials.resolveCached(token, false),
      null,
      'a write to the model since: the cache does not answer',
    );
  });

  test('a token revoked in the database (as by another server) is refused by the next request', async () => {
    const credentials = server.server.context.credentials;
    const created = await server.admin.post('/v1/tokens', { name: 'shared-lookups', expiresInDays: 1 });
    assert.equal(created.status, 201);
    const token = created.body.token as string;
    const first = await Promise.all([credentials.resolve(token, false), credentials.resolve(token, false)]);
    assert.ok(first.every((principal) => principal !== undefined));
    assert.ok(credentials.resolveCached(token, false) !== null, 'verified, and kept');
    await server.store.database
      .updateTable('access_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', created.body.info.id as string)
      .execute();
    // In the same turn: this process's own commit is seen at once.
    assert.equal(credentials.resolveCached(token, false), null);
    const second = await Promise.all([credentials.resolve(token, false), credentials.resolve(token, false)]);
    assert.deepEqual(second, [undefined, undefined]);
  });

  test('a token revoked and a user disabled by another process are refused by the next request to a decision route', async () => {
    const created = await server.admin.post('/v1/tokens', { name: 'other-process', expiresInDays: 1 });
    assert.equal(created.status, 201);
    const client = new Client(server.url, created.body.token as string);
    const check = { permission: 'project:view', resource: { type: 'organization', id: server.home.id } };
    for (let i = 0; i < 3; i++) assert.equal((await client.post('/v1/check', check)).status, 200);
    // Another process on the same file (a second server, the CLI): its own connection, not the store's.
    const other = new BetterSqlite3(server.database);
    try {
      other
        .prepare('UPDATE access_tokens SET revoked_at = ? WHERE id = ?')
        .run(new Date().toISOString(), created.body.info.id);
      assertProblem(await client.post('/v1/check', check), 401, 'unauthorized');
      // In process, from the next turn of the event loop.
      await nextTurn();
      assert.equal(await server.server.context.credentials.resolve(created.body.token as string, false), undefined);

      const ulla = await server.user('ulla');
      for (let i = 0; i < 3; i++)
        assert.equal(
          (await ulla.client.post('/v1/check', { ...check, user: ulla.user.id })).status,
          200,
          'ulla may ask about herself',
        );
      const row = other.prepare('SELECT version, record FROM users WHERE key = ?').get(ulla.user.id) as {
        version: number;
        record: string;
      };
      // As a write of another server would leave it: a newer version of the record, disabled.
      other
        .prepare('UPDATE users SET version = ?, record = ? WHERE key = ?')
        .run(row.version + 1_000_000, JSON.stringify({ ...JSON.parse(row.record), status: 'disabled' }), ulla.user.id);
      assertProblem(await ulla.client.post('/v1/check', { ...check, user: ulla.user.id }), 401, 'unauthorized');
    } finally {
      other.close();
    }
  });
});
