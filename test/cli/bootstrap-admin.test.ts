import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { HOME_ORGANIZATION_KEY } from '../../src/server/bootstrap.js';
import { verifyPassword } from '../../src/server/passwords.js';
import { createSqliteStore } from '../../src/store/index.js';
import { type CliResult, runTessera } from '../support/tessera-cli.js';

const run = (args: readonly string[], env: Record<string, string>, cwd: string): Promise<CliResult> =>
  runTessera(args, { env, cwd });

/** Reads the database as the server would: the account's hash, the user, whether they administer the installation. */
async function inspect(database: string, username: string) {
  const store = await createSqliteStore({ database, followIntervalMs: 0 });
  try {
    const user = store.engine.user(username);
    const home = await store.database
      .selectFrom('server_meta')
      .select('value')
      .where('key', '=', HOME_ORGANIZATION_KEY)
      .executeTakeFirst();
    const account =
      user === undefined
        ? undefined
        : await store.database
            .selectFrom('accounts')
            .select('password_hash')
            .where('user_id', '=', user.id)
            .executeTakeFirst();
    const administers =
      user !== undefined &&
      home !== undefined &&
      store.engine.allowed(user.id, 'user:manage', 'organization', home.value);
    const audit = user === undefined ? [] : await store.audit({ target: `user:${user.id}` });
    return { user, home: home?.value, hash: account?.password_hash, administers, audit };
  } finally {
    await store.close();
  }
}

describe('a busy port and admin recovery', () => {
  let directory: string;
  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'tessera-recovery-'));
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  test('serve on a busy port fails in one line with exit 1 and creates no installation, so no password is lost', async () => {
    const database = join(directory, 'busy', 'tessera.db');
    const occupier: Server = createServer();
    await new Promise<void>((resolve) => occupier.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (occupier.address() as { port: number }).port;
    try {
      const result = await run(
        ['serve', '--port', String(port), '--log-level', 'silent'],
        { TESSERA_DATABASE: database },
        directory,
      );
      assert.equal(result.code, 1);
      assert.equal(
        result.stderr,
        `tessera: 127.0.0.1:${port} is already in use: stop what listens there or choose another port (--port)\n`,
      );
      assert.doesNotMatch(result.stdout, /listening/);
    } finally {
      await new Promise((resolve) => occupier.close(resolve));
    }
    const after = await inspect(database, 'admin');
    assert.equal(after.home, undefined, 'bootstrap did not run');
    assert.equal(after.user, undefined, 'no admin account whose password nobody saw');
    const init = await run(['init'], { TESSERA_DATABASE: database }, directory);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /password: \S+/, 'the first successful start shows the generated password');
  });

  test('serve with an out-of-range TESSERA_PASSWORD_COST fails in one line before creating anything', async () => {
    const database = join(directory, 'cost', 'tessera.db');
    const result = await run(
      ['serve', '--port', '0', '--log-level', 'silent'],
      { TESSERA_DATABASE: database, TESSERA_PASSWORD_COST: '9' },
      directory,
    );
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      'tessera: TESSERA_PASSWORD_COST must be an integer from 10 to 20 (scrypt\'s N = 2^cost), not "9"\n',
    );
    assert.equal(existsSync(database), false, 'no database was created');
  });

  describe('tessera bootstrap-admin', () => {
    let database: string;
    before(async () => {
      database = join(directory, 'recover', 'tessera.db');
      const init = await run(['init'], { TESSERA_DATABASE: database }, directory);
      assert.equal(init.code, 0, init.stderr);
    });

    test('user creates a new account holding the admin role at the home organization, its generated password shown once, audited', async () => {
      const result = await run(
        ['bootstrap-admin', 'user', '--username', 'rescue', '--database', database],
        {},
        directory,
      );
      assert.equal(result.code, 0, result.stderr);
      const password = /password: (\S+)/.exec(result.stdout)?.[1];
      assert.ok(password !== undefined, result.stdout);
      const found = await inspect(database, 'rescue');
      assert.equal(found.user?.status, 'active');
      assert.equal(found.administers, true);
      assert.equal(await verifyPassword(password, found.hash!), true);
      assert.ok(found.audit.some((e) => e.action === 'admin.bootstrap' && /^cli:/.test(e.actor.name ?? '')));

      const again = await run(
        ['bootstrap-admin', 'user', '--username', 'rescue', '--database', database],
        {},
        directory,
      );
      assert.equal(again.code, 1);
      assert.match(again.stderr, /^tessera: user "PRIMARY\/rescue" already exists/);
      assert.equal(again.stderr.trim().split('\n').length, 1);
    });

    test('password resets an existing user to TESSERA_ADMIN_PASSWORD without printing it, audited', async () => {
      const result = await run(
        ['bootstrap-admin', 'password', 'admin', '--database', database],
        { TESSERA_ADMIN_PASSWORD: 'recovered-password-1' },
        directory,
      );
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stdout, /recovered-password-1/);
      const found = await inspect(database, 'admin');
      assert.equal(await verifyPassword('recovered-password-1', found.hash!), true);
      assert.ok(found.audit.some((e) => e.action === 'user.password' && /^cli:/.test(e.actor.name ?? '')));
      const unknown = await run(['bootstrap-admin', 'password', 'nobody', '--database', database], {}, directory);
      assert.equal(unknown.code, 1);
      assert.equal(unknown.stderr, 'tessera: user "nobody" does not exist\n');
    });
  });
});
