import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { localSqlitePrebuild } from './native-prebuild.js';

/**
 * The README's own commands, as a newcomer runs them: in a fresh copy of the repository, its first
 * command installs and starts Tessera; its five-minute tour then runs against that server.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The commands of the README's first code block, without their trailing comments. */
function firstCommands(): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(readme);
  assert.ok(block !== null, 'the README starts with a sh block');
  return block[1]!
    .trim()
    .split('\n')
    .map((line) => line.replace(/\s+#\s[^'"]*$/, '').trim());
}

function tourScript(): string {
  const at = readme.indexOf('## A five-minute tour');
  assert.ok(at >= 0, 'the README has a five-minute tour');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(block !== null);
  return block[1]!;
}

/** The repository's files as a fresh clone has them (tracked and new, not ignored). */
function copyRepository(to: string): void {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const from = join(root, file);
    try {
      mkdirSync(dirname(join(to, file)), { recursive: true });
      cpSync(from, join(to, file));
    } catch (error) {
      // A file listed by git but deleted in the working tree.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
  output: { text: string },
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output.text.slice(-3000)}`)),
      timeoutMs,
    );
    const check = (): void => {
      const match = pattern.exec(output.text);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}; output:\n${output.text.slice(-3000)}`));
    });
    check();
  });
}

describe("the README's commands on a fresh copy", { timeout: 20 * 60_000 }, () => {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-readme-'));
  let server: ChildProcess | undefined;
  after(async () => {
    if (server?.pid !== undefined && server.exitCode === null) {
      process.kill(-server.pid, 'SIGTERM');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    rmSync(directory, { recursive: true, force: true });
  });

  test('the first command installs and starts Tessera with the choreo preset, and the tour runs against it', async () => {
    const [start, tests] = firstCommands();
    assert.ok(start !== undefined && tests !== undefined, 'two commands: start, then test');
    assert.match(tests, /npm test/);
    assert.match(readFileSync(join(root, '.ci/run'), 'utf8'), /npm test/, ".ci/run runs the README's test command");
    copyRepository(join(directory, 'repository'));
    // The native SQLite module the repository's own install built, so the copy's npm ci doesn't compile it again.
    const prebuild = localSqlitePrebuild(root, join(directory, 'prebuilds'));

    const output = { text: '' };
    // A free port: the newcomer's 8080 may be taken on a CI machine.
    server = spawn('bash', ['-c', start], {
      cwd: join(directory, 'repository'),
      env: { ...process.env, ...prebuild, TESSERA_PORT: '0' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    const [, url] = await waitForOutput(server, /listening on (http:\/\/\S+)/, 15 * 60_000, output);
    const [, password] = await waitForOutput(server, /password: (\S+)/, 30_000, output);
    assert.match(output.text, /Docs:\s+http:\/\/\S+\/docs/);
    assert.match(output.text, /Console:\s+http:\/\/\S+\/console/);
    assert.match(output.text, /username: admin/);

    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal((await fetch(`${url}/docs/`)).status, 200);
    const openapi = (await (await fetch(`${url}/openapi.json`)).json()) as { openapi: string };
    assert.equal(openapi.openapi, '3.1.0');

    const tour = spawn('bash', ['-e', '-c', tourScript()], {
      cwd: join(directory, 'repository'),
      env: { ...process.env, TESSERA: url!, TESSERA_PASSWORD: password! },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tourOutput = '';
    tour.stdout.on('data', (chunk: Buffer) => (tourOutput += chunk.toString()));
    tour.stderr.on('data', (chunk: Buffer) => (tourOutput += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => tour.on('exit', resolve));
    assert.equal(code, 0, `the tour failed:\n${tourOutput}`);
    assert.match(tourOutput, /"allowed":true/);
    assert.match(tourOutput, /"allowed":false/);
    assert.match(tourOutput, /^yes$/m);
    assert.match(tourOutput, /group\.member\.add/);
    assert.match(tourOutput, /0 created, 0 changed/);
  });
});
