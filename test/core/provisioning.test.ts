import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Change } from '../../src/core/changes.js';
import { type GateActor, judge } from '../../src/core/gate.js';
import { leaveOrganization } from '../../src/core/organization-members.js';
import { engineWith } from '../helpers.js';

const WORLD = `
preset: tessera
permissions:
  - { key: api }
organizations:
  - name: acme
    projects: [{ name: engineering }]
  - name: beta
users:
  - { username: root }
  - { username: lead }
  - { username: bob }
roles:
  - { name: Admin, permissions: ["*"], predefined: true }
  - { name: Publisher, permissions: [api] }
  - { name: GroupKeeper, permissions: [group:manage, user:manage] }
groups:
  - { organization: acme, name: Admins, members: [root] }
  - { organization: acme, name: Publishers }
  - { organization: beta, name: Outsiders, members: [bob] }
mappings:
  - { role: Admin, group: Admins, organization: acme }
  - { role: Admin, user: root, organization: beta }
  - { role: Publisher, group: Publishers, organization: acme }
  - { role: GroupKeeper, user: lead, organization: acme }
  - { role: Publisher, user: bob, project: acme/engineering }
settings: { adminRole: Admin }
`;

function setup() {
  const engine = engineWith(WORLD);
  const id = (name: string) => engine.user(name)!.id;
  const [acme, beta] = ['acme', 'beta'].map((name) => engine.organizations().find((o) => o.name === name)!.id) as [
    string,
    string,
  ];
  const group = (organization: string, name: string) => engine.findGroup(organization, name)!.id;
  const token = (creator: string): GateActor => ({
    kind: 'provisioner',
    token: 't',
    organization: acme,
    store: 'PRIMARY',
    creator: id(creator),
    rootScope: [acme],
  });
  return { engine, id, acme, beta, group, token };
}

const codes = (violations: readonly { code: string }[]) => violations.map((v) => v.code);

describe('the gate judges a SCIM provisioning token', () => {
  test('it may create users and put them into groups of its organization', () => {
    const { engine, acme, group, token } = setup();
    const user = { id: randomUUID(), username: 'new', store: 'PRIMARY', email: null, status: 'active' } as const;
    const changes: Change[] = [
      { op: 'user.put', user },
      { op: 'member.add', membership: { group: group(acme, 'Publishers'), user: user.id } },
    ];
    assert.deepEqual(codes(judge(engine, token('root'), changes)), []);
  });

  test("it may not touch another organization's groups, roles, or mappings", () => {
    const { engine, id, acme, beta, group, token } = setup();
    const outside: Change[][] = [
      [{ op: 'member.add', membership: { group: group(beta, 'Outsiders'), user: id('lead') } }],
      [
        {
          op: 'group.put',
          group: { id: randomUUID(), organization: beta, name: 'X', store: 'PRIMARY', description: null },
        },
      ],
      [
        {
          op: 'mapping.add',
          mapping: {
            id: randomUUID(),
            role: engine.findRole('Publisher')!.id,
            subject: { kind: 'user', id: id('lead') },
            target: { level: 'organization', id: acme },
          },
        },
      ],
    ];
    for (const changes of outside)
      assert.ok(codes(judge(engine, token('root'), changes)).includes('PROVISIONING_SCOPE'));
  });

  test('otherwise it is judged as its creator: a creator who cannot grant the group roles escalates', () => {
    const { engine, id, acme, group, token } = setup();
    const join: Change[] = [{ op: 'member.add', membership: { group: group(acme, 'Admins'), user: id('lead') } }];
    assert.deepEqual(codes(judge(engine, token('root'), join)), []);
    assert.deepEqual(codes(judge(engine, token('lead'), join)), ['PRIVILEGE_ESCALATION']);
  });

  test('it cannot disable the last active admin', () => {
    const { engine, id, token } = setup();
    const root = engine.user(id('root'))!;
    const changes: Change[] = [{ op: 'user.put', user: { ...root, status: 'disabled' } }];
    assert.ok(codes(judge(engine, token('root'), changes)).includes('LAST_ADMIN'));
  });
});

describe('leaving an organization', () => {
  test("takes the user's groups and mappings there, at its projects too, and nothing elsewhere", () => {
    const { engine, id, acme, beta } = setup();
    const changes = leaveOrganization(engine, acme, id('bob'));
    assert.deepEqual(
      changes.map((c) => c.op),
      ['mapping.remove'],
    );
    assert.deepEqual(leaveOrganization(engine, beta, id('bob')), [
      { op: 'member.remove', membership: { group: engine.findGroup(beta, 'Outsiders')!.id, user: id('bob') } },
    ]);
    assert.deepEqual(leaveOrganization(engine, beta, id('lead')), []);
  });
});
