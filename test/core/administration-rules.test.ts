import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Change,
  applicationRole,
  applicationRoleName,
  canAddMember,
  canAddRolePermissions,
  canCreateMapping,
  canDeleteRole,
  canEditGroup,
  canEditRole,
  canEditUser,
  canManageUser,
  checkNoLockout,
  holdsRole,
  requiresTwoFactor,
  roleMappedTo,
} from '../../src/core/index.js';
import { TREE, can, engineWith } from '../helpers.js';

const WORLD = `
${TREE}
userStores:
  - { name: LDAP, readOnly: true }
organizations:
  - name: acme
    requireTwoFactor: true
    projects: [{ name: engineering }, { name: sales }]
users:
  - { username: root }
  - { username: lead }
  - { username: alice }
  - { username: bob }
  - { username: LDAP/ext }
roles:
  - { name: Admin, permissions: ["*"], predefined: true }
  - { name: Developer, permissions: [project], predefined: true }
  - { name: Publisher, permissions: [api:publish] }
  - { name: Manager, permissions: [role:assign, group:manage, project] }
  - { name: Environment Manager, permissions: [project], predefined: true, deprecated: true }
  - { name: Infrastructure Manager, permissions: [project], predefined: true, assignable: false }
  - { name: Frozen, permissions: [project], editable: false }
  - { name: External, permissions: [api:read], store: LDAP }
  - { name: 2FA-exempt users, exemptFromTwoFactor: true }
groups:
  - { organization: acme, name: Admins, members: [root] }
  - { organization: acme, name: Publishers }
  - { organization: acme, name: Directory, store: LDAP }
mappings:
  - { role: Admin, group: Admins, organization: acme }
  - { role: Manager, user: lead, project: acme/engineering }
  - { role: Publisher, group: Publishers, organization: acme }
settings: { adminRole: Admin }
`;

function world(): ReturnType<typeof engineWith> {
  return engineWith(`preset: tessera\n${WORLD}`);
}

const id = (engine: ReturnType<typeof world>, username: string) => engine.user(username)!.id;
const role = (engine: ReturnType<typeof world>, name: string) => engine.findRole(name)!.id;
const project = (engine: ReturnType<typeof world>, name: string) => engine.projects().find((p) => p.name === name)!.id;
const org = (engine: ReturnType<typeof world>) => engine.organizations()[0]!.id;

describe('the administration rules (docs/administration.md)', () => {
  test('§3 no privilege escalation: an actor may map only a role whose permissions it holds there', () => {
    const engine = world();
    const lead = id(engine, 'lead');
    const bob = { kind: 'user', id: id(engine, 'bob') } as const;
    const engineering = { level: 'project', id: project(engine, 'engineering') } as const;
    assert.equal(
      canCreateMapping(engine, lead, { role: role(engine, 'Developer'), subject: bob, target: engineering }).ok,
      true,
    );
    const publish = canCreateMapping(engine, lead, {
      role: role(engine, 'Publisher'),
      subject: bob,
      target: engineering,
    });
    assert.equal(publish.ok, false);
    assert.equal(!publish.ok && publish.error.code, 'PRIVILEGE_ESCALATION');
    assert.deepEqual(!publish.ok && publish.error.details.missing, ['api:publish']);
    const elsewhere = canCreateMapping(engine, lead, {
      role: role(engine, 'Developer'),
      subject: bob,
      target: { level: 'project', id: project(engine, 'sales') },
    });
    assert.equal(!elsewhere.ok && elsewhere.error.code, 'PRIVILEGE_ESCALATION', 'held in one project, not in another');
  });

  test('§3 no privilege escalation: role:escalate lets an actor grant what it does not hold', () => {
    const engine = world();
    const root = id(engine, 'root');
    const result = canCreateMapping(engine, root, {
      role: role(engine, 'Publisher'),
      subject: { kind: 'user', id: id(engine, 'bob') },
      target: { level: 'organization', id: org(engine) },
    });
    assert.equal(result.ok, true);
  });

  test('§3 no privilege escalation when joining a group would give the new member more than the actor holds', () => {
    const engine = world();
    const lead = id(engine, 'lead');
    const publishers = engine.findGroup('acme', 'Publishers')!.id;
    const result = canAddMember(engine, lead, publishers);
    assert.equal(!result.ok && result.error.code, 'PRIVILEGE_ESCALATION');
    assert.equal(canAddMember(engine, id(engine, 'root'), publishers).ok, true);
  });

  test('§3 no privilege escalation when adding permissions to a role', () => {
    const engine = world();
    const lead = id(engine, 'lead');
    const developer = engine.roles().find((r) => r.name === 'Publisher')!.id;
    const result = canAddRolePermissions(engine, lead, developer, ['project:edit']);
    assert.equal(
      !result.ok && result.error.code,
      'PRIVILEGE_ESCALATION',
      'lead holds project only in one project, not in the organization',
    );
    assert.equal(canAddRolePermissions(engine, id(engine, 'root'), developer, ['project:edit', 'api']).ok, true);
  });

  test('§3 no privilege escalation counts the permissions a role carries through the roles it includes', () => {
    const engine = engineWith(
      `preset: tessera\n${WORLD}\n`.replace('roles:\n', 'roles:\n  - { name: Wrapper, includes: [Publisher] }\n'),
    );
    const lead = id(engine, 'lead');
    const result = canCreateMapping(engine, lead, {
      role: role(engine, 'Wrapper'),
      subject: { kind: 'user', id: id(engine, 'bob') },
      target: { level: 'project', id: project(engine, 'engineering') },
    });
    assert.equal(
      !result.ok && result.error.code,
      'PRIVILEGE_ESCALATION',
      'Wrapper carries api:publish through Publisher',
    );
    assert.deepEqual(!result.ok && result.error.details.missing, ['api:publish']);
  });

  test('§3 no privilege escalation when joining a group counts its mappings below the organization too', () => {
    const engine = engineWith(
      `preset: tessera\n${WORLD}`
        .replace('groups:\n', 'groups:\n  - { organization: acme, name: Sales }\n')
        .replace('mappings:\n', 'mappings:\n  - { role: Developer, group: Sales, project: acme/sales }\n'),
    );
    const sales = engine.findGroup('acme', 'Sales')!.id;
    const result = canAddMember(engine, id(engine, 'lead'), sales);
    assert.equal(
      !result.ok && result.error.code,
      'PRIVILEGE_ESCALATION',
      'lead holds project in engineering, not in sales',
    );
    assert.equal(canAddMember(engine, id(engine, 'root'), sales).ok, true);
  });

  test('§3 no privilege escalation when editing a role judges the role’s own organization, not any other', () => {
    const engine = engineWith(
      `preset: tessera\n${WORLD}`
        .replace('organizations:\n', 'organizations:\n  - { name: other }\n')
        .replace(
          'roles:\n',
          'roles:\n  - { name: Local, organization: acme }\n  - { name: Publishing, permissions: [api:publish, role:manage] }\n',
        )
        .replace('mappings:\n', 'mappings:\n  - { role: Publishing, user: bob, organization: other }\n'),
    );
    const bob = id(engine, 'bob');
    const acme = engine.organizations().find((o) => o.name === 'acme')!.id;
    const other = engine.organizations().find((o) => o.name === 'other')!.id;
    assert.equal(engine.allowed(bob, 'api:publish', 'organization', other), true);
    const result = canAddRolePermissions(engine, bob, engine.findRole('Local', acme)!.id, ['api:publish']);
    assert.equal(!result.ok && result.error.code, 'PRIVILEGE_ESCALATION', 'held in other, not in acme');
    assert.equal(acme === other, false);
  });

  test('§3 role:escalate alone lets an actor grant what it does not hold', () => {
    const engine = engineWith(
      `preset: tessera\n${WORLD}`
        .replace('roles:\n', 'roles:\n  - { name: Escalator, permissions: [role:escalate, role:assign] }\n')
        .replace('mappings:\n', 'mappings:\n  - { role: Escalator, user: alice, organization: acme }\n'),
    );
    const alice = id(engine, 'alice');
    assert.equal(
      engine.allowed(alice, 'api:publish', 'organization', org(engine)),
      false,
      'alice holds no api:publish',
    );
    const result = canCreateMapping(engine, alice, {
      role: role(engine, 'Publisher'),
      subject: { kind: 'user', id: id(engine, 'bob') },
      target: { level: 'organization', id: org(engine) },
    });
    assert.equal(result.ok, true);
  });

  test('reverse lookup answers each user with the highest-level grant', () => {
    const engine = engineWith(
      `preset: tessera\n${WORLD}`.replace(
        'mappings:\n',
        'mappings:\n  - { role: Developer, user: alice, organization: acme }\n  - { role: Developer, user: alice, project: acme/engineering }\n',
      ),
    );
    const page = engine.reverseLookup({
      permission: 'project:edit',
      resource: { type: 'project', id: 'acme/engineering' },
    });
    const alice = page.items.find((item) => item.user?.name === 'PRIMARY/alice');
    assert.equal(alice?.grant.target.level, 'organization');
  });

  test('§3 no lock-out: the last active admin cannot be removed, disabled, deleted or demoted', () => {
    const engine = world();
    const admins = engine.findGroup('acme', 'Admins')!.id;
    const root = engine.user('root')!;
    const mapping = engine.mappings().find((m) => m.role === role(engine, 'Admin'))!;
    const attempts: Change[][] = [
      [{ op: 'member.remove', membership: { group: admins, user: root.id } }],
      [{ op: 'user.put', user: { ...root, status: 'disabled' } }],
      [{ op: 'user.delete', id: root.id }],
      [{ op: 'mapping.remove', id: mapping.id }],
      [{ op: 'group.delete', id: admins, cascade: true }],
      [{ op: 'role.delete', id: role(engine, 'Admin'), cascade: true }],
    ];
    for (const changes of attempts) {
      const result = checkNoLockout(engine, changes);
      assert.equal(!result.ok && result.error.code, 'LAST_ADMIN', changes[0]!.op);
    }
    // With a second admin, removing the first is fine.
    engine.apply([{ op: 'member.add', membership: { group: admins, user: id(engine, 'alice') } }]);
    assert.equal(checkNoLockout(engine, attempts[0]!).ok, true);
    assert.equal(
      checkNoLockout(engine, [...attempts[0]!, { op: 'user.delete', id: id(engine, 'alice') }]).ok === false,
      true,
    );
  });

  test('§3 deprecated roles keep working for existing mappings but cannot be newly assigned', () => {
    const engine = world();
    const deprecated = role(engine, 'Environment Manager');
    engine.apply([
      {
        op: 'mapping.add',
        mapping: {
          id: 'legacy',
          role: deprecated,
          subject: { kind: 'user', id: id(engine, 'bob') },
          target: { level: 'organization', id: org(engine) },
        },
      },
    ]);
    assert.equal(can(engine, 'bob', 'project:edit', 'acme'), true);
    const result = canCreateMapping(engine, id(engine, 'root'), {
      role: deprecated,
      subject: { kind: 'user', id: id(engine, 'alice') },
      target: { level: 'organization', id: org(engine) },
    });
    assert.equal(!result.ok && result.error.code, 'ROLE_DEPRECATED');
  });

  test('§3 non-assignable infrastructure roles cannot be assigned', () => {
    const engine = world();
    const result = canCreateMapping(engine, id(engine, 'root'), {
      role: role(engine, 'Infrastructure Manager'),
      subject: { kind: 'user', id: id(engine, 'alice') },
      target: { level: 'organization', id: org(engine) },
    });
    assert.equal(!result.ok && result.error.code, 'ROLE_NOT_ASSIGNABLE');
  });

  test('§3 predefined roles cannot be deleted; custom ones can', () => {
    const engine = world();
    const result = canDeleteRole(engine, role(engine, 'Developer'));
    assert.equal(!result.ok && result.error.code, 'PREDEFINED_ROLE');
    assert.equal(canDeleteRole(engine, role(engine, 'Publisher')).ok, true);
  });

  test('§3 a role the preset marks not editable cannot have its permissions changed', () => {
    const engine = world();
    const result = canEditRole(engine, role(engine, 'Frozen'));
    assert.equal(!result.ok && result.error.code, 'ROLE_NOT_EDITABLE');
    assert.equal(canEditRole(engine, role(engine, 'Developer')).ok, true);
  });

  test('§3 a role mapped to an existing role inherits all its permissions and scopes, and follows its changes', () => {
    const engine = world();
    const publisher = engine.findRole('Publisher')!;
    engine.apply([{ op: 'scope.put', scope: { name: 'apim:api_publish', description: null, roles: [publisher.id] } }]);
    const { role: mapped, changes } = roleMappedTo('publisher', [publisher.id], { newId: () => 'mapped-role' });
    engine.apply([
      ...changes,
      {
        op: 'mapping.add',
        mapping: {
          id: 'm-bob',
          role: mapped.id,
          subject: { kind: 'user', id: id(engine, 'bob') },
          target: { level: 'organization', id: org(engine) },
        },
      },
    ]);
    assert.equal(can(engine, 'bob', 'api:publish', 'acme'), true);
    assert.deepEqual(
      engine.grantableScopes({
        user: 'bob',
        requested: ['apim:api_publish'],
        resource: { type: 'organization', id: 'acme' },
      }).granted,
      ['apim:api_publish'],
    );
    engine.apply([{ op: 'role.put', role: { ...publisher, permissions: ['api:analytics'] } }]);
    assert.equal(can(engine, 'bob', 'api:publish', 'acme'), false);
    assert.equal(can(engine, 'bob', 'api:analytics', 'acme'), true);
  });

  test('§3 application roles: named after owner, application and key type; no permissions; held by the owner only', () => {
    const engine = world();
    const alice = engine.user('alice')!;
    const created = applicationRole(
      engine,
      alice.id,
      'PizzaApp',
      'PRODUCTION',
      org(engine),
      () => `id-${Math.random()}`,
    );
    assert.ok('role' in created);
    engine.apply(created.changes);
    assert.equal(created.role.name, 'Application/alice_PizzaApp_PRODUCTION');
    assert.deepEqual(engine.rolePermissions(created.role.id), []);
    assert.equal(holdsRole(engine, alice.id, created.role.id, org(engine)), true);
    assert.equal(holdsRole(engine, id(engine, 'bob'), created.role.id, org(engine)), false);
    assert.equal(
      applicationRoleName({ username: 'sam@example.com', store: 'LDAP' }, 'App', 'SANDBOX'),
      'Application/LDAP_sam-AT-example.com_App_SANDBOX',
    );
  });

  test('§3 application roles are bound to the stable user id: a re-created username inherits nothing', () => {
    const engine = world();
    const alice = engine.user('alice')!;
    const created = applicationRole(engine, alice.id, 'PizzaApp', 'PRODUCTION', org(engine));
    assert.ok('role' in created);
    engine.apply(created.changes);
    engine.apply([{ op: 'user.delete', id: alice.id }]);
    assert.equal(engine.role(created.role.id), undefined, 'the application role went with its owner');
    engine.apply([{ op: 'user.put', user: { ...alice, id: 'new-alice' } }]);
    assert.equal(holdsRole(engine, 'new-alice', created.role.id, org(engine)), false);
    assert.equal(
      engine.roles().some((r) => r.owner === 'new-alice' || r.name.startsWith('Application/alice_')),
      false,
    );
    assert.throws(() => engine.apply([{ op: 'user.put', user: alice }]), { code: 'USER_ID_REUSED' });
  });

  test('§3 two-factor: required by the organization unless the user holds an exempt role', () => {
    const engine = world();
    assert.equal(requiresTwoFactor(engine, id(engine, 'alice'), org(engine)), true);
    engine.apply([
      {
        op: 'mapping.add',
        mapping: {
          id: 'exempt',
          role: role(engine, '2FA-exempt users'),
          subject: { kind: 'user', id: id(engine, 'alice') },
          target: { level: 'organization', id: org(engine) },
        },
      },
    ]);
    assert.equal(requiresTwoFactor(engine, id(engine, 'alice'), org(engine)), false);
    engine.apply([
      { op: 'organization.put', organization: { ...engine.organizations()[0]!, requireTwoFactor: false } },
    ]);
    assert.equal(requiresTwoFactor(engine, id(engine, 'bob'), org(engine)), false);
  });

  test('§3 read-only stores: their users, groups and roles can be mapped but not edited or deleted', () => {
    const engine = world();
    const ext = engine.user('LDAP/ext')!;
    const userResult = canEditUser(engine, ext.id);
    assert.equal(!userResult.ok && userResult.error.code, 'READ_ONLY_STORE');
    const directory = engine.findGroup('acme', 'Directory')!;
    const groupResult = canEditGroup(engine, directory.id);
    assert.equal(!groupResult.ok && groupResult.error.code, 'READ_ONLY_STORE');
    const external = role(engine, 'External');
    const roleResult = canDeleteRole(engine, external);
    assert.equal(!roleResult.ok && roleResult.error.code, 'READ_ONLY_STORE');
    const memberResult = canAddMember(engine, id(engine, 'root'), directory.id);
    assert.equal(!memberResult.ok && memberResult.error.code, 'READ_ONLY_STORE');
    const mapResult = canCreateMapping(engine, id(engine, 'root'), {
      role: role(engine, 'Developer'),
      subject: { kind: 'user', id: ext.id },
      target: { level: 'organization', id: org(engine) },
    });
    assert.equal(mapResult.ok, true);
    assert.equal(canEditUser(engine, id(engine, 'alice')).ok, true);
  });
});

describe('the administration rules name what they refuse', () => {
  test('a mapping of an unknown, infrastructure or deprecated role is refused, naming the role', () => {
    const engine = world();
    const lead = id(engine, 'lead');
    const bob = { kind: 'user', id: id(engine, 'bob') } as const;
    const target = { level: 'organization', id: org(engine) } as const;
    const unknown = canCreateMapping(engine, lead, { role: 'no-such-role', subject: bob, target });
    assert.equal(!unknown.ok && unknown.error.code, 'NOT_FOUND');
    const infra = role(engine, 'Infrastructure Manager');
    const blocked = canCreateMapping(engine, lead, { role: infra, subject: bob, target });
    assert.deepEqual(!blocked.ok && [blocked.error.code, blocked.error.details], [
      'ROLE_NOT_ASSIGNABLE',
      { role: infra },
    ]);
    const old = role(engine, 'Environment Manager');
    const deprecated = canCreateMapping(engine, lead, { role: old, subject: bob, target });
    assert.deepEqual(!deprecated.ok && [deprecated.error.code, deprecated.error.details], [
      'ROLE_DEPRECATED',
      { role: old },
    ]);
    const publish = canCreateMapping(engine, lead, { role: role(engine, 'Publisher'), subject: bob, target });
    assert.match(!publish.ok ? publish.error.message : '', /^granting "Publisher" here/);
  });

  test('joining an unknown group is refused; a group without mappings grants nothing, whatever other groups grant', () => {
    const engine = world();
    const lead = id(engine, 'lead');
    const unknown = canAddMember(engine, lead, 'no-such-group');
    assert.equal(!unknown.ok && unknown.error.code, 'NOT_FOUND');
    const empty = {
      id: '00000000-0000-4000-8000-00000000e0e0',
      organization: org(engine),
      name: 'Empty',
      store: 'PRIMARY',
    };
    engine.apply([{ op: 'group.put', group: { ...engine.findGroup('acme', 'Publishers')!, ...empty } }]);
    assert.equal(canAddMember(engine, lead, empty.id).ok, true);
    assert.equal(canAddMember(engine, lead, engine.findGroup('acme', 'Publishers')!.id).ok, false);
  });

  test('no takeover: the refusal names the user and what the actor lacks; an unknown user is no one to protect', () => {
    const engine = world();
    const lead = id(engine, 'lead');
    const root = id(engine, 'root');
    const refused = canManageUser(engine, lead, root);
    assert.equal(!refused.ok && refused.error.code, 'PRIVILEGE_ESCALATION');
    assert.equal(!refused.ok && refused.error.details.user, root);
    assert.ok(!refused.ok && (refused.error.details.missing as string[]).includes('api:publish'));
    const direct = canManageUser(engine, id(engine, 'bob'), lead);
    assert.equal(!direct.ok && direct.error.code, 'PRIVILEGE_ESCALATION', 'a role mapped to the user directly counts');
    assert.equal(canManageUser(engine, lead, 'no-such-user').ok, true);
    assert.equal(canManageUser(engine, root, lead).ok, true, 'takeover judged in every root organization by default');
  });

  test('joining a group is judged on every mapping of the group, not only the first', () => {
    const engine = world();
    const lead = id(engine, 'lead');
    const group = '00000000-0000-4000-8000-00000000e0e1';
    const subject = { kind: 'group', id: group } as const;
    engine.apply([
      { op: 'group.put', group: { ...engine.findGroup('acme', 'Publishers')!, id: group, name: 'Mixed' } },
      {
        op: 'mapping.add',
        mapping: {
          id: '00000000-0000-4000-8000-00000000e0e2',
          role: role(engine, 'Developer'),
          subject,
          target: { level: 'project', id: project(engine, 'engineering') },
        },
      },
      {
        op: 'mapping.add',
        mapping: {
          id: '00000000-0000-4000-8000-00000000e0e3',
          role: role(engine, 'Publisher'),
          subject,
          target: { level: 'organization', id: org(engine) },
        },
      },
    ]);
    const result = canAddMember(engine, lead, group);
    assert.equal(!result.ok && result.error.code, 'PRIVILEGE_ESCALATION');
  });

  test('no takeover: a user holding only what the actor holds may be managed; user:takeover alone suffices', () => {
    const engine = world();
    const lead = id(engine, 'lead');
    const bob = id(engine, 'bob');
    engine.apply([
      {
        op: 'mapping.add',
        mapping: {
          id: '00000000-0000-4000-8000-00000000e0e4',
          role: role(engine, 'Developer'),
          subject: { kind: 'user', id: bob },
          target: { level: 'project', id: project(engine, 'engineering') },
        },
      },
    ]);
    assert.equal(canManageUser(engine, lead, bob).ok, true);
    const takeover = '00000000-0000-4000-8000-00000000e0e5';
    engine.apply([
      {
        op: 'role.put',
        role: {
          ...engine.role(role(engine, 'Publisher'))!,
          id: takeover,
          name: 'Takeover',
          permissions: ['user:takeover'],
        },
      },
      {
        op: 'mapping.add',
        mapping: {
          id: '00000000-0000-4000-8000-00000000e0e6',
          role: takeover,
          subject: { kind: 'user', id: id(engine, 'alice') },
          target: { level: 'organization', id: org(engine) },
        },
      },
    ]);
    assert.equal(canManageUser(engine, id(engine, 'alice'), id(engine, 'root')).ok, true);
    assert.equal(
      canManageUser(engine, id(engine, 'alice'), id(engine, 'root'), []).ok,
      false,
      'only in the root scope',
    );
  });
});
