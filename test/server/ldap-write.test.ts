import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Attribute, Change, type Client as LdapClient } from 'ldapts';
import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import { secretBoxFor } from '../../src/server/secret-box.js';
import { withDirectoryWrites } from '../../src/server/user-stores/directory-writes.js';
import { type Slapd, slapdMissing, startSlapd } from '../support/slapd.js';
import { runTessera } from '../support/tessera-cli.js';
import { runTesseraInProcess } from '../support/tessera-in-process.js';
import { type TestServer, assertProblem, startTestServer } from './harness.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'ldap', 'corp.ldif');
const PEOPLE = 'ou=people,dc=corp,dc=example';
const GROUPS = 'ou=groups,dc=corp,dc=example';
const missing = slapdMissing();
process.env.TESSERA_SECRET_KEY = 'ldap-write-test-key';

describe('read-write LDAP user stores, against a real OpenLDAP', { skip: missing ?? false }, () => {
  let slapd: Slapd;
  let server: TestServer;
  /** The directory as its root DN sees it. */
  const directory = <T>(work: (client: LdapClient) => Promise<T>): Promise<T> => slapd.asRoot(work);
  const entry = (dn: string) => slapd.entry(dn);
  const members = async (group: string) => {
    const found = await entry(`cn=${group},${GROUPS}`);
    const value = found?.member ?? [];
    return (Array.isArray(value) ? value : [value]).map((v) => v.toString().toLowerCase());
  };
  const settings = (bind: 'root' | 'reader') => ({
    url: slapd.url,
    bindDn: bind === 'root' ? slapd.rootDn : 'cn=tessera,ou=services,dc=corp,dc=example',
    bindPassword: bind === 'root' ? slapd.rootPassword : 'reader-secret',
    userBaseDn: PEOPLE,
    groupBaseDn: GROUPS,
    syncIntervalSeconds: 86_400,
  });
  const user = (store: string, username: string) =>
    server.store.engine.users().find((u) => u.store === store && u.username === username);
  const sync = async (store: string) => {
    const synced = await server.admin.post(`/v1/ldap-stores/${store}/sync`);
    assert.equal(synced.status, 200, JSON.stringify(synced.body));
    return synced.body;
  };

  before(async () => {
    slapd = await startSlapd({ ldif: [FIXTURE] });
    server = await startTestServer('SQLite');
    assert.equal((await server.admin.post('/v1/organizations', { name: 'acme' })).status, 201);
    for (const [name, bind, readOnly] of [
      ['CORP-RW', 'root', false],
      ['CORP-RO', 'reader', undefined],
      ['CORP-NOWRITE', 'reader', false],
    ] as const) {
      const added = await server.admin.post('/v1/ldap-stores', {
        name,
        organization: 'acme',
        ...settings(bind),
        ...(readOnly === undefined ? {} : { readOnly }),
      });
      assert.equal(added.status, 201, JSON.stringify(added.body));
    }
  });
  after(async () => {
    await server?.close();
    await slapd?.stop();
  });

  test('a store is read-only unless added with readOnly false, and says where it writes', async () => {
    const rw = await server.admin.get('/v1/ldap-stores/CORP-RW');
    assert.equal(rw.body.readOnly, false);
    assert.deepEqual(rw.body.write, {
      userBaseDn: PEOPLE,
      groupBaseDn: GROUPS,
      userObjectClasses: ['inetOrgPerson'],
      groupObjectClasses: ['groupOfNames'],
    });
    assert.equal((await server.admin.get('/v1/ldap-stores/CORP-RO')).body.readOnly, true);
    assert.equal(server.store.engine.userStores().find((s) => s.name === 'CORP-RW')?.readOnly, false);
    assert.equal(server.store.engine.userStores().find((s) => s.name === 'CORP-RO')?.readOnly, true);
    assertProblem(
      await server.admin.post('/v1/ldap-stores', {
        name: 'CORP-ELSEWHERE',
        organization: 'acme',
        ...settings('root'),
        readOnly: false,
        write: { userBaseDn: 'ou=services,dc=corp,dc=example' },
      }),
      400,
      'validation',
    );
  });

  test('a user created in a read-write store is written to the directory first and signs in by bind', async () => {
    const created = await server.admin.post('/v1/users', {
      username: 'erin',
      store: 'CORP-RW',
      email: 'erin@corp.example',
      password: 'erin-ldap-1',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const found = await entry(`uid=erin,${PEOPLE}`);
    assert.ok(found, 'the entry exists in the directory');
    assert.equal(found.mail, 'erin@corp.example');
    const session = await server.anonymous.post('/v1/session', {
      username: 'CORP-RW/erin',
      password: 'erin-ldap-1',
      mode: 'token',
    });
    assert.equal(session.status, 200, JSON.stringify(session.body));
    assertProblem(
      await server.anonymous.post('/v1/session', { username: 'CORP-RW/erin', password: 'wrong', mode: 'token' }),
      401,
      'invalid-credentials',
    );

    const changed = await server.admin.patch(`/v1/users/${created.body.user.id}`, { email: 'erin@example.org' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal((await entry(`uid=erin,${PEOPLE}`))?.mail, 'erin@example.org');
  });

  test('groups and memberships of a read-write store are written to the directory', async () => {
    const group = await server.admin.post('/v1/organizations/acme/groups', { name: 'CORP-RW/ops', store: 'CORP-RW' });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    assert.ok(await entry(`cn=ops,${GROUPS}`));
    const id = group.body.group?.id ?? group.body.id;
    const erin = user('CORP-RW', 'erin')!;
    assert.equal((await server.admin.put(`/v1/groups/${id}/members/${erin.id}`)).status, 200);
    assert.deepEqual(await members('ops'), [`uid=erin,${PEOPLE}`]);
    assert.equal((await server.admin.delete(`/v1/groups/${id}/members/${erin.id}`)).status, 200);
    assert.equal((await members('ops')).includes(`uid=erin,${PEOPLE}`), false);
    assert.equal(server.store.engine.members(id).length, 0);

    // An existing directory group: its member attribute changes too.
    const developers = server.store.engine.groups().find((g) => g.name === 'CORP-RW/developers')!;
    assert.equal((await server.admin.put(`/v1/groups/${developers.id}/members/${erin.id}`)).status, 200);
    assert.ok((await members('developers')).includes(`uid=erin,${PEOPLE}`));

    // A group not named STORE/<name> or in another organization is refused before the directory.
    assertProblem(
      await server.admin.post('/v1/organizations/acme/groups', { name: 'ops2', store: 'CORP-RW' }),
      400,
      'validation',
    );
    assert.equal(await entry(`cn=ops2,${GROUPS}`), null);

    assert.equal((await server.admin.delete(`/v1/groups/${id}`)).status, 200);
    assert.equal(await entry(`cn=ops,${GROUPS}`), null);
  });

  test('a synchronisation after these writes changes nothing; a change made in the directory still arrives', async () => {
    const quiet = await sync('CORP-RW');
    assert.equal(quiet.revision, null, JSON.stringify(quiet.summary));
    await directory((client) =>
      client.modify(
        `uid=bob,${PEOPLE}`,
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'mail', values: ['bob@new.example'] }),
        }),
      ),
    );
    const changed = await sync('CORP-RW');
    assert.equal(changed.summary.usersUpdated, 1);
    assert.equal(user('CORP-RW', 'bob')?.email, 'bob@new.example');
  });

  test('a directory refusal answers directory-refused and changes nothing in Tessera', async () => {
    const revision = server.store.revision;
    // The reader's bind has no write rights.
    assertProblem(
      await server.admin.post('/v1/users', { username: 'fred', store: 'CORP-NOWRITE', password: 'fred-ldap-1' }),
      409,
      'directory-refused',
    );
    assert.equal(user('CORP-NOWRITE', 'fred'), undefined);
    // An entry the directory has already (made there, not synchronised yet).
    await directory((client) =>
      client.add(`uid=gail,${PEOPLE}`, { objectClass: 'inetOrgPerson', uid: 'gail', cn: 'gail', sn: 'gail' }),
    );
    assertProblem(
      await server.admin.post('/v1/users', { username: 'gail', store: 'CORP-RW', password: 'gail-ldap-1' }),
      409,
      'directory-refused',
    );
    assert.equal(user('CORP-RW', 'gail'), undefined);
    assert.equal(server.store.revision, revision);
    await directory((client) => client.del(`uid=gail,${PEOPLE}`));
  });

  test('a write the gate refuses never reaches the directory; one Tessera refuses later is undone there', async () => {
    const writing = withDirectoryWrites(server.store, secretBoxFor(server.database));
    const erin = user('CORP-RW', 'erin')!;
    const bob = user('CORP-RW', 'bob')!;
    const admin = user('PRIMARY', 'admin')!;
    // Bob may not delete the administrator (who holds what bob does not): the gate refuses the
    // whole batch before erin's entry is touched.
    await assert.rejects(
      writing.write(
        [
          { op: 'user.delete', id: erin.id },
          { op: 'user.delete', id: admin.id },
        ],
        { actor: { kind: 'user', id: bob.id } },
      ),
      (error: Error & { code?: string }) => error.code === 'PRIVILEGE_ESCALATION' || error.code === 'LAST_ADMIN',
    );
    assert.ok(await entry(`uid=erin,${PEOPLE}`));
    assert.ok(user('CORP-RW', 'erin'));

    // The gate's dry run passes, the store's own check of versions fails: the directory is compensated.
    const id = randomUUID();
    await assert.rejects(
      writing.write(
        [{ op: 'user.put', user: { id, username: 'hank', store: 'CORP-RW', email: null, status: 'active' } }],
        {
          actor: SYSTEM_ACTOR,
          expect: [{ kind: 'user', key: id, version: 7 }],
        },
      ),
      (error: Error & { code?: string }) => error.code === 'CONFLICT',
    );
    assert.equal(await entry(`uid=hank,${PEOPLE}`), null);
    assert.equal(user('CORP-RW', 'hank'), undefined);
  });

  test('deleting a user of a read-write store deletes the entry and its group memberships', async () => {
    const erin = user('CORP-RW', 'erin')!;
    assert.equal((await server.admin.delete(`/v1/users/${erin.id}`)).status, 200);
    assert.equal(await entry(`uid=erin,${PEOPLE}`), null);
    assert.equal((await members('developers')).includes(`uid=erin,${PEOPLE}`), false);
    assert.equal(user('CORP-RW', 'erin'), undefined);
    const quiet = await sync('CORP-RW');
    assert.equal(quiet.revision, null, JSON.stringify(quiet.summary));
  });

  test('the CLI adds a read-write store, and its user create writes to the directory', async () => {
    /** The CLI in a child process (the bind password on standard input). */
    const cli = (args: string[], stdin: string) =>
      runTessera([...args, '--database', server.database], {
        input: `${stdin}\n`,
        env: { TESSERA_SECRET_KEY: process.env.TESSERA_SECRET_KEY ?? '' },
      });
    const added = await cli(
      [
        'store',
        'add',
        'CLI-RW',
        '--url',
        slapd.url,
        '--bind-dn',
        slapd.rootDn,
        '--user-base-dn',
        PEOPLE,
        '--group-base-dn',
        GROUPS,
        '--organization',
        'acme',
        '--read-write',
        '--bind-password-stdin',
      ],
      slapd.rootPassword,
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Added the read-write LDAP user store CLI-RW/);
    // In this process (a child costs seconds): `user create` writes through the same path.
    const printed = await runTesseraInProcess([
      'user',
      'create',
      'CLI-RW/jill',
      '--email',
      'jill@corp.example',
      '--database',
      server.database,
    ]);
    assert.match(printed, /created user CLI-RW\/jill/);
    assert.equal((await entry(`uid=jill,${PEOPLE}`))?.mail, 'jill@corp.example');
    await server.store.sync();
    assert.ok(user('CLI-RW', 'jill'));
  });

  test('a read-only LDAP store still refuses these writes', async () => {
    assertProblem(
      await server.admin.post('/v1/users', { username: 'ivy', store: 'CORP-RO', password: 'ivy-ldap-1' }),
      409,
      'read-only-store',
    );
    const alice = user('CORP-RO', 'alice')!;
    const developers = server.store.engine.groups().find((g) => g.name === 'CORP-RO/developers')!;
    const member = server.store.engine.members(developers.id).includes(alice.id);
    const change = member
      ? server.admin.delete(`/v1/groups/${developers.id}/members/${alice.id}`)
      : server.admin.put(`/v1/groups/${developers.id}/members/${alice.id}`);
    assertProblem(await change, 409, 'read-only-store');
    assertProblem(await server.admin.delete(`/v1/users/${alice.id}`), 409, 'read-only-store');
    assert.equal(await entry(`uid=ivy,${PEOPLE}`), null);
    assert.ok(await entry(`uid=alice,${PEOPLE}`));
  });
});
