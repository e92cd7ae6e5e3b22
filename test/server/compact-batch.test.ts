import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { type TestServer, assertProblem } from './harness.js';
import { type DecisionFixture, startDecisionServer } from './decision-fixture.js';

/**
 * `POST /v1/check/batch` in its compact form (src/server/routes/decisions.ts): users, permissions
 * and resources listed once, checks as index triples, answered one character per triple. What it
 * answers must be exactly what the `checks` form answers. SQLite only: the store is not under test.
 */
describe('the compact batch', () => {
  let server: TestServer;
  let developer: DecisionFixture['developer'];
  let outsider: DecisionFixture['outsider'];
  let engineering: string;

  before(async () => {
    ({ server, developer, outsider, engineering } = await startDecisionServer());
  });
  after(() => server.close());

  const users = () => [developer.id, 'PRIMARY/dora', outsider.id, null, randomUUID()];
  const permissions = ['project:view', 'project:edit', 'project:delete', 'organization:view'];
  const resources = () => [
    { type: 'project', id: engineering },
    { type: 'project', id: `${server.home.name}/marketing` },
    { type: 'organization', id: server.home.id },
    { type: 'project', id: randomUUID() },
    { type: 'organization', id: 'no-such-organization' },
  ];

  test('answers one character per triple, in order, exactly as the checks form answers each check', async () => {
    const [u, p, r] = [users(), permissions, resources()];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.nat({ max: u.length - 1 }), fc.nat({ max: p.length - 1 }), fc.nat({ max: r.length - 1 })),
          { minLength: 1, maxLength: 40 },
        ),
        async (triples) => {
          const compact = await server.admin.post('/v1/check/batch', {
            users: u,
            permissions: p,
            resources: r,
            triples,
          });
          assert.equal(compact.status, 200, JSON.stringify(compact.body));
          assert.deepEqual(Object.keys(compact.body).sort(), ['allowed', 'revision']);
          assert.equal(compact.body.revision, server.store.revision);
          const checks = triples.map(([user, permission, resource]) => ({
            ...(u[user] === null ? {} : { user: u[user] }),
            permission: p[permission],
            resource: r[resource],
          }));
          const objects = await server.admin.post('/v1/check/batch', { checks });
          assert.equal(objects.status, 200, JSON.stringify(objects.body));
          assert.equal(
            compact.body.allowed,
            objects.body.decisions.map((d: { allowed: boolean }) => (d.allowed ? '1' : '0')).join(''),
          );
        },
      ),
      { numRuns: 25 },
    );
    // Dora, a Developer at home, may edit both projects; nobody may do anything at an unknown project.
    const dora = await server.admin.post('/v1/check/batch', {
      users: [developer.id],
      permissions: ['project:edit'],
      resources: resources(),
      triples: [
        [0, 0, 0],
        [0, 0, 1],
        [0, 0, 3],
      ],
    });
    assert.equal(dora.body.allowed, '110');
    // 10,000 triples: as many characters, in order.
    const many = Array.from({ length: 10_000 }, (_, i) => [0, 0, i % 3 === 0 ? 0 : 3]);
    const large = await server.admin.post('/v1/check/batch', {
      users: [developer.id],
      permissions: ['project:view'],
      resources: resources(),
      triples: many,
    });
    assert.equal(large.status, 200, JSON.stringify(large.body));
    assert.equal(large.body.allowed, many.map((_, i) => (i % 3 === 0 ? '1' : '0')).join(''));
  });

  test('a body of the wrong form, or an index past the end of its list, is a validation problem naming the field', async () => {
    const lists = { users: [developer.id], permissions: ['project:view'], resources: resources().slice(0, 1) };
    const check = { user: developer.id, permission: 'project:view', resource: { type: 'project', id: engineering } };
    const cases: [unknown, string][] = [
      [{}, 'checks'],
      [{ ...lists, triples: [[0, 0, 0]], checks: [check] }, 'checks'],
      [{ checks: [check], users: [developer.id] }, 'checks'],
      [{ ...lists }, 'triples'],
      [{ permissions: lists.permissions, resources: lists.resources, triples: [[0, 0, 0]] }, 'users'],
      [{ ...lists, triples: [] }, 'triples'],
      [{ ...lists, triples: [[0, 0]] }, 'triples[0]'],
      [{ ...lists, triples: [[0, 0, 0, 0]] }, 'triples[0]'],
      [{ ...lists, triples: [[0, -1, 0]] }, 'triples[0][1]'],
      [{ ...lists, triples: [[0, 0.5, 0]] }, 'triples[0][1]'],
      [
        {
          ...lists,
          triples: [
            [0, 0, 0],
            [0, 0, 1],
          ],
        },
        'triples[1][2]',
      ],
      [{ ...lists, triples: [[1, 0, 0]] }, 'triples[0][0]'],
      [{ ...lists, users: [], triples: [[0, 0, 0]] }, 'users'],
      [{ ...lists, resources: [{ type: 'project' }], triples: [[0, 0, 0]] }, 'resources[0].id'],
      [{ ...lists, triples: Array.from({ length: 10_001 }, () => [0, 0, 0]) }, 'triples'],
    ];
    for (const [body, path] of cases) {
      const answer = await server.admin.post('/v1/check/batch', body);
      assertProblem(answer, 400, 'validation');
      assert.ok(
        (answer.body.errors as { path: string }[]).some((error) => error.path === path),
        `${JSON.stringify(body).slice(0, 200)}: ${JSON.stringify(answer.body.errors)} names ${path}`,
      );
    }
    assertProblem(
      await server.admin.post('/v1/check/batch', {
        ...lists,
        permissions: ['project:view', 'project:fly'],
        triples: [[0, 0, 0]],
      }),
      400,
      'unknown-permission',
    );
  });

  test('a caller may list only itself; listing anyone else or the guest needs decision:check at home', async () => {
    const body = (listed: (string | null)[]) => ({
      users: listed,
      permissions: ['project:view'],
      resources: [{ type: 'project', id: engineering }],
      triples: [[0, 0, 0]],
    });
    const mine = await developer.client.post('/v1/check/batch', body([developer.id, 'PRIMARY/dora']));
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.equal(mine.body.allowed, '1');
    // Listed but never asked about still counts: the list says whom the caller asks about.
    assertProblem(await developer.client.post('/v1/check/batch', body([developer.id, outsider.id])), 403, 'forbidden');
    assertProblem(await developer.client.post('/v1/check/batch', body([developer.id, null])), 403, 'forbidden');
    assertProblem(await outsider.client.post('/v1/check/batch', body([developer.id])), 403, 'forbidden');
    assertProblem(await server.anonymous.post('/v1/check/batch', body([developer.id])), 401, 'unauthorized');
    const guest = await server.admin.post('/v1/check/batch', body([null]));
    assert.equal(guest.status, 200, JSON.stringify(guest.body));
    assert.equal(
      guest.body.allowed,
      server.store.engine.allowed(null, 'project:view', 'project', engineering) ? '1' : '0',
    );
  });
});
