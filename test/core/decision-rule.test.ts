import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TREE, can, engineWith, target } from '../helpers.js';

const WORLD = `
${TREE}
organizations:
  - name: root
  - name: acme
    parent: root
    projects:
      - name: engineering
        resources:
          - { type: api, name: pizza, private: true }
          - { type: api, name: public-pets }
      - name: sales
users:
  - { username: alice }
  - { username: bob }
  - { username: carol, status: invited }
  - { username: dave, status: disabled }
  - { username: erin }
roles:
  - { name: Reader, permissions: [api:read] }
  - { name: Publisher, permissions: [api:publish] }
  - { name: ApiAll, permissions: [api] }
  - { name: Developer, permissions: [project] }
  - { name: Lead, includes: [Developer, Publisher] }
  - { name: Monitor, permissions: [api:analytics] }
  - { name: Auditor, permissions: ["resource:view-private"] }
groups:
  - { organization: acme, name: Engineering, members: [alice, dave] }
`;

function world(mappings: string, extra = ''): ReturnType<typeof engineWith> {
  return engineWith(`${WORLD}${extra}\nmappings:\n${mappings}`);
}

describe('the decision rule (docs/concepts.md#the-decision-rule)', () => {
  test('§2.1 a mapping whose subject is the user applies to that user only', () => {
    const engine = world('  - { role: Publisher, user: alice, organization: acme }');
    assert.equal(can(engine, 'alice', 'api:publish', 'acme'), true);
    assert.equal(can(engine, 'bob', 'api:publish', 'acme'), false);
  });

  test('§2.1 a mapping whose subject is a group applies to its members', () => {
    const engine = world('  - { role: Publisher, group: Engineering, organization: acme }');
    assert.equal(can(engine, 'alice', 'api:publish', 'acme'), true);
    assert.equal(can(engine, 'bob', 'api:publish', 'acme'), false);
  });

  test('§2.1 everyone means every active signed-in user: not invited users, not guests', () => {
    const engine = world('  - { role: Publisher, everyone: true, organization: acme }');
    assert.equal(can(engine, 'bob', 'api:publish', 'acme'), true);
    assert.equal(can(engine, 'carol', 'api:publish', 'acme'), false);
    assert.equal(can(engine, null, 'api:publish', 'acme'), false);
  });

  test('§2.1 anonymous means a guest, not a signed-in user', () => {
    const engine = world('  - { role: Reader, anonymous: true, organization: acme }');
    assert.equal(can(engine, null, 'api:read', 'api:acme/engineering/public-pets'), true);
    assert.equal(can(engine, 'bob', 'api:read', 'api:acme/engineering/public-pets'), false);
  });

  test('§2.2 a permission-tree node grants its whole subtree and nothing above it', () => {
    const engine = world(
      '  - { role: ApiAll, user: bob, organization: acme }\n  - { role: Publisher, user: erin, organization: acme }',
    );
    assert.equal(can(engine, 'bob', 'api:publish', 'acme'), true);
    assert.equal(can(engine, 'bob', 'api:analytics', 'acme'), true);
    assert.equal(can(engine, 'erin', 'api', 'acme'), false, 'holding a child does not grant the parent');
  });

  test('§2.2 a composite role grants the permissions of the roles it includes', () => {
    const engine = world('  - { role: Lead, user: bob, project: acme/engineering }');
    assert.equal(can(engine, 'bob', 'project:edit', 'acme/engineering'), true);
    assert.equal(can(engine, 'bob', 'api:publish', 'acme/engineering'), true);
    assert.equal(can(engine, 'bob', 'api:analytics', 'acme/engineering'), false);
  });

  test('§2.3 a mapping applies at its target and below it, never above or beside it', () => {
    const engine = world('  - { role: Developer, group: Engineering, project: acme/engineering }');
    assert.equal(can(engine, 'alice', 'project:edit', 'acme/engineering'), true);
    assert.equal(can(engine, 'alice', 'project', 'api:acme/engineering/public-pets'), true);
    assert.equal(can(engine, 'alice', 'project:edit', 'acme/sales'), false);
    assert.equal(can(engine, 'alice', 'project:edit', 'acme'), false);
  });

  test('§2.3 a parent organization’s mapping reaches its child organizations and their projects', () => {
    const engine = world('  - { role: Developer, user: bob, organization: root }');
    assert.equal(can(engine, 'bob', 'project:edit', 'acme'), true);
    assert.equal(can(engine, 'bob', 'project:edit', 'acme/sales'), true);
  });

  test('§2.4 a permission granted at a level it may not be granted at does not count there', () => {
    const engine = world(
      '  - { role: ApiAll, user: bob, organization: acme }\n  - { role: ApiAll, user: erin, resource: acme/engineering/api/public-pets }',
    );
    assert.equal(can(engine, 'bob', 'api:admins', 'api:acme/engineering/public-pets'), false);
    assert.equal(can(engine, 'erin', 'api:admins', 'api:acme/engineering/public-pets'), true);
    const explanation = engine.explain({
      user: 'bob',
      permission: 'api:admins',
      resource: target('api:acme/engineering/public-pets'),
    });
    assert.equal(explanation.denial?.code, 'LEVEL_NOT_GRANTABLE');
    assert.equal(explanation.denial?.reason, 'granted at organization level, but grantable only on the API itself');
  });

  test('§2.4 a private resource does not inherit visibility-gated permissions from its ancestors', () => {
    const engine = world(
      '  - { role: Reader, user: bob, organization: acme }\n  - { role: Reader, user: erin, resource: acme/engineering/api/pizza }',
    );
    assert.equal(can(engine, 'bob', 'api:read', 'api:acme/engineering/public-pets'), true);
    assert.equal(can(engine, 'bob', 'api:read', 'api:acme/engineering/pizza'), false);
    assert.equal(
      can(engine, 'erin', 'api:read', 'api:acme/engineering/pizza'),
      true,
      'an invitation on the resource grants it',
    );
    const explanation = engine.explain({
      user: 'bob',
      permission: 'api:read',
      resource: target('api:acme/engineering/pizza'),
    });
    assert.equal(explanation.denial?.code, 'PRIVATE_NOT_INVITED');
    assert.equal(explanation.denial?.reason, 'private API: not invited');
  });

  test('§2.4 resource:view-private lets ancestors’ gated permissions reach a private resource', () => {
    const engine = world(
      '  - { role: Reader, user: bob, organization: acme }\n  - { role: Auditor, user: bob, project: acme/engineering }',
    );
    assert.equal(can(engine, 'bob', 'api:read', 'api:acme/engineering/pizza'), true);
  });

  test('§2.4 permissions that are not visibility-gated still inherit into a private resource', () => {
    const engine = world('  - { role: Monitor, user: bob, organization: acme }');
    assert.equal(can(engine, 'bob', 'api:analytics', 'api:acme/engineering/pizza'), true);
  });

  test('§2.4 a disabled user is denied everything, whatever their groups grant', () => {
    const engine = world(
      '  - { role: Developer, group: Engineering, organization: acme }\n  - { role: Developer, user: dave, organization: acme }',
    );
    assert.equal(can(engine, 'alice', 'project:edit', 'acme'), true);
    assert.equal(can(engine, 'dave', 'project:edit', 'acme'), false);
    assert.equal(
      engine.explain({ user: 'dave', permission: 'project:edit', resource: target('acme') }).denial?.reason,
      'user disabled',
    );
  });

  test('grants are additive: a narrower mapping never takes away what a wider one grants', () => {
    const engine = world(
      '  - { role: Developer, user: bob, organization: acme }\n  - { role: Monitor, user: bob, project: acme/sales }',
    );
    assert.equal(can(engine, 'bob', 'project:edit', 'acme/sales'), true);
  });

  test('organization-level grants take precedence: the explanation names the highest-level mapping', () => {
    const engine = world(
      '  - { role: Developer, group: Engineering, project: acme/engineering }\n  - { role: Developer, user: alice, organization: acme }',
    );
    const decision = engine.check({
      user: 'alice',
      permission: 'project:edit',
      resource: target('acme/engineering'),
      explain: true,
    });
    assert.equal(decision.allowed, true);
    const explanation = decision.explanation!;
    assert.equal(explanation.grant?.target.level, 'organization');
    assert.equal(explanation.grants.length, 2);
    assert.equal(explanation.grants[1]?.group?.name, 'Engineering');
    assert.equal(explanation.grant?.node, 'project');
    assert.deepEqual(explanation.grant?.through, ['Developer']);
  });

  test('an explanation names the included role and the tree node that granted the permission', () => {
    const engine = world('  - { role: Lead, user: bob, organization: acme }');
    const grant = engine.explain({ user: 'bob', permission: 'project:edit', resource: target('acme') }).grant;
    assert.deepEqual(grant?.through, ['Lead', 'Developer']);
    assert.equal(grant?.node, 'project');
    assert.equal(grant?.role.name, 'Lead');
  });

  test('unknown users, permissions and targets are denied with the reason', () => {
    const engine = world('  - { role: Developer, user: bob, organization: acme }');
    const reason = (user: string, permission: string, where: string) =>
      engine.explain({ user, permission, resource: target(where) }).denial?.code;
    assert.equal(reason('nobody', 'project:edit', 'acme'), 'UNKNOWN_USER');
    assert.equal(reason('bob', 'project:delete', 'acme'), 'UNKNOWN_PERMISSION');
    assert.equal(reason('bob', 'project:edit', 'acme/nowhere'), 'UNKNOWN_TARGET');
    assert.equal(reason('bob', 'api:publish', 'acme'), 'NO_GRANT');
  });

  test('users are named by id, STORE/username or bare username; targets by id, path or unique name', () => {
    const engine = world('  - { role: Publisher, user: bob, resource: acme/engineering/api/public-pets }');
    const bob = engine.user('bob')!;
    const api = engine.resources().find((r) => r.name === 'public-pets')!;
    for (const user of [bob.id, 'PRIMARY/bob', 'bob']) {
      for (const id of [api.id, 'acme/engineering/api/public-pets', 'acme/engineering/public-pets', 'public-pets']) {
        assert.equal(
          engine.check({ user, permission: 'api:publish', resource: { type: 'api', id } }).allowed,
          true,
          `${user} ${id}`,
        );
      }
    }
    assert.equal(
      engine.check({ user: 'bob', permission: 'api:publish', resource: { type: 'application', id: api.id } }).allowed,
      false,
    );
  });
});

describe('the reads besides check (docs/concepts.md#other-questions)', () => {
  const engine = world(
    [
      '  - { role: Developer, group: Engineering, project: acme/engineering }',
      '  - { role: Reader, user: bob, organization: acme }',
      '  - { role: Reader, user: erin, resource: acme/engineering/api/pizza }',
      '  - { role: Reader, anonymous: true, resource: acme/engineering/api/public-pets }',
    ].join('\n'),
  );

  test('batch check answers each request at one revision', () => {
    const answer = engine.checkMany([
      { user: 'alice', permission: 'project:edit', resource: target('acme/engineering') },
      { user: 'alice', permission: 'project:edit', resource: target('acme/sales') },
    ]);
    assert.deepEqual(
      answer.decisions.map((d) => d.allowed),
      [true, false],
    );
    assert.ok(answer.decisions.every((d) => d.revision === answer.revision));
  });

  test('the permissions a user has at a target, each with its grant when asked', () => {
    const held = engine.permissionsAt({ user: 'alice', resource: target('acme/engineering'), explain: true });
    assert.deepEqual(
      held.permissions.map((p) => p.key),
      ['project', 'project:edit'],
    );
    assert.equal(held.permissions[0]?.grant?.group?.name, 'Engineering');
  });

  test('lookup lists every resource of a type the user may act on, paginated and complete', () => {
    const first = engine.lookup({ user: 'bob', permission: 'api:read', type: 'api', limit: 1 });
    assert.deepEqual(
      first.items.map((i) => i.name),
      ['public-pets'],
    );
    assert.equal(first.next, null, 'the private API is not visible to bob');
    const erin = engine.lookup({ user: 'erin', permission: 'api:read', type: 'api' });
    assert.deepEqual(
      erin.items.map((i) => i.path),
      ['acme/engineering/api/pizza'],
    );
    const projects = engine.lookup({ user: 'alice', permission: 'project:edit', type: 'project', explain: true });
    assert.deepEqual(
      projects.items.map((i) => i.path),
      ['acme/engineering'],
    );
    assert.deepEqual(
      [projects.items[0]?.grant?.role.name, projects.items[0]?.grant?.group?.name],
      ['Developer', 'Engineering'],
    );
  });

  test('lookup pages follow each other without gaps or repeats', () => {
    const projects = Array.from({ length: 27 }, (_, i) => `{ name: p${String(i).padStart(2, '0')} }`).join(', ');
    const many = engineWith(`${TREE}
organizations: [{ name: acme, projects: [${projects}] }]
users: [{ username: bob }]
roles: [{ name: Developer, permissions: [project] }]
mappings: [{ role: Developer, user: bob, organization: acme }]`);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const page = many.lookup({ user: 'bob', permission: 'project:edit', type: 'project', limit: 4, after });
      seen.push(...page.items.map((i) => i.id));
      after = page.next;
      if (after === null) break;
    }
    assert.equal(seen.length, 27);
    assert.equal(new Set(seen).size, 27);
    assert.deepEqual(seen, [...seen].sort());
  });

  test('reverse lookup lists who may act on a target and through which mapping', () => {
    const page = engine.reverseLookup({ permission: 'api:read', resource: target('api:acme/engineering/pizza') });
    assert.deepEqual(
      page.items.map((i) => i.user?.name),
      ['PRIMARY/erin'],
    );
    const open = engine.reverseLookup({ permission: 'api:read', resource: target('api:acme/engineering/public-pets') });
    assert.deepEqual(
      open.items.map((i) => [i.user?.name ?? 'guest', i.grant.target.level]),
      [
        ['guest', 'resource'],
        ['PRIMARY/bob', 'organization'],
      ],
    );
    const devs = engine.reverseLookup({ permission: 'project:edit', resource: target('acme/engineering') });
    assert.deepEqual(
      devs.items.map((i) => [i.user?.name, i.grant.group?.name]),
      [['PRIMARY/alice', 'Engineering']],
      'dave is disabled',
    );
  });
});
