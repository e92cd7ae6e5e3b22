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
organizations:
  - name: acme
    projects: [{ name: engineering }]
users:
  - { username: root }
  - { username: lead }
  - { username: bob }
roles:
  - { name: Admin, permissions: ["*"], predefined: true }
  - { name: Publisher, permissions: [api:publish] }
  - { name: Manager, permissions: [role:assign, role:manage, user:manage] }
  - { name: Infra, permissions: [api], assignable: false }
  - { name: Old, permissions: [api], deprecated: true }
groups:
  - { organization: acme, name: Admins, members: [root] }
mappings:
  - { role: Admin, group: Admins, organization: acme }
  - { role: Manager, user: lead, organization: acme }
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
});
