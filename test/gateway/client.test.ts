import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createTesseraClient } from '@tessera/client';
import { generateSchema, SCHEMA_FILE } from '../../packages/client/scripts/generate-client.js';
import { startTestServer, type TestServer } from '../server/harness.js';

describe('the typed client', () => {
  test('its committed schema is the one Tessera publishes now (run `npm run client` after changing the API)', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    const fresh = await generateSchema();
    assert.ok(committed === fresh, 'packages/client/src/schema.d.ts is out of date: run `npm run client`');
  });

  describe('against a Tessera server', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer('SQLite');
    });
    after(() => server.close());

    test('calls the /v1 API with the bearer token and answers typed data', async () => {
      const tessera = createTesseraClient({ baseUrl: server.url, token: server.admin.token! });
      const { data, error, response } = await tessera.POST('/v1/check', {
        body: {
          user: 'PRIMARY/admin',
          permission: 'organization:view',
          resource: { type: 'organization', id: server.home.name },
        },
      });
      assert.equal(response.status, 200, JSON.stringify(error));
      const allowed: boolean | undefined = data?.allowed;
      assert.equal(allowed, true);
      assert.equal(typeof data?.revision, 'number');
      if (response.status !== 200) {
        // @ts-expect-error: the client knows Tessera's paths, and this is not one
        await tessera.GET('/v1/no-such-path');
        // @ts-expect-error: nor does it take a body Tessera would refuse
        await tessera.POST('/v1/check', { body: { permission: 1, resource: { type: 'organization', id: 'x' } } });
      }
    });

    test('answers errors as problem documents, and takes the token from a function', async () => {
      let asked = 0;
      const anonymous = createTesseraClient({
        baseUrl: `${server.url}/`,
        token: () => {
          asked++;
          return 'not-a-token';
        },
      });
      const { data, error, response } = await anonymous.POST('/v1/check', {
        body: { permission: 'organization:view', resource: { type: 'organization', id: 'x' } },
      });
      assert.equal(data, undefined);
      assert.equal(response.status, 401);
      assert.equal((error as { type?: string } | undefined)?.type, 'https://tessera.dev/problems/unauthorized');
      assert.equal(asked, 1);
    });
  });
});
