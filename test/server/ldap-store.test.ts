import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { Attribute, Change, type Client as LdapClient } from 'ldapts';
import { type Slapd, slapdMissing, startSlapd } from '../support/slapd.js';
import { runTessera } from '../support/tessera-cli.js';
import { runTesseraInProcess } from '../support/tessera-in-process.js';
import { type TestServer, assertProblem, startTestServer } from './harness.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'ldap', 'corp.ldif');
const missing = slapdMissing();
// The server and the CLI seal and unseal bind secrets under this key (docs/user-stores.md#the-bind-secret).
process.env.TESSERA_SECRET_KEY = 'ldap-store-test-key';

describe('LDAP user stores, against a real OpenLDAP', { skip: missing ?? false }, () => {
  let slapd: Slapd;
  let server: TestServer;
  const settings = () => ({
    url: slapd.url,
    bindDn: 'cn=tessera,ou=services,dc=corp,dc=example',
    bindPassword: 'reader-secret',
    userBaseDn: 'ou=people,dc=corp,dc=example',
    groupBaseDn: 'ou=groups,dc=corp,dc=example',
  });
  /** Changes the directory as its root DN, as its own administrators would. */
  const directory = (work: (client: LdapClient) => Promise<void>) => slapd.asRoot(work);
  const member = (operation: 'add' | 'delete', group: string, uid: string) =>
    directory((client) =>
      client.modify(
        `cn=${group},ou=groups,dc=corp,dc=example`,
        new Change({
          operation,
          modification: new Attribute({ type: 'member', values: [`uid=${uid},ou=people,dc=corp,dc=example`] }),
        }),
      ),
    );
  const allowed = async (user: string) =>
    (
      await server.admin.post('/v1/check', {
        user,
        permission: 'project:edit',
        resource: { type: 'project', id: 'acme/web' },
      })
    ).body.allowed as boolean;
  const signIn = (username: string, password: string) =>
    server.anonymous.post('/v1/session', { username, password, mode: 'token' });

  before(async () => {
    slapd = await startSlapd({ ldif: [FIXTURE] });
    server = await startTestServer('SQLite');
    assert.equal((await server.admin.post('/v1/organizations', { name: 'acme' })).status, 201);
    assert.equal((await server.admin.post('/v1/organizations/acme/projects', { name: 'web' })).status, 201);
  });
  after(async () => {
    await server?.close();
    await slapd?.stop();
  });

  test('test connection counts what the filters match, and names wrong credentials and an unreachable directory', async () => {
    const ok = await server.admin.post('/v1/ldap-stores/test', settings());
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual({ users: ok.body.users, groups: ok.body.groups }, { users: 4, groups: 2 });
    assertProblem(
      await server.admin.post('/v1/ldap-stores/test', { ...settings(), bindPassword: 'wrong' }),
      422,
      'directory-credentials',
    );
    const down = await server.admin.post('/v1/ldap-stores/test', { ...settings(), url: 'ldap://127.0.0.1:1' });
    assertProblem(down, 503, 'directory-unavailable');
    assert.ok(down.headers.get('retry-after'));
    assertProblem(
      await server.admin.post('/v1/ldap-stores/test', { ...settings(), userBaseDn: 'ou=nobody,dc=corp,dc=example' }),
      422,
      'directory-invalid',
    );
    assertProblem(
      await server.admin.post('/v1/ldap-stores/test', { ...settings(), userFilter: '(uid=alice' }),
      400,
      'validation',
    );
  });

  test('adding a store refuses a filter that matches nothing, wrong credentials and a dead directory, writing nothing', async () => {
    const revision = server.store.revision;
    const add = (extra: object) =>
      server.admin.post('/v1/ldap-stores', { name: 'CORP-LDAP', organization: 'acme', ...settings(), ...extra });
    assertProblem(await add({ userFilter: '(uid=nobody-here)' }), 422, 'directory-no-match');
    assertProblem(await add({ bindPassword: 'wrong' }), 422, 'directory-credentials');
    assertProblem(await add({ url: 'ldap://127.0.0.1:1' }), 503, 'directory-unavailable');
    assert.equal(server.store.revision, revision);
    assert.equal(
      server.store.engine.userStores().some((s) => s.name === 'CORP-LDAP'),
      false,
    );
    assertProblem(await server.admin.get('/v1/ldap-stores/CORP-LDAP'), 404, 'not-found');
  });

  test('an added store is synchronised: domain-qualified users and groups, the secret stored encrypted and never answered', async () => {
    const added = await server.admin.post('/v1/ldap-stores', {
      name: 'CORP-LDAP',
      description: 'the corporate directory',
      organization: 'acme',
      ...settings(),
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(JSON.stringify(added.body).includes('reader-secret'), false);
    assert.equal(added.body.sync.ok, true);
    assert.deepEqual(
      { users: added.body.sync.summary.usersAdded, groups: added.body.sync.summary.groupsAdded },
      { users: 4, groups: 2 },
    );
    const store = await server.admin.get('/v1/user-stores/CORP-LDAP');
    assert.equal(store.body.readOnly, true);
    const read = await server.admin.get('/v1/ldap-stores/CORP-LDAP');
    assert.equal(read.status, 200);
    assert.equal(JSON.stringify(read.body).includes('reader-secret'), false);
    assert.equal(read.body.lastSync.ok, true);
    assert.equal(read.body.directory.status, 'connected');
    // At rest: sealed, not in clear, in the same database.
    const { rows } = await sql<{ bind_secret: string }>`select bind_secret from ldap_stores`.execute(
      server.store.database,
    );
    assert.equal(rows.length, 1);
    assert.match(rows[0]!.bind_secret, /^v1:/);
    assert.equal(rows[0]!.bind_secret.includes('reader-secret'), false);

    const alice = await server.admin.get('/v1/users/CORP-LDAP%2Falice');
    assert.equal(alice.status, 200);
    assert.equal(alice.body.email, 'alice@corp.example');
    const audit = await server.store.audit({ target: 'userStore:CORP-LDAP' });
    const sync = audit.find((e) => e.action === 'userStore.sync');
    assert.ok(sync !== undefined, 'the synchronisation is in the audit log');
    assert.ok(sync.effects.some((e) => e.kind === 'user' && (e.after as { username?: string }).username === 'alice'));
  });

  test('external groups map to roles like internal ones, and users sign in by an LDAP bind', async () => {
    const developers = server.store.engine.findGroup(
      server.store.engine.organizations().find((o) => o.name === 'acme')!.id,
      'CORP-LDAP/developers',
    );
    assert.ok(developers !== undefined, 'groups are named with their domain, like users');
    assert.equal(developers.store, 'CORP-LDAP');
    const mapped = await server.admin.post('/v1/mappings', {
      role: 'Developer',
      subject: { kind: 'group', id: developers.id },
      target: { type: 'project', id: 'acme/web' },
    });
    assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
    assert.equal(await allowed('CORP-LDAP/alice'), true);
    assert.equal(await allowed('CORP-LDAP/carol'), false);

    const session = await signIn('CORP-LDAP/alice', 'alice-ldap-1');
    assert.equal(session.status, 200, JSON.stringify(session.body));
    assert.equal(session.body.user.name, 'CORP-LDAP/alice');
    assertProblem(await signIn('CORP-LDAP/alice', 'not-her-password'), 401, 'invalid-credentials');
    assertProblem(await signIn('CORP-LDAP/alice', 'alice-ldap-1x'), 401, 'invalid-credentials');
  });

  test('the store is read-only: its users, groups and memberships are not edited in Tessera', async () => {
    const developers = (await server.admin.get('/v1/ldap-stores/CORP-LDAP/groups?search=devel')).body.items[0];
    assert.equal(developers.name, 'developers');
    assertProblem(
      await server.admin.put(`/v1/groups/${developers.group}/members/CORP-LDAP%2Fcarol`),
      409,
      'read-only-store',
    );
    assertProblem(
      await server.admin.post('/v1/users', { username: 'eve', store: 'CORP-LDAP' }),
      409,
      'read-only-store',
    );
  });

  test('the directory is listed and searched page by page', async () => {
    const first = await server.admin.get('/v1/ldap-stores/CORP-LDAP/users?limit=3');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(
      first.body.items.map((u: { username: string }) => u.username),
      ['alice', 'bob', 'carol'],
    );
    assert.ok(first.body.items.every((u: { user: string | null }) => typeof u.user === 'string'));
    const second = await server.admin.get(`/v1/ldap-stores/CORP-LDAP/users?limit=3&after=${first.body.next}`);
    assert.deepEqual(
      second.body.items.map((u: { username: string }) => u.username),
      ['dan'],
    );
    assert.equal(second.body.next, null);
    const search = await server.admin.get('/v1/ldap-stores/CORP-LDAP/users?search=bob%40corp');
    assert.deepEqual(
      search.body.items.map((u: { username: string }) => u.username),
      ['bob'],
    );
    const groups = await server.admin.get('/v1/ldap-stores/CORP-LDAP/groups');
    assert.deepEqual(
      groups.body.items.map((g: { name: string; members: string[] }) => [g.name, g.members]),
      [
        ['admins', ['carol']],
        ['developers', ['alice', 'bob']],
      ],
    );
  });

  test('a membership change in the directory reaches decisions at "sync now", audited with who asked', async () => {
    await member('add', 'developers', 'dan');
    await member('delete', 'developers', 'bob');
    assert.equal(await allowed('CORP-LDAP/dan'), false, 'not before the synchronisation');
    assert.equal(await allowed('CORP-LDAP/bob'), true);
    const synced = await server.admin.post('/v1/ldap-stores/CORP-LDAP/sync');
    assert.equal(synced.status, 200, JSON.stringify(synced.body));
    assert.deepEqual(
      { added: synced.body.summary.membershipsAdded, removed: synced.body.summary.membershipsRemoved },
      { added: 1, removed: 1 },
    );
    assert.equal(await allowed('CORP-LDAP/dan'), true);
    assert.equal(await allowed('CORP-LDAP/bob'), false);
    const [entry] = await server.store.audit({ target: 'userStore:CORP-LDAP', limit: 1 });
    assert.equal(entry?.action, 'userStore.sync');
    assert.equal(entry?.actor.name, 'PRIMARY/admin');
    // Nothing changed since: a second sync writes nothing.
    const again = await server.admin.post('/v1/ldap-stores/CORP-LDAP/sync');
    assert.equal(again.body.revision, null);
  });

  test('a user deleted from the directory is disabled by the sync, and can no longer sign in', async () => {
    const carol = await signIn('CORP-LDAP/carol', 'carol-ldap-1');
    assert.equal(carol.status, 200);
    await directory((client) => client.del('uid=carol,ou=people,dc=corp,dc=example'));
    const synced = await server.admin.post('/v1/ldap-stores/CORP-LDAP/sync');
    assert.equal(synced.body.summary.usersDisabled, 1);
    assert.equal(server.store.engine.user('CORP-LDAP/carol')?.status, 'disabled');
    assertProblem(await signIn('CORP-LDAP/carol', 'carol-ldap-1'), 401, 'invalid-credentials');
    const session = await server.anonymous.request('GET', '/v1/session', undefined, {
      authorization: `Bearer ${carol.body.token}`,
    });
    assertProblem(session, 401, 'unauthorized');
  });

  test('a directory that is down blocks no decision, is reported in /healthz and /metrics, and a sync changes nothing', async () => {
    await slapd.pause();
    try {
      const revision = server.store.revision;
      assertProblem(await server.admin.post('/v1/ldap-stores/CORP-LDAP/sync'), 503, 'directory-unavailable');
      assert.equal(server.store.revision, revision);
      assert.equal(await allowed('CORP-LDAP/alice'), true);
      const health = await server.anonymous.get('/healthz');
      assert.equal(health.status, 200);
      assert.deepEqual(
        health.body.userStores.map((s: { name: string; directory: string }) => [s.name, s.directory]),
        [['CORP-LDAP', 'unavailable']],
      );
      const metrics = await server.anonymous.get('/metrics');
      assert.match(metrics.body as string, /tessera_user_store_directory_up\{store="CORP-LDAP"\} 0/);
      assertProblem(await signIn('CORP-LDAP/alice', 'alice-ldap-1'), 503, 'directory-unavailable');
      const read = await server.admin.get('/v1/ldap-stores/CORP-LDAP');
      assert.equal(read.body.lastSync.ok, false);
      assert.equal(read.body.lastSync.error.type, 'https://tessera.dev/problems/directory-unavailable');
    } finally {
      await slapd.start();
    }
    assert.equal((await server.admin.post('/v1/ldap-stores/CORP-LDAP/sync')).status, 200);
    const health = await server.anonymous.get('/healthz');
    assert.equal(health.body.userStores[0].directory, 'connected');
    assert.equal((await signIn('CORP-LDAP/alice', 'alice-ldap-1')).status, 200);
  });

  test('a filter changed to match nothing is refused, and the periodic sync brings directory changes within its interval', async () => {
    assertProblem(
      await server.admin.patch('/v1/ldap-stores/CORP-LDAP', { userFilter: '(uid=nobody-here)' }),
      422,
      'directory-no-match',
    );
    const patched = await server.admin.patch('/v1/ldap-stores/CORP-LDAP', { syncIntervalSeconds: 1 });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.userFilter, '(objectClass=inetOrgPerson)');
    await member('add', 'developers', 'bob');
    const deadline = Date.now() + 8000;
    while (!(await allowed('CORP-LDAP/bob')) && Date.now() < deadline) await sleep(200);
    assert.equal(await allowed('CORP-LDAP/bob'), true, 'the periodic sync added bob back within its interval');
    await server.admin.patch('/v1/ldap-stores/CORP-LDAP', { syncIntervalSeconds: 300 });
  });

  test('the CLI adds, lists, tests and synchronises LDAP stores on the database, with one readable line on failure', async () => {
    const inProcess = (args: string[]): Promise<string> =>
      runTesseraInProcess([...args, '--database', server.database]);
    const revision = server.store.revision;
    // A child process, for the password on standard input and the one-line error of `tessera`.
    const refused = await runTessera(
      [
        'store',
        'add',
        'CLI-LDAP',
        '--url',
        slapd.url,
        '--bind-dn',
        settings().bindDn,
        '--user-base-dn',
        settings().userBaseDn,
        '--bind-password-stdin',
        '--database',
        server.database,
      ],
      { input: 'not-the-secret\n', env: { TESSERA_SECRET_KEY: 'ldap-store-test-key' } },
    );
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(
      refused.stderr,
      /^tessera: the directory refused the bind DN "cn=tessera,ou=services,dc=corp,dc=example"/,
    );
    assert.equal(refused.stderr.trim().split('\n').length, 1);
    assert.match(
      await inProcess(['store', 'test', 'CORP-LDAP']),
      /CORP-LDAP: connected; the filters match 3 users and 2 groups/,
    );
    assert.match(await inProcess(['store', 'sync', 'CORP-LDAP']), /CORP-LDAP: synchronised in \d+ ms, nothing changed/);
    await server.store.sync();
    assert.equal(server.store.revision, revision, 'the refused add wrote nothing');
    const listed = await inProcess(['store', 'list']);
    assert.match(listed, /CORP-LDAP\s+ldap\s+read-only\s+ldap:\/\/127\.0\.0\.1:\d+\s+\S+ ok/);
    assert.match(listed, /PRIMARY\s+internal\s+read-write/);
  });
});
