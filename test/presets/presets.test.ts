import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AccessEngine } from '../../src/core/index.js';
import { applyDocument, exportDocument, planDocument } from '../../src/document/index.js';
import { PRESETS, engineFromPreset, presetResolver } from '../../src/presets/index.js';
import {
  akanaRoles,
  carbonPermissionKey,
  choreoRoles,
  wso2ApimPermissions,
  wso2ApimScopes,
} from '../fixtures/reference.js';

const scopesOf = (engine: AccessEngine, user: string, requested: string[], organization: string) =>
  engine.grantableScopes({ user, requested, resource: { type: 'organization', id: organization } }).granted;

describe('presets', () => {
  for (const preset of PRESETS) {
    test(`${preset} loads, validates against the schema, and exports back to the same state`, () => {
      const plan = planDocument(new AccessEngine(), { preset }, { presets: presetResolver });
      assert.ok(plan.ok, plan.ok ? '' : plan.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
      const { engine } = engineFromPreset(preset, 'organizations: [{ name: acme }]');
      assert.ok(engine.roles().length > 0);
      assert.ok(
        engine.roles().every((r) => r.predefined),
        'every preset role is predefined',
      );
      const copy = new AccessEngine();
      applyDocument(copy, exportDocument(engine));
      assert.deepEqual(exportDocument(copy), exportDocument(engine));
    });
  }

  test('an unknown preset is a clear error', () => {
    assert.throws(() => engineFromPreset('keycloak'), {
      code: 'NOT_FOUND',
      message: 'unknown preset "keycloak" (known: choreo, wso2-apim, akana)',
    });
  });
});

describe('choreo preset: the documented examples', () => {
  const { engine } = engineFromPreset(
    'choreo',
    `
organizations:
  - name: acme
    projects: [{ name: Engineering }, { name: Marketing }]
users: [{ username: alice }, { username: bob }, { username: carol }, { username: dave }]
groups:
  - { organization: acme, name: Engineering, members: [alice] }
  - { organization: acme, name: API Publisher, members: [bob] }
  - { organization: acme, name: Platform, members: [carol] }
mappings:
  - { role: Developer, group: Engineering, project: acme/Engineering }
  - { role: Developer, group: Platform, organization: acme }
`,
  );
  const can = (user: string, permission: string, type: string, id: string) =>
    engine.check({ user, permission, resource: { type, id } }).allowed;

  test('every role and predefined group of the Choreo docs is there, bound at organization level, holding what the docs say', () => {
    const reference = choreoRoles();
    assert.equal(reference.roles.length, 8);
    const acme = engine.organizations().find((o) => o.name === 'acme')!;
    for (const documented of reference.roles) {
      const role = engine.findRole(documented.name);
      assert.ok(role, `role ${documented.name}`);
      assert.ok(role.predefined, `${documented.name} is predefined`);
      assert.equal(role.deprecated, documented.deprecated === true, `${documented.name} deprecated`);
      assert.ok(role.description !== null && role.description.length > 0, `${documented.name} has a description`);
      const held = engine.rolePermissions(role.id);
      for (const key of documented.holds) assert.ok(held.includes(key), `${documented.name} holds ${key}`);
      for (const key of documented.lacks ?? []) assert.ok(!held.includes(key), `${documented.name} lacks ${key}`);
      if (documented.group === null) {
        assert.equal(engine.findGroup('acme', documented.name), undefined, `no group ${documented.name}`);
        continue;
      }
      const group = engine.findGroup('acme', documented.group);
      assert.ok(group, `group ${documented.group}`);
      const bound = engine
        .mappings()
        .filter((m) => m.subject.kind === 'group' && m.subject.id === group.id && m.role === role.id);
      assert.deepEqual(
        bound.map((m) => m.target),
        [{ level: 'organization', id: acme.id }],
        `${documented.group} is bound to ${documented.name} at the organization`,
      );
    }
  });

  test('the Engineering group with the Developer role in the Engineering project may edit that project, and no other', () => {
    assert.equal(can('alice', 'project:edit', 'project', 'acme/Engineering'), true);
    assert.equal(can('alice', 'project:edit', 'project', 'acme/Marketing'), false);
    const grant = engine.explain({
      user: 'alice',
      permission: 'project:edit',
      resource: { type: 'project', id: 'acme/Engineering' },
    }).grant;
    assert.deepEqual(
      [grant?.role.name, grant?.group?.name, grant?.target.level],
      ['Developer', 'Engineering', 'project'],
    );
  });

  test('edit_project at organization level edits every project; at project level only that one', () => {
    assert.equal(can('carol', 'project:edit', 'project', 'acme/Engineering'), true);
    assert.equal(can('carol', 'project:edit', 'project', 'acme/Marketing'), true);
    assert.equal(can('alice', 'project:edit', 'project', 'acme/Marketing'), false);
  });

  test('a user added to the API Publisher group receives the API Publisher role', () => {
    for (const permission of ['api:discover', 'api:create', 'api:publish', 'api:delete', 'api:test', 'api:manage']) {
      assert.equal(can('bob', permission, 'organization', 'acme'), true, permission);
    }
    assert.equal(can('dave', 'api:publish', 'organization', 'acme'), false);
    const group = engine.findGroup('acme', 'API Publisher')!;
    engine.apply([{ op: 'member.add', membership: { group: group.id, user: engine.user('dave')!.id } }]);
    assert.equal(can('dave', 'api:publish', 'organization', 'acme'), true);
    assert.equal(
      engine.explain({ user: 'dave', permission: 'api:publish', resource: { type: 'organization', id: 'acme' } }).grant
        ?.role.name,
      'API Publisher',
    );
  });

  test('the Admin role is the organization admin role and holds every administration permission', () => {
    assert.equal(engine.role(engine.settings.adminRole!)?.name, 'Admin');
    const admin = engine.rolePermissions(engine.findRole('Admin')!.id);
    for (const key of ['user:manage', 'group:manage', 'role:manage', 'project:edit', 'audit:view'])
      assert.ok(admin.includes(key), key);
  });
});

describe('wso2-apim preset: the documented examples', () => {
  const { engine } = engineFromPreset(
    'wso2-apim',
    `
organizations: [{ name: carbon.super }]
users: [{ username: admin }, { username: chris }, { username: pat }, { username: sam }]
mappings:
  - { role: admin, user: admin, organization: carbon.super }
  - { role: Internal/creator, user: chris, organization: carbon.super }
  - { role: Internal/publisher, user: pat, organization: carbon.super }
  - { role: Internal/subscriber, user: sam, organization: carbon.super }
`,
  );
  test('the full scope table of the newest release is there with the roles it allows', () => {
    const reference = wso2ApimScopes();
    assert.equal(reference.release, '4.7.0');
    assert.equal(reference.scopes.length, 107);
    assert.equal(engine.scopes().length, 107);
    for (const scope of reference.scopes) {
      const ours = engine.scopes().find((s) => s.name === scope.name);
      assert.ok(ours, scope.name);
      assert.deepEqual(ours.roles.map((id) => engine.role(id)!.name).sort(), [...scope.roles].sort(), scope.name);
    }
  });

  test('each role API-M creates holds exactly the permission-tree nodes it is granted there', () => {
    const reference = wso2ApimPermissions();
    const everything = engine.permissions().length;
    for (const documented of reference.roles) {
      const role = engine.findRole(documented.name);
      assert.ok(role, documented.name);
      assert.equal(role.editable, documented.editable ?? true, `${documented.name} editable`);
      const granted = documented.permissions.map(carbonPermissionKey);
      if (granted.includes('*')) {
        assert.equal(engine.rolePermissions(role.id).length, everything, `${documented.name} holds the whole tree`);
        continue;
      }
      const carbon = engine.rolePermissions(role.id).filter((key) => /^(admin|protected)(:|$)/.test(key));
      const leaves = carbon.filter((key) => !carbon.some((other) => other.startsWith(`${key}:`)));
      assert.deepEqual(leaves.sort(), granted.sort(), documented.name);
    }
    for (const path of reference.ungranted) {
      const key = carbonPermissionKey(path);
      assert.ok(
        engine.permissions().some((p) => p.key === key),
        `the tree has ${key}`,
      );
      const holders = engine.roles().filter((r) => engine.rolePermissions(r.id).includes(key));
      assert.deepEqual(
        holders.map((r) => r.name),
        ['admin'],
        key,
      );
    }
  });

  test('a creator asking for apim:api_create and apim:api_publish gets only apim:api_create', () => {
    assert.deepEqual(scopesOf(engine, 'chris', ['apim:api_create', 'apim:api_publish'], 'carbon.super'), [
      'apim:api_create',
    ]);
    const answer = engine.grantableScopes({
      user: 'chris',
      requested: ['apim:api_create', 'apim:api_publish'],
      resource: { type: 'organization', id: 'carbon.super' },
    });
    assert.deepEqual(answer.grantedBy, { 'apim:api_create': 'Internal/creator' });
    assert.deepEqual(answer.refused, [
      { scope: 'apim:api_publish', reason: 'none of the roles allowed this scope is held' },
    ]);
  });

  test('a publisher may publish, a subscriber may subscribe, and neither may create', () => {
    assert.deepEqual(
      scopesOf(engine, 'pat', ['apim:api_create', 'apim:api_publish', 'apim:subscribe'], 'carbon.super'),
      ['apim:api_publish'],
    );
    assert.deepEqual(
      scopesOf(engine, 'sam', ['apim:api_create', 'apim:api_publish', 'apim:subscribe'], 'carbon.super'),
      ['apim:subscribe'],
    );
    assert.equal(
      engine.check({
        user: 'pat',
        permission: 'admin:manage:api:publish',
        resource: { type: 'organization', id: 'carbon.super' },
      }).allowed,
      true,
    );
    assert.equal(
      engine.check({
        user: 'pat',
        permission: 'admin:manage:api:create',
        resource: { type: 'organization', id: 'carbon.super' },
      }).allowed,
      false,
    );
    assert.equal(
      engine.check({
        user: 'chris',
        permission: 'admin:configure:governance',
        resource: { type: 'organization', id: 'carbon.super' },
      }).allowed,
      true,
    );
  });

  test('admin holds the whole permission tree and cannot be edited; the default roles are all there', () => {
    const admin = engine.findRole('admin')!;
    assert.equal(admin.editable, false);
    assert.equal(engine.rolePermissions(admin.id).length, engine.permissions().length);
    for (const name of [
      'Internal/creator',
      'Internal/publisher',
      'Internal/subscriber',
      'Internal/devops',
      'Internal/analytics',
      'Internal/everyone',
    ]) {
      assert.ok(engine.findRole(name), name);
    }
  });

  test('a new role mapped to Internal/creator is allowed every scope Internal/creator is', () => {
    const creator = engine.findRole('Internal/creator')!;
    const organization = engine.organizations()[0]!.id;
    engine.apply([
      {
        op: 'role.put',
        role: {
          ...creator,
          id: 'creator-custom',
          name: 'creator',
          predefined: false,
          includes: [creator.id],
          permissions: [],
        },
      },
      {
        op: 'mapping.add',
        mapping: {
          id: 'm-sam-creator',
          role: 'creator-custom',
          subject: { kind: 'user', id: engine.user('sam')!.id },
          target: { level: 'organization', id: organization },
        },
      },
    ]);
    const creatorScopes = engine
      .scopes()
      .filter((s) => s.roles.includes(creator.id))
      .map((s) => s.name);
    assert.ok(creatorScopes.length > 10);
    assert.deepEqual(scopesOf(engine, 'sam', creatorScopes, 'carbon.super'), creatorScopes);
  });
});

describe('akana preset: the documented examples', () => {
  const { engine } = engineFromPreset(
    'akana',
    `
organizations:
  - name: acme
    resources:
      - { type: api, name: payments, private: true }
      - { type: api, name: weather }
users: [{ username: ann }, { username: ivan }, { username: mo }, { username: dev }]
roles:
  - { organization: acme, name: Monitor, permissions: [api:analytics:view] }
mappings:
  - { role: API Administrator, user: ann, organization: acme }
  - { role: API Administrator, user: ann, resource: acme/api/weather }
  - { role: API Admin, user: ivan, resource: acme/api/payments }
  - { role: Monitor, user: mo, organization: acme }
  - { role: API Developer, user: dev, organization: acme }
`,
  );
  const can = (user: string | null, permission: string, api: string) =>
    engine.check({ user, permission, resource: { type: 'api', id: api } }).allowed;

  test('every default role of the Akana docs is there, with its aliases and flags', () => {
    const reference = akanaRoles();
    assert.equal(reference.roles.length, 27);
    for (const documented of reference.roles) {
      const role = engine.findRole(documented.name);
      assert.ok(role, `role ${documented.name}`);
      assert.equal(role.name, documented.name);
      assert.ok(role.predefined, `${documented.name} is predefined`);
      assert.ok(role.description !== null && role.description.length > 0, documented.name);
      assert.equal(role.assignable, documented.portalAssignable ?? true, `${documented.name} assignable`);
      assert.equal(role.exemptFromTwoFactor, documented.exemptFromTwoFactor === true, `${documented.name} 2FA`);
      for (const alias of documented.aliases ?? [])
        assert.equal(engine.findRole(alias)?.name, documented.name, `${alias} is ${documented.name}`);
    }
  });

  test("an API Administrator not invited to an API cannot manage that API's administrators; an invited one can", () => {
    assert.equal(can('ann', 'api:admins:manage', 'acme/api/payments'), false);
    assert.equal(can('ivan', 'api:admins:manage', 'acme/api/payments'), true);
    assert.equal(can('ann', 'api:admins:manage', 'acme/api/weather'), true);
    const explanation = engine.explain({
      user: 'ann',
      permission: 'api:admins:manage',
      resource: { type: 'api', id: 'payments' },
    });
    assert.equal(explanation.denial?.reason, 'granted at organization level, but grantable only on the API itself');
  });

  test('a custom role with the Monitor permission only monitors every API, edits none, and sees private APIs only when invited', () => {
    assert.equal(can('mo', 'api:analytics:view', 'payments'), true);
    assert.equal(can('mo', 'api:analytics:view', 'weather'), true);
    assert.equal(can('mo', 'api:modify', 'weather'), false);
    assert.equal(can('mo', 'api:view', 'payments'), false);
    // As a signed-in platform user mo sees public APIs; the private one needs an invitation.
    assert.equal(can('mo', 'api:view', 'weather'), true);
    assert.equal(
      engine.explain({ user: 'mo', permission: 'api:view', resource: { type: 'api', id: 'payments' } }).denial?.reason,
      'private API: not invited',
    );
  });

  test('API Developers have read-only access; a guest sees public APIs only', () => {
    assert.equal(can('dev', 'api:view', 'weather'), true);
    assert.equal(can('dev', 'api:modify', 'weather'), false);
    assert.equal(can(null, 'api:view', 'weather'), true);
    assert.equal(can(null, 'api:view', 'payments'), false);
    assert.equal(can(null, 'api:modify', 'weather'), false);
  });

  test('roles defined at the root are available in every organization; an organization’s own roles only there', () => {
    const acme = engine.organizations().find((o) => o.name === 'acme')!.id;
    applyDocument(engine, 'organizations: [{ name: globex }]', { presets: presetResolver });
    const globex = engine.organizations().find((o) => o.name === 'globex')!.id;
    assert.ok(engine.findRole('Monitor', acme));
    assert.equal(engine.findRole('Monitor', globex), undefined);
    assert.ok(engine.findRole('API Administrator', globex));
  });
});
