import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Client, type TestServer, assertProblem } from './harness.js';
import { type DecisionFixture, startDecisionServer } from './decision-fixture.js';

/**
 * The decision routes run in a Fastify context of their own (src/server/app.ts, `decisionPlugin`):
 * what they skip must not change what they answer. The store is not what is tested here (the
 * decisions suite runs on both databases), so SQLite only.
 */
describe('the decision path', () => {
  let server: TestServer;
  let developer: DecisionFixture['developer'];
  let outsider: DecisionFixture['outsider'];
  let engineering: string;

  before(async () => {
    ({ server, developer, outsider, engineering } = await startDecisionServer());
  });
  after(() => server.close());

  const targets = () => [
    { type: 'project', id: engineering },
    { type: 'project', id: `${server.home.name}/marketing` },
    { type: 'organization', id: server.home.id },
    { type: 'project', id: randomUUID() },
  ];

  test('POST /v1/check/targets answers, in order, what POST /v1/check answers for each target', async () => {
    for (const user of [developer.id, 'PRIMARY/dora', outsider.id, undefined]) {
      for (const permission of ['project:view', 'project:edit', 'project:delete']) {
        const asked = targets();
        const answer = await server.admin.post('/v1/check/targets', { user, permission, targets: asked });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.equal(answer.body.revision, server.store.revision);
        const singles = await Promise.all(
          asked.map((resource) => server.admin.post('/v1/check', { user, permission, resource })),
        );
        assert.deepEqual(
          answer.body.decisions,
          singles.map((single) => ({ allowed: single.body.allowed })),
          `${user} ${permission}`,
        );
      }
    }
    const mixed = await server.admin.post('/v1/check/targets', {
      user: developer.id,
      permission: 'project:edit',
      targets: targets(),
    });
    // Dora is a Developer in the home organization: both projects; an unknown project is simply denied.
    assert.deepEqual(
      mixed.body.decisions.map((d: { allowed: boolean }) => d.allowed),
      [true, true, server.store.engine.allowed(developer.id, 'project:edit', 'organization', server.home.id), false],
    );
  });

  test('the compact form (type and ids) answers one character per id, 1 or 0, as the targets form answers each', async () => {
    const ids = [engineering, `${server.home.name}/marketing`, randomUUID(), engineering, 'no/such/path'];
    for (const user of [developer.id, 'PRIMARY/dora', outsider.id, undefined]) {
      for (const permission of ['project:view', 'project:edit', 'project:delete']) {
        const compact = await server.admin.post('/v1/check/targets', { user, permission, type: 'project', ids });
        assert.equal(compact.status, 200, JSON.stringify(compact.body));
        assert.deepEqual(Object.keys(compact.body).sort(), ['allowed', 'revision']);
        assert.equal(compact.body.revision, server.store.revision);
        const objects = await server.admin.post('/v1/check/targets', {
          user,
          permission,
          targets: ids.map((id) => ({ type: 'project', id })),
        });
        assert.equal(
          compact.body.allowed,
          objects.body.decisions.map((d: { allowed: boolean }) => (d.allowed ? '1' : '0')).join(''),
          `${user} ${permission}`,
        );
      }
    }
    const dora = await server.admin.post('/v1/check/targets', {
      user: developer.id,
      permission: 'project:edit',
      type: 'project',
      ids,
    });
    assert.equal(dora.body.allowed, '11010');
    // Many ids: as many characters, in order.
    const many = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? engineering : randomUUID()));
    const large = await server.admin.post('/v1/check/targets', {
      user: developer.id,
      permission: 'project:view',
      type: 'project',
      ids: many,
    });
    assert.equal(large.status, 200, JSON.stringify(large.body));
    assert.equal(large.body.allowed, many.map((_, i) => (i % 3 === 0 ? '1' : '0')).join(''));
  });

  test('a compact question of the wrong form is a validation problem; authorization is as for the targets form', async () => {
    const body = { user: developer.id, permission: 'project:view' };
    const targetList = [{ type: 'project', id: engineering }];
    const cases: [unknown, string][] = [
      [{ ...body }, 'targets'],
      [{ ...body, targets: targetList, type: 'project', ids: [engineering] }, 'targets'],
      [{ ...body, targets: targetList, ids: [engineering] }, 'targets'],
      [{ ...body, ids: [engineering] }, 'type'],
      [{ ...body, type: 'project' }, 'ids'],
      [{ ...body, type: 'project', ids: [] }, 'ids'],
      [{ ...body, type: 'project', ids: [''] }, 'ids[0]'],
      [{ ...body, type: '', ids: [engineering] }, 'type'],
      [{ ...body, type: 'project', ids: Array.from({ length: 10_001 }, () => engineering) }, 'ids'],
    ];
    for (const [question, path] of cases) {
      const answer = await server.admin.post('/v1/check/targets', question);
      assertProblem(answer, 400, 'validation');
      assert.ok(
        (answer.body.errors as { path: string }[]).some((error) => error.path === path),
        `${JSON.stringify(answer.body.errors)} names ${path}`,
      );
    }
    assertProblem(
      await server.admin.post('/v1/check/targets', {
        ...body,
        permission: 'project:fly',
        type: 'project',
        ids: [engineering],
      }),
      400,
      'unknown-permission',
    );
    const compact = { ...body, type: 'project', ids: [engineering] };
    assert.equal((await developer.client.post('/v1/check/targets', compact)).body.allowed, '1');
    assertProblem(await outsider.client.post('/v1/check/targets', compact), 403, 'forbidden');
    assertProblem(await server.anonymous.post('/v1/check/targets', compact), 401, 'unauthorized');
  });

  test('asking about oneself needs nothing; asking about another user or the guest needs decision:check', async () => {
    const mine = await developer.client.post('/v1/check/targets', {
      user: developer.id,
      permission: 'project:view',
      targets: targets(),
    });
    assert.equal(mine.status, 200);
    assertProblem(
      await outsider.client.post('/v1/check/targets', {
        user: developer.id,
        permission: 'project:view',
        targets: targets(),
      }),
      403,
      'forbidden',
    );
    assertProblem(
      await outsider.client.post('/v1/check/targets', { permission: 'project:view', targets: targets() }),
      403,
      'forbidden',
    );
  });

  test('a bad question is a problem: unknown permission, no targets, too many, unknown fields, no credentials', async () => {
    const body = { user: developer.id, permission: 'project:view', targets: targets() };
    assertProblem(
      await server.admin.post('/v1/check/targets', { ...body, permission: 'project:fly' }),
      400,
      'unknown-permission',
    );
    assertProblem(await server.admin.post('/v1/check/targets', { ...body, targets: [] }), 400, 'validation');
    const many = Array.from({ length: 1001 }, () => ({ type: 'project', id: engineering }));
    assertProblem(await server.admin.post('/v1/check/targets', { ...body, targets: many }), 400, 'validation');
    assertProblem(await server.admin.post('/v1/check/targets', { ...body, explain: true }), 400, 'validation');
    assertProblem(await server.anonymous.post('/v1/check/targets', body), 401, 'unauthorized');
    assertProblem(
      await new Client(server.url, 'tpat_not-a-token').post('/v1/check/targets', body),
      401,
      'unauthorized',
    );
  });

  test('bodies that would pollute a prototype or are not JSON get the same 400 on decision routes as elsewhere', async () => {
    const bodies = [
      '{"user": "x", "permission": "project:view", "resource": {"type": "project", "id": "p"}, "__proto__": {"admin": true}}',
      '{"user": "x", "permission": "project:view", "resource": {"type": "project", "id": "p"}, "\\u005f_proto__": {"admin": true}}',
      '{"user": "x", "permission": "project:view", "resource": {"type": "project", "id": "p"}, "constructor": {"prototype": {"admin": true}}}',
      '{"user": "x", "permission": "project:view", ',
      '{"user": "x"} trailing',
    ];
    for (const body of bodies) {
      const decision = await server.admin.request('POST', '/v1/check', body);
      const elsewhere = await server.admin.request('POST', '/v1/organizations', body);
      assertProblem(decision, 400, 'bad-request');
      assertProblem(elsewhere, 400, 'bad-request');
      assert.equal(decision.body.detail, elsewhere.body.detail, body);
    }
    // A body with an escape that spells nothing dangerous is parsed as usual.
    const escaped = await server.admin.request(
      'POST',
      '/v1/check',
      JSON.stringify({
        user: 'PRIMARY/\u0064ora',
        permission: 'project:view',
        resource: { type: 'project', id: engineering },
      }).replace('dora', '\\u0064ora'),
    );
    assert.equal(escaped.status, 200, JSON.stringify(escaped.body));
    assert.equal(escaped.body.allowed, true);
  });

  test('a console session cookie works on the decision routes, and an unsafe request by cookie still needs the CSRF token', async () => {
    const signIn = await server.anonymous.post('/v1/session', { username: 'dora', password: developer.password });
    assert.equal(signIn.status, 200);
    const session = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = signIn.body.csrfToken as string;
    const body = { permission: 'project:view', resource: { type: 'project', id: engineering }, user: developer.id };
    assertProblem(await server.anonymous.request('POST', '/v1/check', body, { cookie: session }), 403, 'csrf');
    assertProblem(
      await server.anonymous.request('POST', '/v1/check', body, { cookie: session, 'x-csrf-token': 'forged' }),
      403,
      'csrf',
    );
    const allowed = await server.anonymous.request('POST', '/v1/check', body, {
      cookie: `theme=dark; ${session}`,
      'x-csrf-token': csrf,
    });
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
    assert.equal(allowed.body.allowed, true);
    // An unknown or expired session cookie is no session: anonymous, so turned away.
    assertProblem(
      await server.anonymous.request('POST', '/v1/check', body, { cookie: 'tessera_session=tss_unknown' }),
      401,
      'unauthorized',
    );
  });

  test('decision answers say nosniff and no-store and set no cookie; errors are problem+json with the same headers', async () => {
    const answer = await server.admin.post('/v1/check', {
      permission: 'project:view',
      resource: { type: 'project', id: engineering },
    });
    assert.equal(answer.status, 200);
    for (const response of [answer, await server.anonymous.post('/v1/check/batch', { checks: [] })]) {
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('set-cookie'), null);
    }
    assertProblem(await server.admin.request('GET', '/v1/check'), 404, 'route-not-found');
    const notFound = await server.admin.request('GET', '/v1/check');
    assert.equal(notFound.headers.get('x-content-type-options'), 'nosniff');
  });

  test('decisions and requests counted in plain integers reach /metrics when scraped', async () => {
    const count = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
    const allowed = /tessera_checks_total\{endpoint="targets",allowed="true"\} (\d+)/;
    const denied = /tessera_checks_total\{endpoint="targets",allowed="false"\} (\d+)/;
    const timed = /tessera_decision_seconds_count\{endpoint="targets"\} (\d+)/;
    const inf = /tessera_decision_seconds_bucket\{le="\+Inf",endpoint="targets"\} (\d+)/;
    const requests = /tessera_http_requests_total\{method="POST",route="\/v1\/check\/targets",status="200"\} (\d+)/;
    const first = String((await server.admin.get('/metrics')).body);
    for (let i = 0; i < 3; i++) {
      const answer = await server.admin.post('/v1/check/targets', {
        user: developer.id,
        permission: 'project:edit',
        targets: [
          { type: 'project', id: engineering },
          { type: 'project', id: randomUUID() },
        ],
      });
      assert.equal(answer.status, 200);
    }
    const second = String((await server.admin.get('/metrics')).body);
    assert.equal(count(second, allowed) - count(first, allowed), 3);
    assert.equal(count(second, denied) - count(first, denied), 3);
    assert.equal(count(second, timed) - count(first, timed), 3);
    assert.equal(count(second, inf), count(second, timed));
    assert.equal(count(second, requests) - count(first, requests), 3);
    assert.match(second, /# TYPE tessera_decision_seconds histogram/);
    // A scrape with nothing new leaves the counts as they were (each count is added once).
    const third = String((await server.admin.get('/metrics')).body);
    assert.equal(count(third, allowed), count(second, allowed));
    assert.equal(count(third, requests), count(second, requests));
  });
});
