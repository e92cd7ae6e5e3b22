import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Attribute, Change, type Client as LdapClient } from 'ldapts';
import { type Slapd, slapdMissing, startSlapd } from '../support/slapd.js';
import { type TestServer, assertProblem, startTestServer } from './harness.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'ldap', 'corp.ldif');
const missing = slapdMissing();
process.env.TESSERA_SECRET_KEY = 'ldap-provision-test-key';

describe('a directory user signing in before any synchronisation is created at that moment', {
  skip: missing ?? false,
}, () => {
  let slapd: Slapd;
  let server: TestServer;
  const signIn = (username: string, password: string) =>
    server.anonymous.post('/v1/session', { username, password, mode: 'token' });
  const directory = (work: (client: LdapClient) => Promise<void>) => slapd.asRoot(work);
  const addPerson = (uid: string, password: string, groups: string[]) =>
    directory(async (client) => {
      await client.add(`uid=${uid},ou=people,dc=corp,dc=example`, {
        objectClass: 'inetOrgPerson',
        uid,
        cn: uid,
        sn: uid,
        mail: `${uid}@corp.example`,
        userPassword: password,
      });
      for (const group of groups)
        await client.modify(
          `cn=${group},ou=groups,dc=corp,dc=example`,
          new Change({
            operation: 'add',
            modification: new Attribute({ type: 'member', values: [`uid=${uid},ou=people,dc=corp,dc=example`] }),
          }),
        );
    });
  const user = (name: string) =>
    server.store.engine.users().find((u) => u.store === 'CORP-LDAP' && u.username === name);

  before(async () => {
    slapd = await startSlapd({ ldif: [FIXTURE] });
    server = await startTestServer('SQLite');
    assert.equal((await server.admin.post('/v1/organizations', { name: 'acme' })).status, 201);
    assert.equal((await server.admin.post('/v1/organizations/acme/projects', { name: 'web' })).status, 201);
    const added = await server.admin.post('/v1/ldap-stores', {
      name: 'CORP-LDAP',
      organization: 'acme',
      url: slapd.url,
      bindDn: 'cn=tessera,ou=services,dc=corp,dc=example',
      bindPassword: 'reader-secret',
      userBaseDn: 'ou=people,dc=corp,dc=example',
      groupBaseDn: 'ou=groups,dc=corp,dc=example',
      syncIntervalSeconds: 86_400,
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const acme = server.store.engine.organizations().find((o) => o.name === 'acme')!;
    const developers = server.store.engine.findGroup(acme.id, 'CORP-LDAP/developers')!;
    const mapped = await server.admin.post('/v1/mappings', {
      role: 'Developer',
      subject: { kind: 'group', id: developers.id },
      target: { type: 'project', id: 'acme/web' },
    });
    assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
  });
  after(async () => {
    await server?.close();
    await slapd?.stop();
  });

  test('the right LDAP password creates the user with their directory groups, through the gate, audited', async () => {
    await addPerson('erin', 'erin-ldap-1', ['developers', 'admins']);
    assert.equal(user('erin'), undefined, 'not synchronised yet');
    const session = await signIn('CORP-LDAP/erin', 'erin-ldap-1');
    assert.equal(session.status, 200, JSON.stringify(session.body));
    assert.equal(session.body.user.name, 'CORP-LDAP/erin');
    const erin = user('erin');
    assert.ok(erin !== undefined);
    assert.equal(erin.status, 'active');
    assert.equal(erin.email, 'erin@corp.example');
    const acme = server.store.engine.organizations().find((o) => o.name === 'acme')!;
    for (const group of ['CORP-LDAP/developers', 'CORP-LDAP/admins'])
      assert.ok(
        server.store.engine.members(server.store.engine.findGroup(acme.id, group)!.id).includes(erin.id),
        group,
      );
    const check = await server.admin.post('/v1/check', {
      user: 'CORP-LDAP/erin',
      permission: 'project:edit',
      resource: { type: 'project', id: 'acme/web' },
    });
    assert.equal(check.body.allowed, true, 'the group mapping applies at once');
    const entry = (await server.store.audit({ target: `user:${erin.id}` })).find(
      (e) => e.action === 'userStore.provision',
    );
    assert.ok(entry !== undefined, 'the creation is audited');
    assert.equal(entry.actor.name, 'ldap-sign-in:CORP-LDAP');
    assert.ok(entry.effects.some((e) => e.kind === 'user'));
    // Signing in again is the usual bind, and creates nothing more.
    const revision = server.store.revision;
    assert.equal((await signIn('CORP-LDAP/erin', 'erin-ldap-1')).status, 200);
    assert.equal(server.store.revision, revision);
  });

  test('a wrong password, or a name the directory does not have, creates nobody', async () => {
    await addPerson('frank', 'frank-ldap-1', ['developers']);
    const revision = server.store.revision;
    assertProblem(await signIn('CORP-LDAP/frank', 'not-his-password'), 401, 'invalid-credentials');
    assertProblem(await signIn('CORP-LDAP/nobody', 'frank-ldap-1'), 401, 'invalid-credentials');
    assert.equal(user('frank'), undefined);
    assert.equal(server.store.revision, revision);
  });

  test('a directory group new to Tessera is created in the store organization on first sign-in', async () => {
    await directory((client) =>
      client.add('cn=testers,ou=groups,dc=corp,dc=example', {
        objectClass: 'groupOfNames',
        cn: 'testers',
        member: 'uid=dan,ou=people,dc=corp,dc=example',
      }),
    );
    await addPerson('gina', 'gina-ldap-1', ['testers']);
    assert.equal((await signIn('CORP-LDAP/gina', 'gina-ldap-1')).status, 200);
    const acme = server.store.engine.organizations().find((o) => o.name === 'acme')!;
    const testers = server.store.engine.findGroup(acme.id, 'CORP-LDAP/testers');
    assert.ok(testers !== undefined);
    assert.deepEqual(
      server.store.engine.members(testers.id),
      [user('gina')!.id],
      'only the new user: dan waits for the synchronisation',
    );
  });

  test('concurrent first sign-ins of one user create one user', async () => {
    await addPerson('hank', 'hank-ldap-1', ['developers']);
    const answers = await Promise.all([1, 2, 3].map(() => signIn('CORP-LDAP/hank', 'hank-ldap-1')));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200],
    );
    assert.equal(server.store.engine.users().filter((u) => u.username === 'hank').length, 1);
  });
});
