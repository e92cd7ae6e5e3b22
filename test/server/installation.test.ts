import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { SQLITE_ONLY, type TestServer, assertProblem, startTestServer } from './harness.js';

const long = 'x'.repeat(10_000);

for (const kind of SQLITE_ONLY) {
  describe(`installation API (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    test('shows the settings: admin role, organization defaults and the home organization', async () => {
      const settings = await server.admin.get('/v1/settings');
      assert.equal(settings.status, 200);
      assert.equal(settings.body.adminRole.name, 'Admin');
      assert.deepEqual(settings.body.homeOrganization, server.home);
      const developer = settings.body.organizationDefaults.groups.find((g: { name: string }) => g.name === 'Developer');
      assert.deepEqual(
        developer.roles.map((r: { name: string }) => r.name),
        ['Developer'],
      );
    });

    test('changes the admin role only to one an active user holds', async () => {
      const created = await server.admin.post('/v1/roles', { name: 'Operator', permissions: ['*'] });
      assert.equal(created.status, 201);
      assertProblem(await server.admin.put('/v1/settings', { adminRole: 'Operator' }), 409, 'last-admin');
      const { user } = await server.user('ops');
      await server.admin.post('/v1/mappings', {
        role: 'Operator',
        subject: { kind: 'user', id: user.id },
        target: { type: 'organization', id: server.home.id },
      });
      const changed = await server.admin.put('/v1/settings', { adminRole: 'Operator' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.adminRole.name, 'Operator');
      assert.equal((await server.admin.put('/v1/settings', { adminRole: 'Admin' })).body.adminRole.name, 'Admin');
      assertProblem(await server.admin.put('/v1/settings', { adminRole: 'Nope' }), 404, 'not-found');
      assertProblem(await server.admin.put('/v1/settings', {}), 400, 'validation');
      assertProblem(await server.admin.put('/v1/settings', { adminRole: 7 }), 400, 'validation');
      assertProblem(await server.admin.put('/v1/settings', { adminRole: long }), 400, 'validation');
      assertProblem(
        await server.admin.put('/v1/settings', { adminRole: 'Admin', organizationDefaults: {} }),
        400,
        'validation',
      );
    });

    test('manages user stores; one users live in cannot be removed', async () => {
      const created = await server.admin.post('/v1/user-stores', {
        name: 'LDAP',
        readOnly: true,
        description: 'corporate directory',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(created.body.userStore, { name: 'LDAP', readOnly: true, description: 'corporate directory' });
      const list = await server.admin.get('/v1/user-stores');
      assert.deepEqual(
        list.body.items.map((s: { name: string }) => s.name),
        ['LDAP', 'PRIMARY'],
      );
      assert.equal((await server.admin.get('/v1/user-stores/LDAP')).body.readOnly, true);
      const patched = await server.admin.patch('/v1/user-stores/LDAP', { readOnly: false, description: null });
      assert.equal(patched.status, 200);
      assert.deepEqual(patched.body.userStore, { name: 'LDAP', readOnly: false, description: null });
      await server.write([
        { op: 'user.put', user: { id: 'ldap-user', username: 'lee', store: 'LDAP', email: null, status: 'active' } },
      ]);
      assertProblem(await server.admin.delete('/v1/user-stores/LDAP'), 409, 'referenced');
      await server.write([{ op: 'user.delete', id: 'ldap-user' }]);
      assert.equal((await server.admin.delete('/v1/user-stores/LDAP')).status, 200);
      assertProblem(await server.admin.get('/v1/user-stores/LDAP'), 404, 'not-found');
      assertProblem(await server.admin.delete('/v1/user-stores/LDAP'), 404, 'not-found');
      assertProblem(await server.admin.patch('/v1/user-stores/PRIMARY', { readOnly: true }), 400, 'invalid');
      assertProblem(await server.admin.delete('/v1/user-stores/PRIMARY'), 400, 'invalid');
    });

    test('refuses bad user-store bodies', async () => {
      assertProblem(await server.admin.post('/v1/user-stores', {}), 400, 'validation');
      assertProblem(await server.admin.post('/v1/user-stores', { name: 'A/B' }), 400, 'validation');
      assertProblem(await server.admin.post('/v1/user-stores', { name: long }), 400, 'validation');
      assertProblem(await server.admin.post('/v1/user-stores', { name: 'X', readOnly: 'yes' }), 400, 'validation');
      assertProblem(await server.admin.post('/v1/user-stores', { name: 'X', kind: 'ldap' }), 400, 'validation');
      assertProblem(await server.admin.post('/v1/user-stores', { name: 'primary' }), 409, 'duplicate');
      assertProblem(await server.admin.patch('/v1/user-stores/PRIMARY', { name: 'OTHER' }), 400, 'validation');
      assertProblem(await server.admin.patch('/v1/user-stores/NOPE', { readOnly: true }), 404, 'not-found');
    });

    test('exports the state and applies the export back without changes; YAML both ways', async () => {
      const json = await server.admin.get('/v1/export');
      assert.equal(json.status, 200);
      assert.equal(json.body.kind, 'tessera/document');
      assert.ok(json.body.roles.some((r: { name: string }) => r.name === 'Developer'));
      const again = await server.admin.post('/v1/apply', json.body);
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual(again.body.created, []);
      assert.deepEqual(again.body.changed, []);
      assert.ok(again.body.unchanged.length > 0);

      const yaml = await server.admin.get('/v1/export?format=yaml');
      assert.equal(yaml.status, 200);
      assert.match(yaml.contentType, /^text\/yaml/);
      assert.deepEqual(parseYaml(yaml.body as string), json.body);
      const fromYaml = await server.admin.request('POST', '/v1/apply', yaml.body, {
        'content-type': 'application/yaml',
      });
      assert.equal(fromYaml.status, 200, JSON.stringify(fromYaml.body));
      assert.deepEqual(fromYaml.body.created, []);
    });

    test('applies a YAML document, and a dry run plans without writing', async () => {
      const document = [
        'kind: tessera/document',
        'organizations:',
        '  - name: globex',
        'roles:',
        '  - name: Globex Reader',
        '    organization: globex',
        '    permissions: [project:view]',
        '',
      ].join('\n');
      const dry = await server.admin.request('POST', '/v1/apply?dryRun=true', document, {
        'content-type': 'text/yaml',
      });
      assert.equal(dry.status, 200, JSON.stringify(dry.body));
      assert.equal(dry.body.dryRun, true);
      assert.ok(dry.body.created.length >= 2);
      assert.equal(
        server.store.engine.organizations().some((o) => o.name === 'globex'),
        false,
      );
      const applied = await server.admin.request('POST', '/v1/apply', document, { 'content-type': 'text/yaml' });
      assert.equal(applied.status, 200);
      assert.ok(applied.body.revision > dry.body.revision);
      assert.equal(
        server.store.engine.organizations().some((o) => o.name === 'globex'),
        true,
      );
      const audit = await server.store.audit({ limit: 1 });
      assert.equal(audit[0]!.action, 'document.apply');
      assert.equal(audit[0]!.actor.name, 'PRIMARY/admin');
    });

    test('documents may be larger than other bodies', async () => {
      const padded = JSON.stringify({ kind: 'tessera/document' }) + ' '.repeat(2 * 1024 * 1024);
      const applied = await server.admin.request('POST', '/v1/apply?dryRun=true', padded);
      assert.equal(applied.status, 200, JSON.stringify(applied.body));
      assertProblem(
        await server.admin.request('POST', '/v1/roles', JSON.stringify({ name: 'Big' }) + ' '.repeat(2 * 1024 * 1024)),
        413,
        'payload-too-large',
      );
      const openapi = await server.anonymous.get('/openapi.json');
      assert.deepEqual(openapi.body.paths['/v1/apply'].post['x-tessera-permission'], {
        permission: 'settings:manage',
        at: 'the home organization',
      });
    });

    test('an invalid document is refused with every error and its path, and writes nothing', async () => {
      const revision = server.store.revision;
      const invalid = await server.admin.post('/v1/apply', {
        kind: 'tessera/document',
        roles: [{ name: 'Broken', permissions: ['no:such'] }, { name: 7 }],
        colour: 'blue',
      });
      assertProblem(invalid, 400, 'validation');
      const paths = invalid.body.errors.map((e: { path: string }) => e.path);
      assert.ok(paths.includes('roles[1].name'), JSON.stringify(paths));
      assert.ok(paths.includes('colour'), JSON.stringify(paths));
      const unknownKey = await server.admin.post('/v1/apply', {
        roles: [{ name: 'Broken', permissions: ['no:such'] }],
      });
      assertProblem(unknownKey, 400, 'validation');
      assert.ok(
        unknownKey.body.errors.some(
          (e: { path: string; message: string }) => e.path.startsWith('roles[0]') && e.message.includes('no:such'),
        ),
        JSON.stringify(unknownKey.body),
      );
      const badYaml = await server.admin.request('POST', '/v1/apply', 'roles: [unclosed', {
        'content-type': 'application/yaml',
      });
      assertProblem(badYaml, 400, 'validation');
      assert.match(badYaml.body.errors[0].message, /line 1/);
      assertProblem(await server.admin.post('/v1/apply', [1, 2]), 400, 'validation');
      assertProblem(
        await server.admin.request('POST', '/v1/apply', 'x', { 'content-type': 'text/plain' }),
        415,
        'unsupported-media-type',
      );
      assert.equal(server.store.revision, revision);
    });

    test('runs policy tests against their own fixture, never the live state', async () => {
      const document = {
        kind: 'tessera/policy-tests',
        fixture: {
          preset: 'choreo',
          organizations: [{ name: 'fixture-org', projects: [{ name: 'web' }] }],
          users: [{ username: 'alice' }],
          groups: [{ organization: 'fixture-org', name: 'Developer', members: ['alice'] }],
        },
        expectations: [
          { user: 'alice', may: 'project:edit', on: 'project/fixture-org/web' },
          { user: 'alice', mayNot: 'billing:tier:view', on: 'organization/fixture-org' },
          { user: 'alice', may: 'settings:manage', on: 'organization/fixture-org' },
        ],
      };
      const run = await server.admin.post('/v1/policy-tests', document);
      assert.equal(run.status, 200, JSON.stringify(run.body));
      assert.equal(run.body.passed, 2);
      assert.equal(run.body.failed, 1);
      assert.equal(run.body.results[2].passed, false);
      assert.equal(
        server.store.engine.organizations().some((o) => o.name === 'fixture-org'),
        false,
      );
      const yaml = await server.admin.request(
        'POST',
        '/v1/policy-tests',
        'kind: tessera/policy-tests\nfixture: {preset: choreo, organizations: [{name: o}]}\nexpectations:\n  - {may: project:view, on: organization/o}\n',
        { 'content-type': 'application/yaml' },
      );
      assert.equal(yaml.status, 200, JSON.stringify(yaml.body));
      assert.equal(yaml.body.failed, 1, 'a guest may not view');
      const invalid = await server.admin.post('/v1/policy-tests', {
        kind: 'tessera/policy-tests',
        fixture: {},
        expectations: [{ user: 'ghost', may: 'project:view', on: 'nowhere' }],
      });
      assertProblem(invalid, 400, 'validation');
      assert.ok(invalid.body.errors.some((e: { path: string }) => e.path.startsWith('expectations[0]')));
      assertProblem(await server.admin.post('/v1/policy-tests', { kind: 'tessera/document' }), 400, 'validation');
    });

    test('a Developer may not read settings, manage stores, apply, export or run policy tests', async () => {
      const { client } = await server.user('dev', { groups: ['Developer'] });
      assertProblem(await client.get('/v1/settings'), 403, 'forbidden');
      assertProblem(await client.put('/v1/settings', { adminRole: 'Developer' }), 403, 'forbidden');
      assertProblem(await client.get('/v1/user-stores'), 403, 'forbidden');
      assertProblem(await client.post('/v1/user-stores', { name: 'MINE' }), 403, 'forbidden');
      assertProblem(await client.patch('/v1/user-stores/PRIMARY', { description: 'x' }), 403, 'forbidden');
      assertProblem(await client.delete('/v1/user-stores/PRIMARY'), 403, 'forbidden');
      assertProblem(
        await client.post('/v1/apply', { roles: [{ name: 'Mine', permissions: ['*'] }] }),
        403,
        'forbidden',
      );
      assertProblem(await client.get('/v1/export'), 403, 'forbidden');
      assertProblem(await client.post('/v1/policy-tests', { kind: 'tessera/policy-tests' }), 403, 'forbidden');
    });

    test('applying a document needs role:escalate beside settings:manage', async () => {
      const settingsOnly = await server.admin.post('/v1/roles', {
        name: 'Settings Keeper',
        organization: server.home.name,
        permissions: ['settings:manage'],
      });
      assert.equal(settingsOnly.status, 201);
      const { user, client } = await server.user('keeper');
      await server.admin.post('/v1/mappings', {
        role: 'Settings Keeper',
        subject: { kind: 'user', id: user.id },
        target: { type: 'organization', id: server.home.id },
      });
      assert.equal((await client.get('/v1/settings')).status, 200);
      const refused = await client.post('/v1/apply', { roles: [{ name: 'Mine', permissions: ['*'] }] });
      assertProblem(refused, 403, 'forbidden');
      assert.equal(refused.body.permission, 'role:escalate');
    });
  });
}
