import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestServer, startTestServer } from './harness.js';

/** Credentials.resolve shares one database read among the requests of one event-loop turn, and no more. */
describe('credential lookups shared within one turn of the event loop', () => {
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

  test('requests with the same token in one turn share one read and each get the principal', async () => {
    const credentials = server.server.context.credentials;
    const token = server.admin.token!;
    // Once alone first, so the audit-log read of `disabledSince` (kept per user version) is done.
    assert.ok((await credentials.resolve(token, false)) !== undefined);
    const { value, reads: count } = await reads(() =>
      Promise.all(Array.from({ length: 20 }, () => credentials.resolve(token, false))),
    );
    assert.ok(value.every((principal) => principal?.user.username === 'admin'));
    assert.equal(count, 1, 'one shared read of the token');
    const apart = await reads(async () => {
      await credentials.resolve(token, false);
      await credentials.resolve(token, false);
    });
    assert.equal(apart.reads, 2, 'requests of different turns each read the database');
  });

  test('a token revoked in the database (as by another server) is refused by the next request', async () => {
    const credentials = server.server.context.credentials;
    const created = await server.admin.post('/v1/tokens', { name: 'shared-lookups', expiresInDays: 1 });
    assert.equal(created.status, 201);
    const token = created.body.token as string;
    const first = await Promise.all([credentials.resolve(token, false), credentials.resolve(token, false)]);
    assert.ok(first.every((principal) => principal !== undefined));
    await server.store.database
      .updateTable('access_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', created.body.info.id as string)
      .execute();
    const second = await Promise.all([credentials.resolve(token, false), credentials.resolve(token, false)]);
    assert.deepEqual(second, [undefined, undefined]);
  });
});
