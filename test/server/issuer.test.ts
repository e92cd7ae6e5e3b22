import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { type TestServer, startTestServer } from './harness.js';

/** GET with a Host header of the caller's choosing (fetch does not let one set it). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const call = request(url, { headers: { host } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    call.on('error', reject);
    call.end();
  });
}

describe('the OAuth issuer', () => {
  let plain: TestServer;
  let configured: TestServer;
  before(async () => {
    plain = await startTestServer('SQLite');
    configured = await startTestServer('SQLite', { publicUrl: 'https://tessera.example.com/' });
  });
  after(async () => {
    await plain.close();
    await configured.close();
  });

  test('without --public-url it is the listen address, whatever Host header a request sends', async () => {
    const answer = await getWithHost(`${plain.url}/.well-known/openid-configuration`, 'evil.example');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.issuer, plain.url);
    assert.match(plain.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(answer.body.jwks_uri, `${plain.url}/oauth2/jwks`);
    assert.equal(JSON.stringify(answer.body).includes('evil.example'), false);
  });

  test('with --public-url it is that address (without a trailing slash), whatever Host header a request sends', async () => {
    const answer = await getWithHost(`${configured.url}/.well-known/openid-configuration`, 'evil.example');
    assert.equal(answer.body.issuer, 'https://tessera.example.com');
    assert.equal(answer.body.token_endpoint, 'https://tessera.example.com/oauth2/token');
    assert.equal(JSON.stringify(answer.body).includes('evil.example'), false);
  });
});
