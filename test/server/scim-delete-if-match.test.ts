import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import { Client, type TestServer, startTestServer } from './harness.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/**
 * SCIM DELETE with If-Match is judged inside the write: a DELETE and a PATCH sent at once, both
 * naming the version they read, never both succeed (one of them is refused with 412). On
 * PostgreSQL, where a read does not wait for the write lock.
 */
describe('SCIM DELETE honours If-Match inside the write', () => {
  let server: TestServer;
  let scim: Client;
  before(async () => {
    server = await startTestServer('PostgreSQL');
    const created = await server.admin.post('/v1/scim-tokens', { name: 'okta' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    scim = new Client(`${server.url}/scim/v2`, created.body.secret);
  });
  after(() => server?.close());
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    scim.request(method, path, body, { 'content-type': 'application/scim+json', ...headers });

  test('a stale If-Match is refused and deletes nothing; the current one deletes', async () => {
    const created = await send('POST', '/Users', { schemas: [USER], userName: 'stale', active: true });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const first = created.body.meta.version as string;
    const patched = await send('PATCH', `/Users/${created.body.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'displayName', value: 'Stale Again' }],
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal((await send('DELETE', `/Users/${created.body.id}`, undefined, { 'if-match': first })).status, 412);
    assert.ok(server.store.engine.user('stale') !== undefined);
    const current = patched.body.meta.version as string;
    assert.equal((await send('DELETE', `/Users/${created.body.id}`, undefined, { 'if-match': current })).status, 204);
    assert.equal(server.store.engine.user('stale'), undefined);
  });

  test('a DELETE whose If-Match was current when read, but not when its write runs, is refused with 412', async () => {
    const created = await send('POST', '/Users', { schemas: [USER], userName: 'moved', active: true });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const version = created.body.meta.version as string;
    const user = server.store.engine.user('moved')!;
    // Another write changes the user and holds the write lock until the DELETE has read its version and waits.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writing = server.store.write([{ op: 'user.put', user: { ...user, email: 'moved@example.com' } }], {
      actor: SYSTEM_ACTOR,
      alongside: () => held,
    });
    await sleep(100);
    const deleting = send('DELETE', `/Users/${created.body.id}`, undefined, { 'if-match': version });
    await sleep(500);
    release();
    await writing;
    const removed = await deleting;
    assert.equal(removed.status, 412, JSON.stringify(removed.body));
    assert.ok(server.store.engine.user('moved') !== undefined, 'the user is not deleted');
  });

  test('a DELETE racing a PATCH of the same version: never both succeed', async () => {
    for (let round = 0; round < 8; round++) {
      const userName = `race-${round}`;
      const created = await send('POST', '/Users', { schemas: [USER], userName, active: true });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { id } = created.body as { id: string };
      const version = created.body.meta.version as string;
      const [removed, changed] = await Promise.all([
        send('DELETE', `/Users/${id}`, undefined, { 'if-match': version }),
        send(
          'PATCH',
          `/Users/${id}`,
          { schemas: [PATCH], Operations: [{ op: 'replace', path: 'displayName', value: `Changed ${round}` }] },
          { 'if-match': version },
        ),
      ]);
      const ok = (status: number) => status >= 200 && status < 300;
      assert.ok(
        !(ok(removed.status) && ok(changed.status)),
        `round ${round}: the DELETE (${removed.status}) and the PATCH (${changed.status}) both succeeded on one version`,
      );
      assert.ok(ok(removed.status) || ok(changed.status), `round ${round}: one of them succeeds`);
    }
  });
});
