import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`declarative sync over HTTP (${kind})`, () => {
    let server: TestServer;

    before(async () => {
      server = await startTestServer(kind, { preset: 'wso2-apim' });
      const seeded = await server.admin.post('/v1/apply', {
        kind: 'tessera/document',
        organizations: [{ name: 'acme', projects: [{ name: 'engineering' }, { name: 'legacy' }] }],
        users: [{ username: 'alice' }],
        groups: [{ organization: 'acme', name: 'Old Team', members: ['alice'] }],
      });
      assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
    });
    after(() => server.close());

    test('GET /v1/installation says which preset the database holds', async () => {
      const response = await server.admin.get('/v1/installation');
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.preset, 'wso2-apim');
      assert.deepEqual(response.body.home, server.home);
      assertProblem(await server.anonymous.get('/v1/installation'), 401, 'unauthorized');
    });

    const truth = { kind: 'tessera/document', organizations: [{ name: 'acme', projects: [{ name: 'engineering' }] }] };

    test('a prune dry run lists what would be deleted in the organizations the document declares, and writes nothing', async () => {
      const revision = server.store.revision;
      const response = await server.admin.post('/v1/apply?dryRun=true&prune=true', truth);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.dryRun, true);
      assert.ok(response.body.deleted.includes('project "acme/legacy"'), JSON.stringify(response.body.deleted));
      assert.ok(response.body.deleted.includes('group "acme/Old Team"'));
      assert.equal(server.store.revision, revision);
      const plain = await server.admin.post('/v1/apply?dryRun=true', truth);
      assert.equal(plain.body.deleted, undefined, 'without prune nothing is deleted');
    });

    test('prune goes through the same gate: it cannot leave the home organization without its admin', async () => {
      const home = { kind: 'tessera/document', organizations: [{ name: server.home.name }] };
      const dry = await server.admin.post('/v1/apply?dryRun=true&prune=true', home);
      assert.ok(
        dry.body.deleted.some((label: string) => label.includes('PRIMARY/admin')),
        JSON.stringify(dry.body.deleted),
      );
      const refused = await server.admin.post('/v1/apply?prune=true', home);
      assertProblem(refused, 409, 'last-admin');
      const me = await server.admin.get('/v1/installation');
      assert.equal(me.status, 200, 'the admin still signs in and acts');
    });

    test('prune deletes what the document does not name, in one audited write', async () => {
      const response = await server.admin.post('/v1/apply?prune=true', truth);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.ok(response.body.deleted.includes('project "acme/legacy"'));
      const engine = server.store.engine;
      assert.equal(
        engine.projects().some((p) => p.name === 'legacy'),
        false,
      );
      assert.equal(engine.findGroup('acme', 'Old Team'), undefined);
      assert.ok(engine.projects().some((p) => p.name === 'engineering'));
      const again = await server.admin.post('/v1/apply?prune=true', truth);
      assert.deepEqual(again.body.deleted, []);
    });
  });
}
