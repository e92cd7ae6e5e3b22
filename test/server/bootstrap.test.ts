import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { bootstrap } from '../../src/server/bootstrap.js';
import { DEFAULT_SETTINGS, type ServerSettings } from '../../src/server/config.js';
import { verifyPassword } from '../../src/server/passwords.js';
import { createSqliteStore } from '../../src/store/index.js';
import { startTestServer } from './harness.js';

const directory = mkdtempSync(join(tmpdir(), 'tessera-bootstrap-'));
after(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;

async function fresh(settings: Partial<ServerSettings> = {}) {
  const store = await createSqliteStore({ database: join(directory, `b${files++}.db`), followIntervalMs: 0 });
  const result = await bootstrap(store, { ...DEFAULT_SETTINGS, ...settings });
  return { store, result };
}

describe('admin bootstrap (docs/administration.md#the-admin-bootstrap)', () => {
  test('the first start creates the super admin with a generated password that is never a guessable default', async () => {
    const passwords = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const { store, result } = await fresh();
      try {
        const password = result.generatedPassword;
        assert.ok(password !== null);
        assert.ok(password.length >= 20, 'long enough to resist guessing');
        assert.ok(/[A-Z]/.test(password) || /[0-9_-]/.test(password));
        for (const guessable of ['admin', 'password', 'tessera', 'changeme', result.adminUsername ?? '']) {
          assert.equal(
            password.toLowerCase().includes(guessable) && guessable.length > 0,
            false,
            `contains "${guessable}"`,
          );
        }
        passwords.add(password);
        const admin = store.engine.user('PRIMARY/admin')!;
        const account = await store.database
          .selectFrom('accounts')
          .selectAll()
          .where('user_id', '=', admin.id)
          .executeTakeFirstOrThrow();
        assert.equal(account.password_hash.includes(password), false, 'stored hashed');
        assert.match(account.password_hash, /^scrypt\$/);
        assert.equal(await verifyPassword(password, account.password_hash), true);
      } finally {
        await store.close();
      }
    }
    assert.equal(passwords.size, 3, 'a different password on every installation');
  });

  test('the super admin holds the admin role in the home organization, through its Admin group in the choreo preset', async () => {
    const { store, result } = await fresh();
    try {
      const admin = store.engine.user('admin')!;
      const adminGroup = store.engine.findGroup(result.home, 'Admin')!;
      assert.ok(store.engine.members(adminGroup.id).includes(admin.id));
      assert.equal(store.engine.allowed(admin.id, 'group:manage', 'organization', result.home), true);
      assert.equal(store.engine.organizations().find((o) => o.id === result.home)?.name, 'default');
    } finally {
      await store.close();
    }
  });

  test('a configured password is used and nothing is printed; a later start creates nothing', async () => {
    const file = join(directory, 'configured.db');
    const settings = { ...DEFAULT_SETTINGS, adminPassword: 'a configured secret' };
    let store = await createSqliteStore({ database: file, followIntervalMs: 0 });
    const first = await bootstrap(store, settings);
    assert.equal(first.created, true);
    assert.equal(first.generatedPassword, null);
    const revision = store.revision;
    await store.close();
    store = await createSqliteStore({ database: file, followIntervalMs: 0 });
    const second = await bootstrap(store, { ...DEFAULT_SETTINGS });
    assert.equal(second.created, false);
    assert.equal(second.generatedPassword, null);
    assert.equal(second.home, first.home);
    assert.equal(store.revision, revision, 'no write on a later start');
    await store.close();
  });

  test('the admin role name, the admin username and create_admin_account are configurable (WSO2 admin_role, username)', async () => {
    const named = await fresh({
      adminRole: 'Super Admin',
      adminUsername: 'root',
      preset: 'wso2-apim',
      organization: 'carbon.super',
    });
    try {
      const engine = named.store.engine;
      const role = engine.role(engine.settings.adminRole!)!;
      assert.equal(role.name, 'Super Admin');
      const root = engine.user('root')!;
      assert.equal(engine.allowed(root.id, 'settings:manage', 'organization', 'carbon.super'), true);
      assert.equal(engine.user('admin'), undefined);
    } finally {
      await named.store.close();
    }
    const none = await fresh({ createAdminAccount: false });
    try {
      assert.equal(none.result.adminUsername, null);
      assert.equal(none.result.generatedPassword, null);
      assert.equal(none.store.engine.users().length, 0);
      assert.notEqual(none.store.engine.settings.adminRole, null, 'the admin role exists without an account');
    } finally {
      await none.store.close();
    }
  });

  test('an unknown preset is refused with its name and the known ones', async () => {
    await assert.rejects(
      fresh({ preset: 'nonesuch' }),
      /unknown preset "nonesuch" \(known: choreo, wso2-apim, akana\)/,
    );
  });

  test('the bootstrapped admin signs in over HTTP with the password shown once', async () => {
    const server = await startTestServer('SQLite', { preset: 'akana' });
    try {
      const me = await server.admin.get('/v1/session');
      assert.equal(me.status, 200);
      assert.equal(me.body.user.name, 'PRIMARY/admin');
      assert.equal(me.body.homeOrganization, server.home.id);
    } finally {
      await server.close();
    }
  });
});
