import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { Client as LdapClient } from 'ldapts';
import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import { secretBoxFor } from '../../src/server/secret-box.js';
import { withDirectoryWrites } from '../../src/server/user-stores/directory-writes.js';
import type { Store } from '../../src/store/index.js';
import { type Slapd, slapdMissing, startSlapd } from '../support/slapd.js';
import { runTesseraInProcess } from '../support/tessera-in-process.js';
import { type TestServer, assertProblem, startTestServer } from './harness.js';
import { type TestSmtpServer, startSmtpServer } from './smtp.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'ldap', 'corp.ldif');
const PEOPLE = 'ou=people,dc=corp,dc=example';
const GROUPS = 'ou=groups,dc=corp,dc=example';
const missing = slapdMissing();
process.env.TESSERA_SECRET_KEY = 'ldap-store-mode-test-key';

describe('switching an LDAP store between read-only and read-write, and what a read-write store writes back', {
  skip: missing ?? false,
}, () => {
  let slapd: Slapd;
  let smtp: TestSmtpServer;
  let server: TestServer;
  const STORE = 'CORP';
  /** The directory as its root DN sees it. */
  const directory = <T>(work: (client: LdapClient) => Promise<T>): Promise<T> => slapd.asRoot(work);
  const entry = (dn: string) => slapd.entry(dn);
  const user = (username: string) =>
    server.store.engine.users().find((u) => u.store === STORE && u.username === username);
  const userStore = () => server.store.engine.userStores().find((s) => s.name === STORE);
  const sync = async () => {
    const synced = await server.admin.post(`/v1/ldap-stores/${STORE}/sync`);
    assert.equal(synced.status, 200, JSON.stringify(synced.body));
    return synced.body;
  };
  const signIn = (username: string, password: string) =>
    server.anonymous.post('/v1/session', { username: `${STORE}/${username}`, password, mode: 'token' });
  const audited = async (action: string) =>
    server.store.database.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  before(async () => {
    slapd = await startSlapd({ ldif: [FIXTURE] });
    smtp = await startSmtpServer();
    server = await startTestServer('SQLite', { smtpUrl: smtp.url });
    assert.equal((await server.admin.post('/v1/organizations', { name: 'acme' })).status, 201);
    const added = await server.admin.post('/v1/ldap-stores', {
      name: STORE,
      organization: 'acme',
      url: slapd.url,
      bindDn: slapd.rootDn,
      bindPassword: slapd.rootPassword,
      userBaseDn: PEOPLE,
      groupBaseDn: GROUPS,
      syncIntervalSeconds: 86_400,
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.ldapStore.readOnly, true);
  });
  after(async () => {
    await server?.close();
    await smtp?.close();
    await slapd?.stop();
  });

  test('PATCH switches a store to read-write and back; a bad write config is refused and changes nothing', async () => {
    const revision = server.store.revision;
    // New users' base outside the user base DN: refused as at creation, and nothing changes.
    assertProblem(
      await server.admin.patch(`/v1/ldap-stores/${STORE}`, {
        readOnly: false,
        write: { userBaseDn: 'ou=services,dc=corp,dc=example' },
      }),
      400,
      'validation',
    );
    assertProblem(
      await server.admin.patch(`/v1/ldap-stores/${STORE}`, {
        readOnly: false,
        write: { groupObjectClasses: [] },
      }),
      400,
      'validation',
    );
    assert.equal((await server.admin.get(`/v1/ldap-stores/${STORE}`)).body.readOnly, true);
    assert.equal(userStore()?.readOnly, true);
    assert.equal(server.store.revision, revision);
    assertProblem(
      await server.admin.post('/v1/users', { username: 'erin', store: STORE, password: 'erin-ldap-1' }),
      409,
      'read-only-store',
    );

    const switched = await server.admin.patch(`/v1/ldap-stores/${STORE}`, { readOnly: false });
    assert.equal(switched.status, 200, JSON.stringify(switched.body));
    assert.equal(switched.body.readOnly, false);
    assert.equal(userStore()?.readOnly, false);
    const created = await server.admin.post('/v1/users', {
      username: 'erin',
      store: STORE,
      email: 'erin@corp.example',
      password: 'erin-ldap-1',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await entry(`uid=erin,${PEOPLE}`))?.mail, 'erin@corp.example');

    const back = await server.admin.patch(`/v1/ldap-stores/${STORE}`, { readOnly: true });
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal(back.body.readOnly, true);
    assert.deepEqual(back.body.write.userObjectClasses, ['inetOrgPerson'], 'the write settings are kept');
    assertProblem(
      await server.admin.post('/v1/users', { username: 'fred', store: STORE, password: 'fred-ldap-1' }),
      409,
      'read-only-store',
    );
    assertProblem(
      await server.admin.patch(`/v1/users/${created.body.user.id}`, { email: 'erin@example.org' }),
      409,
      'read-only-store',
    );
    // A read-only store's password, status and group description stay refused, as the gate says.
    assertProblem(
      await server.admin.put(`/v1/users/${created.body.user.id}/password`, { password: 'erin-ldap-9' }),
      409,
      'read-only-store',
    );
    assertProblem(
      await server.admin.patch(`/v1/users/${created.body.user.id}`, { status: 'disabled' }),
      409,
      'read-only-store',
    );
    const developers = server.store.engine.groups().find((g) => g.name === `${STORE}/developers`)!;
    assertProblem(
      await server.admin.patch(`/v1/groups/${developers.id}`, { description: 'nope' }),
      409,
      'read-only-store',
    );
    assert.equal((await signIn('erin', 'erin-ldap-1')).status, 200, 'the directory password is unchanged');
    assert.equal(await entry(`uid=fred,${PEOPLE}`), null);
    const updates = await audited('userStore.update');
    assert.equal(updates.length, 2, 'each switch is audited');
    assert.match(updates[1]!.effects, /"readOnly":true/);
    assert.equal((await server.admin.patch(`/v1/ldap-stores/${STORE}`, { readOnly: false })).status, 200);
  });

  test('a password changed later is written to the directory: sign-in binds with the new one, not the old', async () => {
    const erin = user('erin')!;
    assert.equal((await signIn('erin', 'erin-ldap-1')).status, 200);
    const changed = await server.admin.put(`/v1/users/${erin.id}/password`, { password: 'erin-ldap-2' });
    assert.equal(changed.status, 204, JSON.stringify(changed.body));
    assertProblem(await signIn('erin', 'erin-ldap-1'), 401, 'invalid-credentials');
    const session = await signIn('erin', 'erin-ldap-2');
    assert.equal(session.status, 200, JSON.stringify(session.body));
    // The directory hashes it (RFC 3062's Password Modify): never the clear text.
    const stored = String((await entry(`uid=erin,${PEOPLE}`))?.userPassword);
    assert.notEqual(stored, 'erin-ldap-2');
    // Tessera keeps no hash of a directory's password.
    const account = await server.store.database
      .selectFrom('accounts')
      .select('user_id')
      .where('user_id', '=', erin.id)
      .executeTakeFirst();
    assert.equal(account, undefined);

    // Erin changes her own, with the current one.
    const own = await server.signIn(`${STORE}/erin`, 'erin-ldap-2');
    const mine = await own.put(`/v1/users/${erin.id}/password`, {
      password: 'erin-ldap-3',
      currentPassword: 'erin-ldap-2',
    });
    assert.equal(mine.status, 204, JSON.stringify(mine.body));
    assert.equal((await signIn('erin', 'erin-ldap-3')).status, 200);
    assertProblem(await signIn('erin', 'erin-ldap-2'), 401, 'invalid-credentials');

    // A password-reset link mailed to her sets it in the directory too.
    const asked = await server.anonymous.post('/v1/password-reset', { user: `${STORE}/erin` });
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    const link = /\/console\/reset-password\?token=([A-Za-z0-9_%-]+)/.exec((await smtp.next('erin@corp.example')).text);
    assert.ok(link !== null, 'the mail holds a reset link');
    const reset = await server.anonymous.post('/v1/password-reset/confirm', {
      token: decodeURIComponent(link[1]!),
      password: 'erin-ldap-3b',
    });
    assert.equal(reset.status, 204, JSON.stringify(reset.body));
    assert.equal((await signIn('erin', 'erin-ldap-3b')).status, 200);
    assertProblem(await signIn('erin', 'erin-ldap-3'), 401, 'invalid-credentials');
  });

  test("a group's description changed later is written to the directory and survives a sync", async () => {
    const developers = server.store.engine.groups().find((g) => g.name === `${STORE}/developers`)!;
    const changed = await server.admin.patch(`/v1/groups/${developers.id}`, { description: 'builds things' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await entry(`cn=developers,${GROUPS}`))?.description, 'builds things');
    const quiet = await sync();
    assert.equal(quiet.revision, null, JSON.stringify(quiet.summary));
    assert.equal(server.store.engine.group(developers.id)?.description, 'builds things');
  });

  test('a user disabled in Tessera stays disabled after a sync; enabled again, stays enabled', async () => {
    const bob = user('bob')!;
    assert.equal(bob.status, 'active');
    const disabled = await server.admin.patch(`/v1/users/${bob.id}`, { status: 'disabled' });
    assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
    const after = await sync();
    assert.equal(after.summary.usersUpdated, 0, JSON.stringify(after.summary));
    assert.equal(user('bob')?.status, 'disabled');
    assertProblem(await signIn('bob', 'bob-ldap-1'), 401, 'invalid-credentials');
    // Decisions use the state the admin set: a disabled user is allowed nothing.
    const check = await server.admin.post('/v1/check', {
      user: bob.id,
      permission: 'organization:view',
      resource: { type: 'organization', id: 'acme' },
    });
    assert.equal(check.status, 200, JSON.stringify(check.body));
    assert.equal(check.body.allowed, false);

    const enabled = await server.admin.patch(`/v1/users/${bob.id}`, { status: 'active' });
    assert.equal(enabled.status, 200, JSON.stringify(enabled.body));
    await sync();
    assert.equal(user('bob')?.status, 'active');
    assert.equal((await signIn('bob', 'bob-ldap-1')).status, 200);
  });

  test('a user whose entry is gone cannot be enabled in Tessera (a sync would disable them again)', async () => {
    await directory((client) => client.del(`uid=dan,${PEOPLE}`));
    await sync();
    const dan = user('dan')!;
    assert.equal(dan.status, 'disabled');
    assertProblem(await server.admin.patch(`/v1/users/${dan.id}`, { status: 'active' }), 409, 'directory-refused');
    assert.equal(user('dan')?.status, 'disabled');
  });

  test('an undo the directory refuses is audited, logged, counted, and starts a sync', async () => {
    const counted: [string, number][] = [];
    const logged: { details: object; message: string }[] = [];
    // Tessera's write fails after the directory was written, and the entry has gained a child by
    // then, so the compensating delete is refused (not allowed on a non-leaf).
    const failing = new Proxy(server.store, {
      get(target, property) {
        if (property === 'write')
          return async (...args: Parameters<Store['write']>) => {
            if (args[1].userStoreSync === true) return target.write(...args);
            await directory((client) =>
              client.add(`cn=child,uid=hank,${PEOPLE}`, { objectClass: 'organizationalRole', cn: 'child' }),
            );
            throw new Error('the database went away');
          };
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const writing = withDirectoryWrites(failing, secretBoxFor(server.database), {
      countUndoFailures: (name, count) => counted.push([name, count]),
      log: { error: (details, message) => logged.push({ details, message }) },
    });
    const id = randomUUID();
    await assert.rejects(
      writing.write([{ op: 'user.put', user: { id, username: 'hank', store: STORE, email: null, status: 'active' } }], {
        actor: SYSTEM_ACTOR,
      }),
      /the database went away/,
    );
    assert.ok(await entry(`uid=hank,${PEOPLE}`), 'the undo was refused: the entry stays');

    const [entryOf] = await audited('userStore.undoFailed');
    assert.ok(entryOf, 'the failed undo is audited');
    assert.match(entryOf.effects, /delete the new entry uid=hank/);
    assert.match(entryOf.effects, /the database went away/);
    assert.equal(logged.length, 1);
    assert.match(logged[0]!.message, /refused their undo/);
    assert.deepEqual(counted, [['CORP', 1]], 'counted once, for its store');
    // The synchronisation it started brings what the directory kept into Tessera.
    for (let i = 0; i < 100 && user('hank') === undefined; i++) await sleep(50);
    assert.ok(user('hank'), 'the sync brought hank in');
    // The server counts it in /metrics too.
    const served = await server.anonymous.get('/metrics');
    assert.match(served.body as string, /# TYPE tessera_user_store_undo_failures_total counter/);
  });

  // Last: the in-process CLI takes over standard output while it runs (the test reporter's too,
  // so it is given a moment to print the previous test first).
  test('the CLI resets a directory user’s password in the directory, and switches a store: tessera store update --read-only', async () => {
    await sleep(100);
    process.env.TESSERA_ADMIN_PASSWORD = 'erin-ldap-4';
    try {
      const reset = await runTesseraInProcess([
        'bootstrap-admin',
        'password',
        `${STORE}/erin`,
        '--database',
        server.database,
      ]);
      assert.match(reset, /Reset the password of CORP\/erin/);
    } finally {
      delete process.env.TESSERA_ADMIN_PASSWORD;
    }
    assert.equal((await signIn('erin', 'erin-ldap-4')).status, 200);
    assertProblem(await signIn('erin', 'erin-ldap-3b'), 401, 'invalid-credentials');
    const printed = await runTesseraInProcess(['store', 'update', STORE, '--read-only', '--database', server.database]);
    assert.match(printed, /Updated the read-only LDAP user store CORP/);
    await server.store.sync();
    assert.equal(userStore()?.readOnly, true);
    assert.equal((await server.admin.get(`/v1/ldap-stores/${STORE}`)).body.readOnly, true);
  });
});
