import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { CONSOLE_DIRECTORY, consoleRoutes } from '../../src/server/console.js';
import type { App } from '../../src/server/context.js';
import { type ConsoleTest, startConsoleTest } from './harness.js';

/**
 * The console's JavaScript, gzipped, must stay under this many bytes: the first screen of a
 * slow link depends on it. Raise it deliberately, with the reason in the commit.
 */
export const CONSOLE_GZIP_BUDGET = 160 * 1024;

describe('console: compressed assets', () => {
  let directory: string;
  let app: App;
  const script = `export const words = ${JSON.stringify('tessera '.repeat(2_000))};\n`;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'tessera-console-compress-'));
    mkdirSync(join(directory, 'assets'));
    writeFileSync(join(directory, 'index.html'), `<!doctype html><div id="root"></div>${'<!-- -->'.repeat(300)}`);
    writeFileSync(join(directory, 'assets', 'app-1234.js'), script);
    app = Fastify() as unknown as App;
    await app.register(consoleRoutes, { directory });
  });
  after(async () => {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });

  test('an asset is sent brotli-compressed to a browser that accepts brotli, and decodes to the file', async () => {
    const answer = await get('/console/assets/app-1234.js', 'gzip, deflate, br');
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers['content-encoding'], 'br');
    assert.match(String(answer.headers.vary), /accept-encoding/i);
    assert.match(String(answer.headers['cache-control']), /immutable/);
    assert.ok(answer.rawPayload.length < script.length / 10, `${answer.rawPayload.length} bytes`);
    assert.equal(brotliDecompressSync(answer.rawPayload).toString(), script);
  });

  test('gzip is used when brotli is not accepted, including for the pages (index.html)', async () => {
    const asset = await get('/console/assets/app-1234.js', 'gzip');
    assert.equal(asset.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(asset.rawPayload).toString(), script);
    const page = await get('/console/organizations', 'gzip');
    assert.equal(page.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(page.rawPayload).toString(), /<div id="root">/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
  });

  test('without Accept-Encoding the bytes are sent as they are', async () => {
    const plain = await get('/console/assets/app-1234.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, script);
  });

  test('a missing asset is still a 404 problem, not a compressed page', async () => {
    const answer = await get('/console/assets/missing.js', 'br, gzip');
    assert.equal(answer.statusCode, 404);
  });
});

describe('console: size and first-screen budgets of the built console', () => {
  let t: ConsoleTest;
  before(async () => {
    t = await startConsoleTest();
  });
  after(() => t?.close());

  test(`the built JavaScript, gzipped, stays under ${CONSOLE_GZIP_BUDGET / 1024} KiB`, () => {
    const assets = join(CONSOLE_DIRECTORY, 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    assert.ok(scripts.length > 0, 'the console is built');
    const gzipped = scripts.reduce((total, name) => total + gzipSync(readFileSync(join(assets, name))).length, 0);
    assert.ok(gzipped < CONSOLE_GZIP_BUDGET, `${gzipped} bytes gzipped, over the budget of ${CONSOLE_GZIP_BUDGET}`);
  });

  // How soon it is usable (under 1 s on loopback) is measured by `npm run bench:console`.
  test('the sign-in screen is usable after four compressed requests: the page, one script, one stylesheet, the session', async () => {
    // The first load warms the server and the browser; the timed one is a fresh context (no cache).
    const warm = await t.newPage();
    await warm.goto('/console/');
    await warm.getByLabel('Username').waitFor();
    const page = await t.newPage();
    const requests: string[] = [];
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname.replace(/-[\w-]+\.(js|css)$/, '.$1');
      const encoding = response.headers()['content-encoding'] ?? 'identity';
      requests.push(path.startsWith('/v1/') ? path : `${path} ${encoding}`);
    });
    await page.goto('/console/');
    await page.getByLabel('Username').fill('admin');
    // No request waterfall: the page, its one script and one stylesheet (brotli), and the session.
    assert.deepEqual(requests.sort(), [
      '/console/ br',
      '/console/assets/index.css br',
      '/console/assets/index.js br',
      '/v1/session',
    ]);
  });
});
