import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseIfMatch } from '../../src/server/etag.js';
import { SQLITE_ONLY, type TestServer, assertProblem, startTestServer } from './harness.js';

test('If-Match lists strong tags, "*" alone, and a malformed or weak tag matches nothing', () => {
  assert.equal(parseIfMatch('*'), '*');
  assert.deepEqual(parseIfMatch('"3"'), ['3']);
  assert.deepEqual(parseIfMatch('"3", "5" ,"7"'), ['3', '5', '7']);
  assert.deepEqual(parseIfMatch('W/"3"'), []);
  assert.deepEqual(parseIfMatch('W/"3", "4"'), ['4']);
  assert.deepEqual(parseIfMatch('3'), []);
  assert.deepEqual(parseIfMatch('"3" garbage'), []);
});

for (const kind of SQLITE_ONLY) {
  describe(`ETags and If-Match (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    const createRole = async (name: string) => {
      const created = await server.admin.post('/v1/roles', { name, permissions: ['api:manage'] });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body.role.id as string;
    };

    test('a GET answers the version as a strong ETag and a write answers the new one', async () => {
      const id = await createRole('Tagged');
      const read = await server.admin.get(`/v1/roles/${id}`);
      const tag = read.headers.get('etag');
      assert.match(tag ?? '', /^"\d+"$/);
      assert.equal(tag, `"${server.store.version('role', id)}"`);
      const patched = await server.admin.request(
        'PATCH',
        `/v1/roles/${id}`,
        { description: 'x' },
        { 'if-match': tag! },
      );
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.equal(patched.headers.get('etag'), `"${patched.body.revision}"`);
      assert.notEqual(patched.headers.get('etag'), tag);
      for (const path of ['/v1/settings', `/v1/organizations/${server.home.id}`, '/v1/user-stores/PRIMARY']) {
        const answer = await server.admin.get(path);
        assert.equal(answer.status, 200, path);
        assert.match(answer.headers.get('etag') ?? '', /^"\d+"$/, path);
      }
    });

    test('a stale, bogus or weak If-Match is refused with 412 and changes nothing', async () => {
      const id = await createRole('Guarded');
      const tag = (await server.admin.get(`/v1/roles/${id}`)).headers.get('etag')!;
      await server.admin.patch(`/v1/roles/${id}`, { description: 'moved on' });
      const revision = server.store.revision;
      for (const header of [tag, '"bogus"', `W/${tag}`, 'garbage']) {
        const stale = await server.admin.request(
          'PATCH',
          `/v1/roles/${id}`,
          { description: 'lost' },
          { 'if-match': header },
        );
        assertProblem(stale, 412, 'precondition-failed');
      }
      assertProblem(
        await server.admin.request('DELETE', `/v1/roles/${id}`, undefined, { 'if-match': tag }),
        412,
        'precondition-failed',
      );
      assert.equal(server.store.revision, revision);
      assert.equal(server.store.engine.role(id)?.description, 'moved on');
      const current = (await server.admin.get(`/v1/roles/${id}`)).headers.get('etag')!;
      const listed = await server.admin.request(
        'PATCH',
        `/v1/roles/${id}`,
        { description: 'ok' },
        { 'if-match': `"1", ${current}` },
      );
      assert.equal(listed.status, 200);
      const any = await server.admin.request('PATCH', `/v1/roles/${id}`, { description: 'any' }, { 'if-match': '*' });
      assert.equal(any.status, 200);
      const deleted = await server.admin.request('DELETE', `/v1/roles/${id}`, undefined, {
        'if-match': any.headers.get('etag')!,
      });
      assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
    });

    test('two concurrent read-modify-write PATCHes with If-Match: one 200, one 412, no permission lost', async () => {
      const id = await createRole('Contended');
      const read = async () => {
        const answer = await server.admin.get(`/v1/roles/${id}`);
        return { tag: answer.headers.get('etag')!, permissions: answer.body.permissions as string[] };
      };
      const [a, b] = await Promise.all([read(), read()]);
      assert.equal(a.tag, b.tag);
      const [first, second] = await Promise.all([
        server.admin.request(
          'PATCH',
          `/v1/roles/${id}`,
          { permissions: [...a.permissions, 'api:create'] },
          { 'if-match': a.tag },
        ),
        server.admin.request(
          'PATCH',
          `/v1/roles/${id}`,
          { permissions: [...b.permissions, 'api:publish'] },
          { 'if-match': b.tag },
        ),
      ]);
      const statuses = [first.status, second.status].sort();
      assert.deepEqual(statuses, [200, 412]);
      const loser = first.status === 412 ? first : second;
      assertProblem(loser, 412, 'precondition-failed');
      // The loser reads again and retries: both permissions end up granted.
      const again = await read();
      const retried = await server.admin.request(
        'PATCH',
        `/v1/roles/${id}`,
        { permissions: [...again.permissions, first.status === 412 ? 'api:create' : 'api:publish'] },
        { 'if-match': again.tag },
      );
      assert.equal(retried.status, 200);
      const role = server.store.engine.role(id)!;
      for (const key of ['api:manage', 'api:create', 'api:publish']) assert.ok(role.permissions.includes(key), key);
    });

    test('the OpenAPI document declares If-Match and ETag', async () => {
      const spec = (await server.anonymous.get('/openapi.json')).body;
      const patch = spec.paths['/v1/roles/{role}'].patch;
      assert.ok(patch.parameters.some((p: { in: string; name: string }) => p.in === 'header' && p.name === 'if-match'));
      assert.ok(patch.responses['412']);
      assert.ok(spec.paths['/v1/roles/{role}'].get.responses['200'].headers.etag);
    });
  });
}
