import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Change } from '../../src/core/changes.js';
import { type GateActor, OPERATOR_ACTOR, SYSTEM_ACTOR, judge } from '../../src/core/gate.js';
import { ADMINISTRATION_PERMISSIONS } from '../../src/core/model.js';
import { engineWith } from '../helpers.js';

const WORLD = `
preset: tessera
permissions:
  - { key: api }
  - { key: api:publish }
  - { key: api:retire }
organizations:
  - name: acme
    projects: [{ name: engineering }]
  - name: beta
users:
  - { username: root }
  - { username: lead }
  - { username: bob }
  - { username: esc }
roles:
  - { name: Admin, permissions: ["*"], predefined: true }
  - { name: Publisher, permissions: [api:publish] }
  - { name: Manager, permissions: [role:assign, role:manage, user:manage] }
  - { name: Infra, permissions: [api], assignable: false }
  - { name: Old, permissions: [api], deprecated: true }
  - { name: Viewer, permissions: [api], predefined: true }
  - { name: Frozen, permissions: [api], editable: false }
  - { name: Escalator, permissions: [role:escalate, role:assign] }
groups:
  - { organization: acme, name: Admins, members: [root] }
mappings:
  - { role: Admin, group: Admins, organization: acme }
  - { role: Manager, user: lead, organization: acme }
  - { role: Escalator, user: esc, organization: acme }
settings: { adminRole: Admin }
`;

function setup() {
  const engine = engineWith(WORLD);
  const id = (name: string) => engine.user(name)!.id;
  const role = (name: string) => engine.findRole(name)!.id;
  const acme = engine.organizations()[0]!.id;
  const as = (name: string): GateActor => ({ kind: 'user', id: id(name), rootScope: [acme] });
  const map = (roleName: string, user: string): Change => ({
    op: 'mapping.add',
    mapping: {
      id: randomUUID(),
      role: role(roleName),
      subject: { kind: 'user', id: id(user) },
      target: { level: 'organization', id: acme },
    },
  });
  return { engine, id, role, acme, as, map };
}

const codes = (violations: readonly { code: string }[]) => violations.map((v) => v.code);

describe('the administration gate', () => {
  test('judges nothing for an empty batch and leaves the engine as it was after judging', () => {
    const { engine, as, map } = setup();
    assert.deepEqual(judge(engine, as('lead'), []), []);
    const before = engine.mappings().length;
    const revision = engine.revision;
    judge(engine, as('lead'), [map('Publisher', 'bob')]);
    assert.equal(engine.mappings().length, before);
    assert.equal(engine.revision, revision);
  });

  test("Tessera's own administration permissions cannot be deleted or regranted elsewhere, except by the system", () => {
    const { engine, as } = setup();
    const view = engine.permission('user:view')!;
    const remove: Change = { op: 'permission.delete', key: 'user:view' };
    const narrow: Change = { op: 'permission.put', permission: { ...view, levels: ['resource'] } };
    const describe: Change = { op: 'permission.put', permission: { ...view, description: 'Read users' } };
    assert.deepEqual(codes(judge(engine, as('root'), [remove])), ['PERMISSION_RESERVED']);
    assert.deepEqual(codes(judge(engine, OPERATOR_ACTOR, [narrow])), ['PERMISSION_RESERVED']);
    assert.deepEqual(judge(engine, as('root'), [describe]), []);
    assert.deepEqual(judge(engine, SYSTEM_ACTOR, [remove]), []);
    // The platform's own permissions stay the administrators' to change.
    const publish = engine.permission('api:publish')!;
    const narrowPublish: Change = { op: 'permission.put', permission: { ...publish, levels: ['resource'] } };
    assert.deepEqual(judge(engine, as('root'), [narrowPublish]), []);
  });

  test('the reserved permissions are exactly those presets/tessera.yaml declares', () => {
    const declared = engineWith('preset: tessera')
      .permissions()
      .map((p) => p.key);
    assert.deepEqual([...ADMINISTRATION_PERMISSIONS].sort(), declared.sort());
  });

  test('escalation: a user actor may not map what it does not hold; the system and the operator are not judged on it', () => {
    const { engine, as, map } = setup();
    assert.deepEqual(codes(judge(engine, as('lead'), [map('Publisher', 'bob')])), ['PRIVILEGE_ESCALATION']);
    assert.deepEqual(judge(engine, as('root'), [map('Publisher', 'bob')]), []);
    assert.deepEqual(judge(engine, OPERATOR_ACTOR, [map('Publisher', 'bob')]), []);
    assert.deepEqual(judge(engine, SYSTEM_ACTOR, [map('Publisher', 'bob')]), []);
  });

  test('assignability and deprecation hold for every actor but the system, through included roles too', () => {
    const { engine, as, map, role, id, acme } = setup();
    assert.deepEqual(codes(judge(engine, as('root'), [map('Infra', 'bob')])), ['ROLE_NOT_ASSIGNABLE']);
    assert.deepEqual(codes(judge(engine, OPERATOR_ACTOR, [map('Infra', 'bob')])), ['ROLE_NOT_ASSIGNABLE']);
    assert.deepEqual(codes(judge(engine, as('root'), [map('Old', 'bob')])), ['ROLE_DEPRECATED']);
    const wrapper = {
      ...engine.role(role('Publisher'))!,
      id: randomUUID(),
      name: 'Wrapper',
      includes: [role('Infra')],
    };
    const mapWrapper: Change = {
      op: 'mapping.add',
      mapping: {
        id: randomUUID(),
        role: wrapper.id,
        subject: { kind: 'user', id: id('bob') },
        target: { level: 'organization', id: acme },
      },
    };
    assert.deepEqual(codes(judge(engine, as('root'), [{ op: 'role.put', role: wrapper }, mapWrapper])), [
      'ROLE_NOT_ASSIGNABLE',
    ]);
    assert.deepEqual(judge(engine, SYSTEM_ACTOR, [map('Infra', 'bob')]), []);
  });

  test('an infrastructure role cannot be edited or made assignable, except by the system', () => {
    const { engine, as, role } = setup();
    const infra = engine.role(role('Infra'))!;
    const change: Change = { op: 'role.put', role: { ...infra, assignable: true } };
    assert.deepEqual(codes(judge(engine, as('root'), [change])), ['ROLE_NOT_EDITABLE']);
    assert.deepEqual(judge(engine, SYSTEM_ACTOR, [change]), []);
  });

  test('lock-out: removing the last admin, disabling him or emptying the admin role is refused; force skips it', () => {
    const { engine, as, id, role } = setup();
    const admins = engine.findGroup('acme', 'Admins')!.id;
    const remove: Change = { op: 'member.remove', membership: { group: admins, user: id('root') } };
    assert.deepEqual(codes(judge(engine, as('root'), [remove])), ['LAST_ADMIN']);
    const disable: Change = { op: 'user.put', user: { ...engine.user('root')!, status: 'disabled' } };
    assert.deepEqual(codes(judge(engine, OPERATOR_ACTOR, [disable])), ['LAST_ADMIN']);
    assert.deepEqual(judge(engine, { kind: 'operator', force: true }, [disable]), []);
    const empty: Change = { op: 'role.put', role: { ...engine.role(role('Admin'))!, permissions: [] } };
    assert.deepEqual(codes(judge(engine, as('root'), [empty])), ['LAST_ADMIN']);
  });

  test('takeover: a user manager cannot disable or delete someone holding more than he does', () => {
    const { engine, as } = setup();
    const disable: Change = { op: 'user.put', user: { ...engine.user('root')!, status: 'disabled' } };
    const second: Change = {
      op: 'member.add',
      membership: { group: engine.findGroup('acme', 'Admins')!.id, user: engine.user('bob')!.id },
    };
    // With a second admin no lock-out is involved: the refusal is the takeover rule.
    assert.deepEqual(codes(judge(engine, as('lead'), [second, disable])).includes('PRIVILEGE_ESCALATION'), true);
    assert.deepEqual(codes(judge(engine, as('lead'), [{ op: 'user.delete', id: engine.user('bob')!.id }])), []);
  });

  test('usernames are unique regardless of case within a store, for every actor', () => {
    const { engine } = setup();
    const clash: Change = {
      op: 'user.put',
      user: { id: randomUUID(), username: 'ROOT', store: 'PRIMARY', email: null, status: 'active' },
    };
    assert.deepEqual(codes(judge(engine, SYSTEM_ACTOR, [clash])), ['DUPLICATE']);
  });

  test('an escalation names the role and exactly the permissions the actor lacks; role:escalate lifts the rule', () => {
    const { engine, as, map, role } = setup();
    assert.deepEqual(judge(engine, as('lead'), [map('Publisher', 'bob')]), [
      {
        code: 'PRIVILEGE_ESCALATION',
        message: 'granting "Publisher" here would give permissions the actor does not hold: api:publish',
        details: { role: role('Publisher'), missing: ['api:publish'] },
      },
    ]);
    assert.deepEqual(judge(engine, as('esc'), [map('Publisher', 'bob')]), []);
  });

  test('joining a group is judged as the grant of the roles mapped to the group', () => {
    const { engine, as, id, role } = setup();
    const join: Change = {
      op: 'member.add',
      membership: { group: engine.findGroup('acme', 'Admins')!.id, user: id('bob') },
    };
    const [violation, ...rest] = judge(engine, as('lead'), [join]);
    assert.ok(violation);
    assert.equal(violation.code, 'PRIVILEGE_ESCALATION');
    assert.equal(violation.details.role, role('Admin'));
    assert.ok((violation.details.missing as string[]).includes('api:publish'));
    assert.ok(!(violation.details.missing as string[]).includes('role:assign'), 'what lead holds is not missing');
    assert.deepEqual(rest, []);
    assert.deepEqual(judge(engine, as('root'), [join]), []);
  });

  test('a role may not grow beyond what the actor holds; the same permissions in another order are no growth', () => {
    const { engine, as, role, acme } = setup();
    const manager = engine.role(role('Manager'))!;
    const grown: Change = {
      op: 'role.put',
      role: { ...manager, permissions: [...manager.permissions, 'api:publish'] },
    };
    assert.deepEqual(judge(engine, as('lead'), [grown]), [
      {
        code: 'PRIVILEGE_ESCALATION',
        message: '"Manager" would give more than the actor holds: api:publish',
        details: { role: manager.id, missing: ['api:publish'] },
      },
    ]);
    const reordered: Change = { op: 'role.put', role: { ...manager, permissions: [...manager.permissions].reverse() } };
    assert.deepEqual(judge(engine, as('lead'), [reordered]), []);
    const created: Change = {
      op: 'role.put',
      role: { ...engine.role(role('Publisher'))!, id: randomUUID(), name: 'Copy' },
    };
    assert.deepEqual(codes(judge(engine, as('lead'), [created])), ['PRIVILEGE_ESCALATION']);
    const inAcme: Change = {
      op: 'role.put',
      role: { ...engine.role(role('Publisher'))!, id: randomUUID(), name: 'Acme publisher', organization: acme },
    };
    assert.deepEqual(codes(judge(engine, as('lead'), [inAcme])), ['PRIVILEGE_ESCALATION']);
    assert.deepEqual(judge(engine, as('esc'), [inAcme]), [], 'role:escalate in the organization lifts it');
  });

  test('what the batch creates is not judged as a grant: a new organization, its roles and its mappings', () => {
    const { engine, as, id, role } = setup();
    const organization = randomUUID();
    const batch: Change[] = [
      {
        op: 'organization.put',
        organization: { id: organization, name: 'fresh', parent: null, requireTwoFactor: false, adminRole: null },
      },
      { op: 'role.put', role: { ...engine.role(role('Publisher'))!, id: randomUUID(), name: 'Own', organization } },
      {
        op: 'mapping.add',
        mapping: {
          id: randomUUID(),
          role: role('Publisher'),
          subject: { kind: 'user', id: id('bob') },
          target: { level: 'organization', id: organization },
        },
      },
    ];
    assert.deepEqual(judge(engine, as('lead'), batch), []);
  });

  test('a predefined role can be deleted by the operator only', () => {
    const { engine, as, role } = setup();
    const remove: Change = { op: 'role.delete', id: role('Viewer') };
    assert.deepEqual(judge(engine, as('root'), [remove]), [
      {
        code: 'PREDEFINED_ROLE',
        message: '"Viewer" is predefined: copy it into a custom role instead',
        details: { role: role('Viewer') },
      },
    ]);
    assert.deepEqual(judge(engine, OPERATOR_ACTOR, [remove]), []);
  });

  test('a non-editable role keeps its permissions but may be renamed', () => {
    const { engine, as, role } = setup();
    const frozen = engine.role(role('Frozen'))!;
    const edit: Change = { op: 'role.put', role: { ...frozen, permissions: ['api', 'api:publish'] } };
    assert.deepEqual(judge(engine, as('root'), [edit]), [
      {
        code: 'ROLE_NOT_EDITABLE',
        message: 'the permissions of "Frozen" cannot be edited',
        details: { role: frozen.id },
      },
    ]);
    assert.deepEqual(judge(engine, as('root'), [{ op: 'role.put', role: { ...frozen, name: 'Ice' } }]), []);
  });

  test('a role in use cannot come to include an infrastructure role; an unmapped one can', () => {
    const { engine, as, role } = setup();
    const manager = engine.role(role('Manager'))!;
    assert.deepEqual(judge(engine, as('root'), [{ op: 'role.put', role: { ...manager, includes: [role('Infra')] } }]), [
      {
        code: 'ROLE_NOT_ASSIGNABLE',
        message: '"Manager" is assigned: it cannot include the infrastructure role "Infra"',
        details: { role: manager.id, includes: role('Infra') },
      },
    ]);
    const publisher = engine.role(role('Publisher'))!;
    assert.deepEqual(
      judge(engine, as('root'), [{ op: 'role.put', role: { ...publisher, includes: [role('Infra')] } }]),
      [],
    );
  });

  test('the admin role cannot lose a permission, unless the permission itself is deleted', () => {
    const { engine, as, role } = setup();
    const admin = engine.role(role('Admin'))!;
    const [violation, ...rest] = judge(engine, as('root'), [
      { op: 'role.put', role: { ...admin, permissions: ['api'] } },
    ]);
    assert.ok(violation);
    assert.equal(violation.code, 'LAST_ADMIN');
    assert.equal(violation.details.role, admin.id);
    assert.ok((violation.details.lost as string[]).includes('role:assign'));
    assert.ok(!(violation.details.lost as string[]).includes('api'), 'what it keeps is not lost');
    assert.deepEqual(rest, []);
    assert.deepEqual(judge(engine, as('root'), [{ op: 'permission.delete', key: 'api:retire' }]), []);
  });

  test('lock-out: deleting the admins group or moving the admin role elsewhere is refused, naming organization and role', () => {
    const { engine, as, role, acme } = setup();
    const admins = engine.findGroup('acme', 'Admins')!.id;
    const lastAdmin = (roleName: string) => [
      {
        code: 'LAST_ADMIN',
        message: `this would leave organization "acme" without an active "${roleName}"`,
        details: { organization: acme, role: role(roleName) },
      },
    ];
    assert.deepEqual(
      judge(engine, as('root'), [{ op: 'group.delete', id: admins, cascade: true }]),
      lastAdmin('Admin'),
    );
    const settings: Change = { op: 'settings.set', settings: { ...engine.settings, adminRole: role('Publisher') } };
    assert.deepEqual(judge(engine, as('root'), [settings]), lastAdmin('Publisher'));
    const organization: Change = {
      op: 'organization.put',
      organization: { ...engine.organizations().find((o) => o.id === acme)!, adminRole: role('Publisher') },
    };
    assert.deepEqual(judge(engine, as('root'), [organization]), lastAdmin('Publisher'));
  });

  test('lock-out: an organization that had no active admin before the batch is not held against it', () => {
    const { engine, as, role } = setup();
    const lead = engine.mappings().find((m) => m.role === role('Manager'))!;
    assert.deepEqual(judge(engine, as('lead'), [{ op: 'mapping.remove', id: lead.id }]), []);
  });

  test('an admin mapped to everyone keeps the organization administered when its last named admin is disabled', () => {
    const { engine, as, role, acme } = setup();
    const everyone: Change = {
      op: 'mapping.add',
      mapping: {
        id: randomUUID(),
        role: role('Admin'),
        subject: { kind: 'everyone' },
        target: { level: 'organization', id: acme },
      },
    };
    const disable: Change = { op: 'user.put', user: { ...engine.user('root')!, status: 'disabled' } };
    assert.deepEqual(judge(engine, as('root'), [everyone, disable]), []);
  });

  test('takeover: changing the identity of someone holding more is refused; one’s own, or an unchanged record, is not', () => {
    const { engine, as, id } = setup();
    const email = (username: string): Change => ({
      op: 'user.put',
      user: { ...engine.user(username)!, email: `${username}@example.com` },
    });
    const [violation, ...rest] = judge(engine, as('lead'), [email('root')]);
    assert.ok(violation);
    assert.equal(violation.code, 'PRIVILEGE_ESCALATION');
    assert.equal(violation.details.user, id('root'));
    assert.deepEqual(rest, []);
    assert.deepEqual(judge(engine, as('lead'), [email('lead')]), []);
    assert.deepEqual(judge(engine, as('lead'), [{ op: 'user.put', user: { ...engine.user('root')! } }]), []);
  });

  test('granting only what the actor holds is no escalation', () => {
    const { engine, as, map } = setup();
    assert.deepEqual(judge(engine, as('lead'), [map('Manager', 'bob')]), []);
  });

  test('a role may gain what the actor holds even when it already carries more than the actor does', () => {
    const { engine, as, role } = setup();
    const publisher = engine.role(role('Publisher'))!;
    const gain: Change = { op: 'role.put', role: { ...publisher, permissions: ['api:publish', 'role:assign'] } };
    assert.deepEqual(judge(engine, as('lead'), [gain]), []);
  });

  test('lock-out: unsetting the admin role leaves an administered organization without one', () => {
    const { engine, as, acme } = setup();
    const settings: Change = { op: 'settings.set', settings: { ...engine.settings, adminRole: null } };
    assert.deepEqual(
      judge(engine, as('root'), [settings]).map(({ code, details }) => ({ code, details })),
      [{ code: 'LAST_ADMIN', details: { organization: acme, role: null } }],
    );
  });
});
