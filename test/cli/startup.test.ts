import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { databaseDescription } from '../../src/cli/run/serve.js';
import { withoutTesseraSettings } from '../support/environment.js';
import { MODULE_TRACE, loadedFiles } from '../support/tessera-cli.js';

const BIN = fileURLToPath(new URL('../../bin/tessera.js', import.meta.url));

/** What a server start needs and a command on the database does not. */
const SERVER_MODULES =
  /\/node_modules\/(fastify|@fastify\/[^/]+|pg|jose|prom-client)\/|\/dist\/server\/(app|server|console|context)\.js$/;

interface Traced {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly loaded: string[];
}

/** Runs `node ...args` (with the trace, when asked) without the caller's TESSERA_* settings. */
function node(args: readonly string[], cwd: string, options: { trace?: boolean } = {}): Promise<Traced> {
  const env: NodeJS.ProcessEnv = withoutTesseraSettings();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.trace === true ? ['--import', MODULE_TRACE] : []), ...args],
      { cwd, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        const lines = stderr.split('\n');
        resolve({
          code,
          stdout,
          stderr: lines.filter((line) => !line.startsWith('loaded ') && line !== '').join('\n'),
          loaded: loadedFiles(stderr),
        });
      },
    );
  });
}

describe('the tessera command starts light', () => {
  let directory: string;
  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'tessera-startup-'));
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  test('commands that need no server run the compiled CLI without loading the HTTP server, fastify or pg', async () => {
    const database = join(directory, 'tessera.db');
    const commands: string[][] = [
      ['--help'],
      ['init', '--database', database],
      ['check', 'admin', 'project:edit', 'organization/default', '--database', database],
      ['explain', 'admin', 'project:edit', 'organization/default', '--database', database],
      ['export', '--database', database],
      ['user', 'list', '--database', database],
    ];
    for (const args of commands) {
      const result = await node([BIN, ...args], directory, { trace: true });
      assert.equal(result.code, 0, `tessera ${args.join(' ')}: ${result.stderr}`);
      assert.ok(
        result.loaded.some((url) => url.endsWith('/dist/cli/main.js')),
        `tessera ${args[0]} runs the compiled CLI`,
      );
      assert.ok(!result.loaded.some((url) => url.endsWith('.ts')), `tessera ${args[0]} loads no TypeScript`);
      assert.ok(
        !result.loaded.some((url) => /\/node_modules\/tsx\//.test(url)),
        `tessera ${args[0]} loads no TypeScript loader`,
      );
      const server = result.loaded.filter((url) => SERVER_MODULES.test(url));
      assert.deepEqual(server, [], `tessera ${args[0]} loads no server module`);
    }
  });

  test('the same trace sees the server modules where the server is loaded', async () => {
    // So the test above can fail: what `serve` imports once it runs is caught.
    const server = new URL('../../dist/server/server.js', import.meta.url).href;
    const result = await node(['--input-type=module', '-e', `await import(${JSON.stringify(server)})`], directory, {
      trace: true,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(
      result.loaded.some((url) => SERVER_MODULES.test(url)),
      'the compiled server is seen',
    );
  });

  test('without a build, bin/tessera.js says to run npm run build in one line and exits 1', async () => {
    const copy = join(directory, 'unbuilt');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    copyFileSync(BIN, join(copy, 'bin', 'tessera.js'));
    const result = await node([join(copy, 'bin', 'tessera.js'), '--help'], directory);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'tessera: the CLI is not built: run `npm run build` first');
  });
});

describe("the serve banner's database", () => {
  test('names a PostgreSQL server, database and user but never the password', () => {
    const text = databaseDescription('postgres://tessera:s3cret@db.example.com:5432/access?sslmode=require&password=x');
    assert.equal(text, 'PostgreSQL db.example.com:5432/access as tessera');
    assert.ok(!text.includes('s3cret'));
    assert.equal(databaseDescription('postgresql://localhost/tessera'), 'PostgreSQL localhost/tessera');
  });

  test('names a SQLite file by its full path', () => {
    assert.equal(databaseDescription('/var/lib/tessera/tessera.db'), 'SQLite /var/lib/tessera/tessera.db');
    assert.equal(databaseDescription(join('data', 'x.db')), `SQLite ${join(process.cwd(), 'data', 'x.db')}`);
    assert.equal(databaseDescription(':memory:'), 'SQLite, in memory');
  });
});
