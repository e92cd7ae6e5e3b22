import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Change, TesseraError } from '../../src/core/index.js';
import { exportDocument } from '../../src/document/index.js';
import { TREE, can, engineWith } from '../helpers.js';

const WORLD = `
${TREE}
organizations:
  - name: acme
    projects: [{ name: engineering, resources: [{ type: api, name: pizza }] }, { name: sales }]
  - name: globex
users: [{ username: alice }, { username: bob }]
roles:
  - { name: Developer, permissions: [project] }
  - { name: Reader, permissions: [api:read] }
  - { organization: acme, name: Local, permissions: [api:publish] }
groups:
  - { organization: acme, name: Engineering }
mappings:
  - { role: Developer, group: Engineering, project: acme/engineering }
  - { role: Reader, user: bob, organization: acme }
`;

const ids = (engine: ReturnType<typeof engineWith>) => ({
  alice: engine.user('alice')!.id,
  bob: engine.user('bob')!.id,
  engineering: engine.findGroup('acme', 'Engineering')!.id,
  acme: engine.organizations().find((o) => o.name === 'acme')!.id,
  globex: engine.organizations().find((o) => o.name === 'globex')!.id,
  project: engine.projects().find((p) => p.name === 'engineering')!.id,
  developer: engine.findRole('Developer')!,
  reader: engine.findRole('Reader')!,
  api: engine.resources()[0]!,
});

describe('incremental, versioned index', () => {
  test('every answer reports the revision, and each applied batch increments it by one', () => {
    const engine = engineWith(WORLD);
    const revision = engine.revision;
    assert.equal(
      engine.check({ user: 'alice', permission: 'project:edit', resource: { type: 'project', id: 'acme/engineering' } })
        .revision,
      revision,
    );
    const { alice, engineering } = ids(engine);
    assert.equal(engine.apply([{ op: 'member.add', membership: { group: engineering, user: alice } }]), revision + 1);
    assert.equal(engine.lookup({ user: 'alice', permission: 'project:edit', type: 'project' }).revision, revision + 1);
    assert.equal(
      engine.reverseLookup({ permission: 'project:edit', resource: { type: 'project', id: 'acme/engineering' } })
        .revision,
      revision + 1,
    );
    assert.equal(
      engine.permissionsAt({ user: 'alice', resource: { type: 'organization', id: 'acme' } }).revision,
      revision + 1,
    );
    assert.equal(
      engine.grantableScopes({ user: 'alice', requested: [], resource: { type: 'organization', id: 'acme' } }).revision,
      revision + 1,
    );
  });

  test('a change log replays with its own revisions, and an older revision is refused', () => {
    const engine = engineWith(WORLD);
    const { alice, engineering } = ids(engine);
    assert.equal(engine.apply([{ op: 'member.add', membership: { group: engineering, user: alice } }], 100), 100);
    assert.throws(() => engine.apply([], 100), { code: 'STALE_REVISION' });
  });

  test('adding and removing a member changes answers at once', () => {
    const engine = engineWith(WORLD);
    const { alice, engineering } = ids(engine);
    assert.equal(can(engine, 'alice', 'project:edit', 'acme/engineering'), false);
    engine.apply([{ op: 'member.add', membership: { group: engineering, user: alice } }]);
    assert.equal(can(engine, 'alice', 'project:edit', 'acme/engineering'), true);
    engine.apply([{ op: 'member.remove', membership: { group: engineering, user: alice } }]);
    assert.equal(can(engine, 'alice', 'project:edit', 'acme/engineering'), false);
  });

  test('adding and removing a mapping changes answers at once', () => {
    const engine = engineWith(WORLD);
    const { alice, acme, developer } = ids(engine);
    engine.apply([
      {
        op: 'mapping.add',
        mapping: {
          id: 'm1',
          role: developer.id,
          subject: { kind: 'user', id: alice },
          target: { level: 'organization', id: acme },
        },
      },
    ]);
    assert.equal(can(engine, 'alice', 'project:edit', 'acme/sales'), true);
    engine.apply([{ op: 'mapping.remove', id: 'm1' }]);
    assert.equal(can(engine, 'alice', 'project:edit', 'acme/sales'), false);
  });

  test("changing a role's permissions changes every holder's answers at once", () => {
    const engine = engineWith(WORLD);
    const { reader } = ids(engine);
    assert.equal(can(engine, 'bob', 'api:publish', 'acme'), false);
    engine.apply([{ op: 'role.put', role: { ...reader, permissions: ['api'] } }]);
    assert.equal(can(engine, 'bob', 'api:publish', 'acme'), true);
  });

  test('a new permission under a granted node is granted at once', () => {
    const engine = engineWith(WORLD);
    engine.apply([
      {
        op: 'permission.put',
        permission: {
          key: 'api:read:docs',
          description: null,
          levels: ['organization', 'project', 'resource'],
          visibilityGated: false,
        },
      },
    ]);
    assert.equal(can(engine, 'bob', 'api:read:docs', 'acme'), true);
  });

  test('adding, making private and removing a resource changes answers at once', () => {
    const engine = engineWith(WORLD);
    const { api } = ids(engine);
    assert.equal(can(engine, 'bob', 'api:read', 'api:acme/engineering/pizza'), true);
    engine.apply([{ op: 'resource.put', resource: { ...api, private: true } }]);
    assert.equal(can(engine, 'bob', 'api:read', 'api:acme/engineering/pizza'), false);
    engine.apply([{ op: 'resource.put', resource: { ...api, id: 'r2', name: 'tacos' } }]);
    assert.equal(can(engine, 'bob', 'api:read', 'api:acme/engineering/tacos'), true);
    engine.apply([{ op: 'resource.delete', id: 'r2' }]);
    assert.equal(can(engine, 'bob', 'api:read', 'api:acme/engineering/tacos'), false);
  });

  test('a batch is atomic: when one change fails, none of the batch stays', () => {
    const engine = engineWith(WORLD);
    const before = JSON.stringify(exportDocument(engine));
    const revision = engine.revision;
    const { alice, engineering, acme, developer } = ids(engine);
    const batch: Change[] = [
      { op: 'member.add', membership: { group: engineering, user: alice } },
      {
        op: 'mapping.add',
        mapping: {
          id: 'm9',
          role: developer.id,
          subject: { kind: 'user', id: alice },
          target: { level: 'organization', id: acme },
        },
      },
      { op: 'user.delete', id: alice },
      {
        op: 'organization.put',
        organization: { id: 'o2', name: 'acme', parent: null, requireTwoFactor: false, adminRole: null },
      },
    ];
    assert.throws(() => engine.apply(batch), { code: 'DUPLICATE' });
    assert.equal(engine.revision, revision);
    assert.equal(JSON.stringify(exportDocument(engine)), before);
    assert.equal(engine.isDeletedUserId(alice), false);
    assert.equal(can(engine, 'alice', 'project:edit', 'acme/engineering'), false);
  });

  test('integrity: unknown references, duplicates, cycles and foreign roles are typed errors', () => {
    const engine = engineWith(WORLD);
    const { alice, globex, developer, reader } = ids(engine);
    const local = engine.findRole('Local', engine.organizations().find((o) => o.name === 'acme')!.id)!;
    const code = (changes: Change[]) => {
      try {
        engine.apply(changes);
        return 'applied';
      } catch (error) {
        assert.ok(error instanceof TesseraError);
        return error.code;
      }
    };
    assert.equal(code([{ op: 'member.add', membership: { group: 'nope', user: alice } }]), 'NOT_FOUND');
    assert.equal(code([{ op: 'role.put', role: { ...reader, id: 'r-new' } }]), 'DUPLICATE');
    assert.equal(
      code([
        { op: 'role.put', role: { ...developer, includes: [reader.id] } },
        { op: 'role.put', role: { ...reader, includes: [developer.id] } },
      ]),
      'ROLE_CYCLE',
    );
    assert.equal(
      code([
        {
          op: 'mapping.add',
          mapping: {
            id: 'x',
            role: local.id,
            subject: { kind: 'user', id: alice },
            target: { level: 'organization', id: globex },
          },
        },
      ]),
      'ROLE_NOT_USABLE_HERE',
    );
    assert.equal(code([{ op: 'role.delete', id: developer.id }]), 'REFERENCED');
    assert.equal(code([{ op: 'role.put', role: { ...reader, permissions: ['api:publsh'] } }]), 'NOT_FOUND');
    assert.equal(code([{ op: 'role.delete', id: developer.id, cascade: true }]), 'applied');
    assert.equal(can(engine, 'alice', 'project:edit', 'acme/engineering'), false);
  });

  test('a role defined in one organization is unknown elsewhere; a root role is usable everywhere', () => {
    const engine = engineWith(WORLD);
    const { acme, globex } = ids(engine);
    assert.equal(engine.findRole('Local', acme)?.name, 'Local');
    assert.equal(engine.findRole('Local', globex), undefined);
    assert.equal(engine.findRole('Developer', globex)?.name, 'Developer');
  });

  test('user ids are never reused, even after the user is deleted', () => {
    const engine = engineWith(WORLD);
    const alice = engine.user('alice')!;
    engine.apply([{ op: 'user.delete', id: alice.id }]);
    assert.throws(() => engine.apply([{ op: 'user.put', user: alice }]), { code: 'USER_ID_REUSED' });
    engine.apply([{ op: 'user.put', user: { ...alice, id: 'alice-2' } }]);
    assert.equal(engine.user('alice')?.id, 'alice-2');
  });
});

test('moving an organization out from under a group mapped in it is refused, and changes nothing', () => {
  const engine = engineWith(`
permissions: [{ key: project }, { key: project:edit }]
organizations: [{ name: root }, { name: acme, parent: root, projects: [{ name: one }] }]
users: [{ username: alice }]
roles: [{ name: Developer, permissions: [project] }]
groups: [{ organization: root, name: Platform, members: [alice] }]
mappings: [{ role: Developer, group: root/Platform, project: acme/one }]
`);
  const acme = engine.organizations().find((o) => o.name === 'acme')!;
  assert.throws(() => engine.apply([{ op: 'organization.put', organization: { ...acme, parent: null } }]), {
    code: 'INVALID',
  });
  assert.equal(engine.organizations().find((o) => o.name === 'acme')!.parent, acme.parent);
  assert.equal(can(engine, 'alice', 'project:edit', 'acme/one'), true);
});
