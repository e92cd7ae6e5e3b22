/** Separation of duties: static constraints refused at every write that would break them, dynamic ones per session. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Change } from '../../src/core/changes.js';
import { type GateActor, SYSTEM_ACTOR, judge } from '../../src/core/gate.js';
import type { Subject } from '../../src/core/model.js';
import { exportDocument } from '../../src/document/export.js';
import { planDocument } from '../../src/document/plan.js';
import { engineWith, target } from '../helpers.js';

const WORLD = `
permissions:
  - { key: payment }
  - { key: payment:request }
  - { key: payment:approve }
organizations:
  - name: acme
    projects: [{ name: treasury }]
  - name: acme-eu
    parent: acme
  - name: beta
users:
  - { username: root }
  - { username: alice }
  - { username: bob }
roles:
  - { name: Admin, permissions: ["*"] }
  - { name: Requester, permissions: [payment:request] }
  - { name: Approver, permissions: [payment:approve] }
  - { name: Lead, includes: [Approver] }
  - { name: Clerk, permissions: [payment:request] }
groups:
  - { organization: acme, name: Approvers }
  - { organization: acme, name: Admins, members: [root] }
mappings:
  - { role: Admin, group: Admins, organization: acme }
  - { role: Requester, user: alice, organization: acme }
  - { role: Approver, group: Approvers, organization: acme }
constraints:
  - { name: request-or-approve, kind: static, roles: [Requester, Approver] }
  - { name: clerk-not-lead, kind: dynamic, roles: [Clerk, Lead], organization: acme }
settings: { adminRole: Admin }
`;

function setup() {
  const engine = engineWith(WORLD);
  const id = (name: string) => engine.user(name)!.id;
  const role = (name: string) => engine.findRole(name)!.id;
  const org = (name: string) => engine.organizations().find((o) => o.name === name)!.id;
  const root: GateActor = { kind: 'user', id: id('root'), rootScope: [org('acme')] };
  const map = (roleName: string, subject: Subject, where = 'acme'): Change => ({
    op: 'mapping.add',
    mapping: {
      id: randomUUID(),
      role: role(roleName),
      subject,
      target: { level: 'organization', id: org(where) },
    },
  });
  return { engine, id, role, org, root, map };
}

const codes = (violations: readonly { code: string }[]) => violations.map((v) => v.code);

describe('static separation of duties: two roles never held together by one user, through any path', () => {
  test('a direct mapping that joins the two roles is refused, naming both roles, the user and the paths', () => {
    const { engine, id, root, map } = setup();
    const [violation] = judge(engine, root, [map('Approver', { kind: 'user', id: id('alice') })]);
    assert.equal(violation?.code, 'SOD_CONFLICT');
    assert.match(violation!.message, /PRIMARY\/alice/);
    assert.match(violation!.message, /"Requester"/);
    assert.match(violation!.message, /"Approver"/);
    assert.match(violation!.message, /request-or-approve/);
    assert.match(violation!.message, /directly, at organization acme/);
  });

  test('joining a group that holds the other role is refused, naming the group', () => {
    const { engine, id, root } = setup();
    const approvers = engine.findGroup('acme', 'Approvers')!.id;
    const [violation] = judge(engine, root, [
      { op: 'member.add', membership: { group: approvers, user: id('alice') } },
    ]);
    assert.equal(violation?.code, 'SOD_CONFLICT');
    assert.match(violation!.message, /through group Approvers/);
  });

  test('a composite role that includes the other role is refused, naming the include chain', () => {
    const { engine, id, root, map } = setup();
    const [violation] = judge(engine, root, [map('Lead', { kind: 'user', id: id('alice') })]);
    assert.equal(violation?.code, 'SOD_CONFLICT');
    assert.match(violation!.message, /as Lead > Approver/);
  });

  test('editing a role to include the other role is refused when a holder would hold both', () => {
    const { engine, role, root } = setup();
    const requester = engine.role(role('Requester'))!;
    const [violation] = judge(engine, root, [{ op: 'role.put', role: { ...requester, includes: [role('Approver')] } }]);
    assert.equal(violation?.code, 'SOD_CONFLICT');
  });

  test('held anywhere: the two roles at different organizations still conflict (installation-wide constraint)', () => {
    const { engine, id, map } = setup();
    assert.deepEqual(codes(judge(engine, SYSTEM_ACTOR, [map('Approver', { kind: 'user', id: id('alice') }, 'beta')])), [
      'SOD_CONFLICT',
    ]);
  });

  test('an organization-scoped constraint holds in its organization and below, not elsewhere', () => {
    const { engine, id, role, org, root, map } = setup();
    const scoped: Change = {
      op: 'constraint.put',
      constraint: {
        id: 'c-scoped',
        name: 'clerk-or-approve',
        kind: 'static',
        roles: [role('Clerk'), role('Approver')],
        organization: org('acme'),
        description: null,
      },
    };
    engine.apply([scoped]);
    const bob = { kind: 'user' as const, id: id('bob') };
    assert.deepEqual(judge(engine, SYSTEM_ACTOR, [map('Clerk', bob, 'beta'), map('Approver', bob, 'beta')]), []);
    assert.deepEqual(codes(judge(engine, root, [map('Clerk', bob, 'acme-eu'), map('Approver', bob, 'acme')])), [
      'SOD_CONFLICT',
    ]);
  });

  test('the rule binds every actor, the system too (documents, presets, bootstrap)', () => {
    const { engine, id, map } = setup();
    assert.deepEqual(codes(judge(engine, SYSTEM_ACTOR, [map('Approver', { kind: 'user', id: id('alice') })])), [
      'SOD_CONFLICT',
    ]);
  });

  test('adding a constraint that the existing state already breaks is refused', () => {
    const { engine, role, root, id, map } = setup();
    engine.apply([map('Clerk', { kind: 'user', id: id('bob') }), map('Approver', { kind: 'user', id: id('bob') })]);
    const [violation] = judge(engine, root, [
      {
        op: 'constraint.put',
        constraint: {
          id: 'c-new',
          name: 'clerk-or-approve',
          kind: 'static',
          roles: [role('Clerk'), role('Approver')],
          organization: null,
          description: null,
        },
      },
    ]);
    assert.equal(violation?.code, 'SOD_CONFLICT');
    assert.match(violation!.message, /PRIMARY\/bob/);
  });

  test('an apply of a document that breaks a constraint is refused by the gate', () => {
    const { engine, root } = setup();
    const plan = planDocument(engine, { mappings: [{ role: 'Approver', user: 'alice', organization: 'acme' }] });
    assert.ok(plan.ok);
    assert.deepEqual(codes(judge(engine, root, plan.changes)), ['SOD_CONFLICT']);
  });

  test('writes that join nothing pass', () => {
    const { engine, id, root, map } = setup();
    assert.deepEqual(judge(engine, root, [map('Approver', { kind: 'user', id: id('bob') })]), []);
  });

  test('constraints round-trip through export', () => {
    const { engine } = setup();
    const names = exportDocument(engine).constraints?.map((c) => `${c.name}:${c.kind}:${c.roles.join('+')}`);
    assert.deepEqual(names, ['request-or-approve:static:Requester+Approver', 'clerk-not-lead:dynamic:Clerk+Lead']);
  });

  test('deleting a role a constraint names needs cascade, which deletes the constraint', () => {
    const { engine, role } = setup();
    assert.throws(() => engine.apply([{ op: 'role.delete', id: role('Clerk') }]), /separation-of-duties/);
    engine.apply([{ op: 'role.delete', id: role('Clerk'), cascade: true }]);
    assert.deepEqual(
      engine.constraints().map((c) => c.name),
      ['request-or-approve'],
    );
  });
});

describe('dynamic separation of duties: two roles never used in one session', () => {
  const engine = engineWith(
    WORLD,
    `
mappings:
  - { role: Clerk, user: bob, organization: acme }
  - { role: Lead, user: bob, organization: acme }
`,
  );
  const ask = (activeRoles?: string[], where = 'acme') =>
    engine.check({
      user: 'bob',
      permission: 'payment:approve',
      resource: target(where),
      ...(activeRoles === undefined ? {} : { activeRoles }),
    }).allowed;

  test('a user may hold both roles of a dynamic constraint', () => {
    assert.equal(ask(), true);
  });

  test('after using one role in the session, the other does not count', () => {
    assert.equal(ask(['Clerk']), false);
  });

  test('using a role that is not constrained changes nothing', () => {
    assert.equal(ask(['Requester']), true);
  });

  test('the constraint holds only in its organization and below', () => {
    const outside = engineWith(
      WORLD,
      `
mappings:
  - { role: Lead, user: bob, organization: beta }
`,
    );
    assert.equal(
      outside.check({
        user: 'bob',
        permission: 'payment:approve',
        resource: target('beta'),
        activeRoles: ['Clerk'],
      }).allowed,
      true,
    );
  });

  test('the explanation names the separation of duties', () => {
    const explanation = engine.explain({
      user: 'bob',
      permission: 'payment:approve',
      resource: target('acme'),
      activeRoles: ['Clerk'],
    });
    assert.equal(explanation.denial?.code, 'SEPARATION_OF_DUTIES');
  });
});
