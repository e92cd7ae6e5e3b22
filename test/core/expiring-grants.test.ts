/** Mappings with `notBefore` and `expiresAt`: the decision honours them exactly at the boundary. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AccessEngine } from '../../src/core/index.js';
import { exportDocument } from '../../src/document/export.js';
import { engineWith, target } from '../helpers.js';

const FROM = '2030-01-01T09:00:00.000Z';
const UNTIL = '2030-01-01T17:00:00.000Z';
const T_FROM = Date.parse(FROM);
const T_UNTIL = Date.parse(UNTIL);

const WORLD = `
permissions:
  - { key: api }
  - { key: api:publish }
  - { key: resource }
  - { key: resource:view-private }
organizations:
  - name: acme
    projects: [{ name: engineering }]
users:
  - { username: alice }
  - { username: bob }
  - { username: carol }
roles:
  - { name: Publisher, permissions: [api:publish] }
  - { name: Viewer, permissions: [api] }
groups:
  - { organization: acme, name: Oncall, members: [bob] }
mappings:
  - { role: Publisher, user: alice, organization: acme, notBefore: "${FROM}", expiresAt: "${UNTIL}" }
  - { role: Publisher, group: Oncall, project: acme/engineering, expiresAt: "${UNTIL}" }
  - { role: Viewer, user: carol, organization: acme }
`;

const at = (engine: AccessEngine, user: string, permission: string, where: string, now: number): boolean =>
  engine.check({ user, permission, resource: target(where), now }).allowed;

describe('a mapping with limits counts from notBefore (inclusive) until expiresAt (exclusive)', () => {
  const engine = engineWith(WORLD);

  test('one millisecond before notBefore it does not count; at notBefore it does', () => {
    assert.equal(at(engine, 'alice', 'api:publish', 'acme', T_FROM - 1), false);
    assert.equal(at(engine, 'alice', 'api:publish', 'acme', T_FROM), true);
  });

  test('one millisecond before expiresAt it counts; at expiresAt it no longer does', () => {
    assert.equal(at(engine, 'alice', 'api:publish', 'acme/engineering', T_UNTIL - 1), true);
    assert.equal(at(engine, 'alice', 'api:publish', 'acme/engineering', T_UNTIL), false);
  });

  test('the hot path allowed() honours the same boundaries', () => {
    assert.equal(engine.allowed('alice', 'api:publish', 'organization', 'acme', T_FROM), true);
    assert.equal(engine.allowed('alice', 'api:publish', 'organization', 'acme', T_UNTIL), false);
  });

  test('a group mapping with only expiresAt counts for its members until then', () => {
    assert.equal(at(engine, 'bob', 'api:publish', 'acme/engineering', 0), true);
    assert.equal(at(engine, 'bob', 'api:publish', 'acme/engineering', T_UNTIL), false);
  });

  test('mappings without limits are unaffected by the time asked', () => {
    assert.equal(at(engine, 'carol', 'api:publish', 'acme', 0), true);
    assert.equal(at(engine, 'carol', 'api:publish', 'acme', Number.MAX_SAFE_INTEGER), true);
  });

  test('without a time in the request the engine asks its clock', () => {
    let now = T_FROM;
    const clocked = new AccessEngine({ clock: () => now });
    clocked.apply(exportChanges(engine));
    assert.equal(clocked.check({ user: 'alice', permission: 'api:publish', resource: target('acme') }).allowed, true);
    now = T_UNTIL;
    assert.equal(clocked.check({ user: 'alice', permission: 'api:publish', resource: target('acme') }).allowed, false);
  });
});

describe('explanations name the expiry', () => {
  const engine = engineWith(WORLD);

  test('an allowed decision through a limited mapping names its expiresAt', () => {
    const explanation = engine.explain({
      user: 'alice',
      permission: 'api:publish',
      resource: target('acme'),
      now: T_FROM,
    });
    assert.equal(explanation.grant?.expiresAt, UNTIL);
    assert.equal(explanation.grant?.notBefore, FROM);
  });

  test('a denial after expiry says the mapping expired, and when', () => {
    const explanation = engine.explain({
      user: 'alice',
      permission: 'api:publish',
      resource: target('acme'),
      now: T_UNTIL,
    });
    assert.equal(explanation.grant, null);
    assert.equal(explanation.denial?.code, 'GRANT_EXPIRED');
    assert.match(explanation.denial?.reason ?? '', new RegExp(UNTIL.replaceAll('.', '\\.')));
  });

  test('a denial before notBefore says when the mapping starts counting', () => {
    const explanation = engine.explain({ user: 'alice', permission: 'api:publish', resource: target('acme'), now: 0 });
    assert.equal(explanation.denial?.code, 'GRANT_NOT_YET_VALID');
  });
});

describe('the other questions honour time limits', () => {
  const engine = engineWith(WORLD);

  test('permissionsAt, lookup and reverseLookup drop an expired mapping', () => {
    const held = (now: number) =>
      engine.permissionsAt({ user: 'alice', resource: target('acme'), now }).permissions.map((p) => p.key);
    assert.deepEqual(held(T_FROM), ['api:publish']);
    assert.deepEqual(held(T_UNTIL), []);
    const projects = (now: number) =>
      engine.lookup({ user: 'alice', permission: 'api:publish', type: 'project', now }).items.map((i) => i.name);
    assert.deepEqual(projects(T_FROM), ['engineering']);
    assert.deepEqual(projects(T_UNTIL), []);
    const who = (now: number) =>
      engine
        .reverseLookup({ permission: 'api:publish', resource: target('acme'), now })
        .items.map((i) => i.user?.name)
        .sort();
    assert.deepEqual(who(T_FROM), ['PRIMARY/alice', 'PRIMARY/carol']);
    assert.deepEqual(who(T_UNTIL), ['PRIMARY/carol']);
  });
});

describe('documents carry the limits', () => {
  test('export writes notBefore and expiresAt, and the export applies back to the same state', () => {
    const engine = engineWith(WORLD);
    const document = exportDocument(engine);
    const alice = document.mappings?.find((m) => m.user === 'PRIMARY/alice' || m.user === 'alice');
    assert.equal(alice?.notBefore, FROM);
    assert.equal(alice?.expiresAt, UNTIL);
    const copy = new AccessEngine();
    copy.apply(exportChanges(engine));
    assert.deepEqual(exportDocument(copy), document);
  });

  test('a mapping whose limits are malformed is refused', () => {
    assert.throws(
      () =>
        engineWith(`
organizations: [{ name: acme }]
users: [{ username: alice }]
roles: [{ name: R }]
mappings: [{ role: R, user: alice, organization: acme, notBefore: "${UNTIL}", expiresAt: "${FROM}" }]
`),
      /expiresAt must come after notBefore/,
    );
  });
});

/** The changes that rebuild an engine's records (mappings last), as the store reloads them. */
function exportChanges(engine: AccessEngine) {
  return [
    ...engine.permissions().map((permission) => ({ op: 'permission.put' as const, permission })),
    ...engine.organizations().map((organization) => ({ op: 'organization.put' as const, organization })),
    ...engine.projects().map((project) => ({ op: 'project.put' as const, project })),
    ...engine.users().map((user) => ({ op: 'user.put' as const, user })),
    ...engine.groups().map((group) => ({ op: 'group.put' as const, group })),
    ...engine
      .groups()
      .flatMap((g) =>
        engine.members(g.id).map((user) => ({ op: 'member.add' as const, membership: { group: g.id, user } })),
      ),
    ...engine.roles().map((role) => ({ op: 'role.put' as const, role })),
    ...engine.mappings().map((mapping) => ({ op: 'mapping.add' as const, mapping })),
  ];
}
