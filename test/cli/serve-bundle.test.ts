import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { withoutTesseraSettings } from '../support/environment.js';
import { MODULE_TRACE, loadedFiles, serveBanner } from '../support/tessera-cli.js';

/**
 * `tessera serve` runs the bundle `npm run build:server` writes over dist/cli/run/serve.js
 * (scripts/bundle-server.mjs): the server and its packages in one module. One compiled server is
 * started on an empty SQLite file; what it loads and what it serves from files found beside its
 * sources (presets, docs, the console, the Swagger UI's assets) are the behaviour.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'tessera.js');
const PASSWORD = 'bundle-admin-password-1';

describe('the bundled server (dist/cli/run/serve.js)', () => {
  let directory: string;
  let child: ChildProcess;
  let url: string;
  let stderr = '';
  const loaded = (): string[] => loadedFiles(stderr);

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'tessera-bundle-'));
    child = spawn(
      process.execPath,
      [
        '--import',
        MODULE_TRACE,
        BIN,
        'serve',
        '--database',
        join(directory, 't.db'),
        '--port',
        '0',
        '--log-level',
        'silent',
      ],
      {
        cwd: directory,
        env: withoutTesseraSettings({ TESSERA_ADMIN_PASSWORD: PASSWORD }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    url = await serveBanner(child, 60_000).url;
  });

  after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(directory, { recursive: true, force: true });
  });

  test('is one module: the server, Fastify, Kysely, pg and the optional subsystems are not loaded from files', () => {
    const files = loaded();
    assert.ok(
      files.some((file) => file.endsWith('/dist/cli/run/serve.js')),
      'the serve module is loaded',
    );
    assert.ok(
      readFileSync(join(ROOT, 'dist/cli/run/serve.js'), 'utf8').includes('node_modules/fastify/'),
      'dist/cli/run/serve.js is the bundle (it holds Fastify)',
    );
    // The Swagger UI plugin (and the YAML and static-file packages it requires) stays a package of its own: it serves files beside its sources.
    const separate = files.filter((file) =>
      /\/dist\/(server|store|document|presets)\/|\/node_modules\/(fastify|kysely|pg|ajv|nodemailer|qrcode|otpauth|ldapts)\//.test(
        file,
      ),
    );
    assert.deepEqual(separate, []);
  });

  test('serves what it finds beside its sources: the preset it loaded, the docs, the API reference and its assets, the console', async () => {
    const session = await fetch(`${url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD, mode: 'token' }),
    });
    assert.equal(session.status, 200, await session.clone().text());
    const { token } = (await session.json()) as { token: string };
    const roles = await fetch(`${url}/v1/roles`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(roles.status, 200);
    assert.ok(((await roles.json()) as { items: unknown[] }).items.length > 1, 'the preset was read and loaded');
    for (const path of ['/docs', '/docs/static/logo.svg', '/docs/static/swagger-ui.css', '/openapi.json']) {
      const response = await fetch(`${url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(response.status, 200, path);
      await response.arrayBuffer();
    }
    const guide = await fetch(`${url}/docs/guide/configuration`);
    assert.equal(guide.status, 200, 'the docs directory is found');
    assert.match(await guide.text(), /TESSERA_DATABASE/);
  });

  test('loads two-factor packages on first use, and enrolment works with them', async () => {
    assert.ok(!loaded().some((file) => /\/node_modules\/(otpauth|qrcode)\//.test(file)), 'not loaded at start');
    const session = await fetch(`${url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD, mode: 'token' }),
    });
    const { token } = (await session.json()) as { token: string };
    const started = await fetch(`${url}/v1/me/two-factor`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await started.json()) as { secret?: string; qrCode?: string };
    assert.equal(started.status, 200, JSON.stringify(body));
    assert.match(body.secret ?? '', /^[A-Z2-7]+=*$/);
    assert.match(body.qrCode ?? '', /^data:image\/svg\+xml;base64,/);
    assert.ok(
      loaded().some((file) => /\/node_modules\/otpauth\//.test(file)),
      'otpauth loaded now',
    );
  });
});
