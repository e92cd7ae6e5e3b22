import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { stringify } from 'yaml';
import { runInWorker } from '../../src/server/documents/offload.js';
import { HttpProblem } from '../../src/server/problem.js';
import { type TestServer, assertProblem, startTestServer } from './harness.js';

const USERS = 20_000;

/** A document of `count` users, half of them in one group, as YAML text. */
function largeDocument(count: number, prefix: string): string {
  const users = Array.from({ length: count }, (_, i) => ({
    username: `${prefix}${i}`,
    email: `${prefix}${i}@example.com`,
  }));
  return stringify({
    organizations: [{ name: `${prefix}-org` }],
    users,
    groups: [
      { organization: `${prefix}-org`, name: 'half', members: users.slice(0, count / 2).map((u) => u.username) },
    ],
  });
}

describe('large documents are processed off the event loop', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(() => server.close());

  test(`decisions and /healthz keep answering while a ${USERS}-user document is applied`, async () => {
    const text = largeDocument(USERS, 'bulk');
    assert.ok(text.length > 1_000_000, 'the document is over a megabyte');
    const apply = server.admin.request('POST', '/v1/apply', text, { 'content-type': 'application/yaml' });
    let done = false;
    const answered = apply.finally(() => {
      done = true;
    });
    let decisions = 0;
    let slowest = 0;
    while (!done) {
      const started = performance.now();
      const [health, check] = await Promise.all([
        server.anonymous.get('/healthz'),
        server.admin.post('/v1/check', {
          permission: 'project:view',
          resource: { type: 'organization', id: server.home.id },
        }),
      ]);
      assert.equal(health.status, 200);
      assert.equal(check.status, 200, JSON.stringify(check.body));
      if (!done) {
        decisions++;
        slowest = Math.max(slowest, performance.now() - started);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const response = await answered;
    assert.equal(response.status, 200, JSON.stringify(response.body).slice(0, 500));
    assert.ok(response.body.created.length >= USERS, `created ${response.body.created.length}`);
    assert.ok(server.store.engine.users().length > USERS);
    console.log(`# ${decisions} decisions answered during the apply; slowest round ${Math.round(slowest)} ms`);
    // Parsing and planning (seconds for this document) happen in the worker: decisions keep flowing.
    // In place, they would hold the event loop until the write, and none would be answered before it.
    // The slowest round is a figure, not a bound: it ends with the SQLite commit, whose fsync runs on
    // the event loop and takes as long as the disk does (seconds on a busy CI machine).
    assert.ok(decisions >= 5, `only ${decisions} decisions answered while the document was applied`);
  });

  test('a large policy-test document runs in the worker', async () => {
    const users = Array.from({ length: 5_000 }, (_, i) => ({ username: `pt${i}` }));
    const document = {
      kind: 'tessera/policy-tests',
      fixture: { preset: 'choreo', organizations: [{ name: 'acme' }], users },
      expectations: [{ user: 'pt1', mayNot: 'project:view', on: 'organization/acme' }],
    };
    const text = stringify(document);
    assert.ok(text.length > 64 * 1024);
    const response = await server.admin.request('POST', '/v1/policy-tests', text, {
      'content-type': 'application/yaml',
    });
    assert.equal(response.status, 200, JSON.stringify(response.body).slice(0, 500));
    assert.equal(response.body.passed, 1);
    const invalid = await server.admin.request('POST', '/v1/policy-tests', `${text}\nbogus: [`, {
      'content-type': 'application/yaml',
    });
    assertProblem(invalid, 400, 'validation');
  });

  test('a YAML alias bomb is refused with 400, small or large', async () => {
    const letters = 'abcdefghij';
    const lines = [`a: &a [${Array(10).fill('"lol"').join(',')}]`];
    for (let i = 1; i < 10; i++)
      lines.push(
        `${letters[i]}: &${letters[i]} [${Array(10)
          .fill(`*${letters[i - 1]}`)
          .join(',')}]`,
      );
    const bomb = lines.join('\n');
    const revision = server.store.revision;
    for (const text of [bomb, `${bomb}\n# ${'x'.repeat(100 * 1024)}`]) {
      const response = await server.admin.request('POST', '/v1/apply', text, { 'content-type': 'application/yaml' });
      assertProblem(response, 400, 'validation');
      assert.match(response.body.detail, /alias/i);
    }
    assert.equal(server.store.revision, revision);
  });

  test('a document the worker cannot finish within its time limit is refused with 413', async () => {
    await assert.rejects(
      runInWorker({ kind: 'policy-tests', input: 'kind: tessera/policy-tests' }, { timeoutMs: 20 }),
      (error: unknown) => error instanceof HttpProblem && error.status === 413 && /longer than/.test(error.message),
    );
  });
});
