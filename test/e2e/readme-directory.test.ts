import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type TestServer, startTestServer } from '../server/harness.js';
import { slapdMissing } from '../support/slapd.js';

/**
 * The README's directory tour, run as written: its one sh block, in the repository, against a
 * fresh server, with its own private slapd. Skipped where Debian's slapd is not installed.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const missing = slapdMissing();

function directoryTour(): string {
  const at = readme.indexOf('## A directory tour');
  assert.ok(at >= 0, 'the README has a directory tour');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(block !== null, 'the directory tour has a sh block');
  return block[1]!;
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

describe("the README's directory tour", { skip: missing ?? false, timeout: 120_000 }, () => {
  let server: TestServer;
  // The tour's mktemp lands here, so a slapd it left running (a failed step) is found and stopped.
  const scratch = mkdtempSync(join(tmpdir(), 'tessera-readme-directory-'));
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(async () => {
    for (const entry of readdirSync(scratch)) {
      const pidfile = join(scratch, entry, 'slapd.pid');
      if (!existsSync(pidfile)) continue;
      try {
        process.kill(Number(readFileSync(pidfile, 'utf8').trim()), 'SIGTERM');
      } catch {
        // already stopped by the tour's last command
      }
    }
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('an LDAP user signs in, enrols TOTP, and signs in again with the password and a code', async () => {
    const tour = spawn('bash', ['-e', '-o', 'pipefail', '-c', directoryTour()], {
      cwd: root,
      env: {
        ...process.env,
        TESSERA: server.url,
        TESSERA_PASSWORD: server.adminPassword,
        LDAP_PORT: String(await freePort()),
        TMPDIR: scratch,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    tour.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    tour.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => tour.on('exit', resolve));
    assert.equal(code, 0, `the directory tour failed:\n${output}`);
    assert.match(output, /usersAdded: 4/, 'the store was synchronised when added');
    assert.match(output, /^10 recovery codes, shown once$/m);
    assert.match(output, /name: 'CORP-LDAP\/alice'/, 'the second step answered her session');
    const alice = server.store.engine.user('CORP-LDAP/alice');
    assert.ok(alice !== undefined);
    const enrolled = (await server.store.audit({ target: `user:${alice.id}` })).find(
      (e) => e.action === 'two-factor.enrol',
    );
    assert.ok(enrolled !== undefined, 'the enrolment is audited');
  });
});
