import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SQLITE_ONLY, type TestServer, assertProblem, startTestServer } from './harness.js';

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly description?: string;
  readonly example?: unknown;
  readonly examples?: unknown;
  readonly schema?: { readonly examples?: unknown[] };
}
type Operation = { readonly parameters?: readonly Parameter[] };

/** `METHOD /path {name}` of every path parameter without a description or an example. */
export function undocumentedPathParameters(document: { paths: Record<string, Record<string, Operation>> }): string[] {
  const missing: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const inPath = (operation.parameters ?? []).filter((p) => p.in === 'path');
      for (const name of path.match(/\{[^}]+\}/g) ?? [])
        if (!inPath.some((p) => `{${p.name}}` === name))
          missing.push(`${method.toUpperCase()} ${path} ${name}: not declared`);
      for (const parameter of inPath) {
        const described = typeof parameter.description === 'string' && parameter.description.trim() !== '';
        const exemplified =
          parameter.example !== undefined ||
          parameter.examples !== undefined ||
          (parameter.schema?.examples?.length ?? 0) > 0;
        if (!described || !exemplified)
          missing.push(
            `${method.toUpperCase()} ${path} {${parameter.name}}:${described ? '' : ' no description'}${exemplified ? '' : ' no example'}`,
          );
      }
    }
  }
  return missing;
}

describe('/openapi.json path parameters', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(() => server.close());

  test('every path parameter of every operation has a description and an example', async () => {
    const document = (await server.anonymous.get('/openapi.json')).body;
    const paths = Object.keys(document.paths).filter((path) => path.includes('{'));
    assert.ok(paths.length >= 20, `paths with parameters: ${paths.length}`);
    const missing = undocumentedPathParameters(document);
    assert.deepEqual(missing, [], missing.join('\n'));
  });

  test('the walk reports a parameter without a description or an example, and one never declared', () => {
    const document = {
      paths: {
        '/v1/things/{thing}': { get: { parameters: [{ name: 'thing', in: 'path', description: 'A thing' }] } },
        '/v1/others/{other}': { get: { parameters: [{ name: 'other', in: 'path', example: 'x' }] } },
        '/v1/ghosts/{ghost}': { get: {} },
        '/v1/fine/{fine}': {
          get: { parameters: [{ name: 'fine', in: 'path', description: 'Fine', schema: { examples: ['f'] } }] },
        },
      },
    };
    assert.deepEqual(undocumentedPathParameters(document), [
      'GET /v1/things/{thing} {thing}: no example',
      'GET /v1/others/{other} {other}: no description',
      'GET /v1/ghosts/{ghost} {ghost}: not declared',
    ]);
  });
});

for (const kind of SQLITE_ONLY) {
  describe(`duplicate names are conflicts (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    test('a second organization of the same name is 409 duplicate, and nothing is written', async () => {
      assert.equal((await server.admin.post('/v1/organizations', { name: 'acme' })).status, 201);
      const revision = server.store.revision;
      const taken = await server.admin.post('/v1/organizations', { name: 'acme' });
      assertProblem(taken, 409, 'duplicate');
      // The console shows it beside the name field.
      assert.deepEqual(taken.body.errors, [{ in: 'body', path: 'name', message: 'is taken' }]);
      assert.equal((await server.admin.post('/v1/organizations', { name: 'acme-2' })).status, 201);
      assert.ok(server.store.revision > revision);
      const before = server.store.revision;
      assertProblem(await server.admin.post('/v1/organizations', { name: 'acme-2', parent: 'acme' }), 409, 'duplicate');
      assertProblem(await server.admin.patch('/v1/organizations/acme-2', { name: 'acme' }), 409, 'duplicate');
      assert.equal(server.store.revision, before);
    });

    test('a second project of the same name in one organization is 409 duplicate', async () => {
      assert.equal((await server.admin.post('/v1/organizations/acme/projects', { name: 'engineering' })).status, 201);
      const before = server.store.revision;
      assertProblem(
        await server.admin.post('/v1/organizations/acme/projects', { name: 'engineering' }),
        409,
        'duplicate',
      );
      assert.equal(server.store.revision, before);
      assert.equal((await server.admin.post('/v1/organizations/acme/projects', { name: 'marketing' })).status, 201);
      const renamed = await server.admin.patch('/v1/projects/acme%2Fmarketing', { name: 'engineering' });
      assertProblem(renamed, 409, 'duplicate');
      // The same name in another organization is another project.
      assert.equal((await server.admin.post('/v1/organizations/acme-2/projects', { name: 'engineering' })).status, 201);
    });

    test('a second group of the same name in one organization is 409 duplicate', async () => {
      assert.equal((await server.admin.post('/v1/organizations/acme/groups', { name: 'Engineering' })).status, 201);
      const other = await server.admin.post('/v1/organizations/acme/groups', { name: 'Marketing' });
      assert.equal(other.status, 201);
      const before = server.store.revision;
      assertProblem(
        await server.admin.post('/v1/organizations/acme/groups', { name: 'Engineering' }),
        409,
        'duplicate',
      );
      assertProblem(
        await server.admin.patch(`/v1/groups/${other.body.group.id}`, { name: 'Engineering' }),
        409,
        'duplicate',
      );
      // A predefined group of the preset, too.
      assertProblem(await server.admin.post('/v1/organizations/acme/groups', { name: 'Admin' }), 409, 'duplicate');
      assert.equal(server.store.revision, before);
    });

    test('a second role of the same name is 409 duplicate, a predefined one too', async () => {
      assert.equal((await server.admin.post('/v1/roles', { name: 'Auditor', permissions: [] })).status, 201);
      const before = server.store.revision;
      assertProblem(await server.admin.post('/v1/roles', { name: 'Auditor', permissions: [] }), 409, 'duplicate');
      assertProblem(await server.admin.post('/v1/roles', { name: 'Developer', permissions: [] }), 409, 'duplicate');
      assertProblem(await server.admin.patch('/v1/roles/Auditor', { name: 'Developer' }), 409, 'duplicate');
      assert.equal(server.store.revision, before);
    });

    test('a second user of the same username is 409 duplicate', async () => {
      const alice = { username: 'alice', email: 'alice@example.com', password: 'alice-secret-1' };
      assert.equal((await server.admin.post('/v1/users', alice)).status, 201);
      const before = server.store.revision;
      assertProblem(await server.admin.post('/v1/users', { ...alice, email: 'other@example.com' }), 409, 'duplicate');
      assert.equal(server.store.revision, before);
    });
  });
}

describe('request bodies in another media type', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(() => server.close());

  for (const contentType of [
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'application/xml',
    'multipart/form-data; boundary=x',
  ]) {
    test(`a ${contentType} body is 415 unsupported-media-type, and nothing is written`, async () => {
      const before = server.store.revision;
      const response = await server.admin.request('POST', '/v1/organizations', '{"name": "plain"}', {
        'content-type': contentType,
      });
      assertProblem(response, 415, 'unsupported-media-type');
      assert.equal(server.store.revision, before);
    });
  }

  test('an application/json body with a charset is taken', async () => {
    const response = await server.admin.request('POST', '/v1/organizations', '{"name": "json"}', {
      'content-type': 'application/json; charset=utf-8',
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
  });
});
