import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Change } from '../../src/core/changes.js';
import { TesseraError } from '../../src/core/errors.js';
import { judge } from '../../src/core/gate.js';
import { roleRecord } from '../../src/core/model.js';
import { type OrganizationTree, nearestRole, roleAvailableIn, rolesOverlap } from '../../src/core/role-availability.js';
import { applyDocument } from '../../src/document/index.js';
import { presetResolver } from '../../src/presets/index.js';
import { can, engineWith } from '../helpers.js';

// A business tree under one root: tenant → { north → north-east, south }.
const WORLD = `
preset: tessera
permissions:
  - { key: api }
  - { key: api:publish }
organizations:
  - { name: tenant }
  - { name: north, parent: tenant }
  - { name: north-east, parent: north }
  - { name: south, parent: tenant }
users:
  - { username: alice }
roles:
  - { name: Everywhere, permissions: [api:publish] }
  - { name: Tenant Role, organization: tenant, permissions: [api:publish] }
  - { name: North Role, organization: north, permissions: [api:publish] }
`;

function setup() {
  const engine = engineWith(WORLD);
  const org = (name: string) => engine.organizations().find((o) => o.name === name)!.id;
  const role = (name: string) => engine.roles().find((r) => r.name === name)!.id;
  const map = (roleName: string, organization: string): Change => ({
    op: 'mapping.add',
    mapping: {
      id: randomUUID(),
      role: role(roleName),
      subject: { kind: 'user', id: engine.user('alice')!.id },
      target: { level: 'organization', id: org(organization) },
    },
  });
  return { engine, org, role, map };
}

function refusal(run: () => unknown): TesseraError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof TesseraError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

describe('a role of one organization is available in that organization and every organization below it, and nowhere else', () => {
  test('roles added at the root organization level are available for all organizations below it', () => {
    const { engine, map } = setup();
    for (const organization of ['tenant', 'north', 'north-east', 'south'])
      engine.apply([map('Tenant Role', organization)]);
    assert.equal(can(engine, 'alice', 'api:publish', 'south'), true);
    assert.equal(can(engine, 'alice', 'api:publish', 'north-east'), true);
  });

  test('a role added for a specific organization is available there and below, not in a sibling or above', () => {
    const { engine, map } = setup();
    engine.apply([map('North Role', 'north')]);
    engine.apply([map('North Role', 'north-east')]);
    for (const elsewhere of ['south', 'tenant']) {
      const error = refusal(() => engine.apply([map('North Role', elsewhere)]));
      assert.equal(error.code, 'ROLE_NOT_USABLE_HERE');
      assert.match(error.message, /defined in organization "north"/, 'the refusal names the defining organization');
      assert.match(error.message, new RegExp(`not in organization "${elsewhere}"`));
    }
  });

  test('the gate refuses, on any write path, a role mapped outside the organization that defines it and below', () => {
    const { engine, map } = setup();
    const actor = { kind: 'operator' } as const;
    assert.deepEqual(judge(engine, actor, [map('Tenant Role', 'north-east')]), []);
    const error = refusal(() => judge(engine, actor, [map('North Role', 'south')]));
    assert.equal(error.code, 'ROLE_NOT_USABLE_HERE');
    assert.match(error.message, /defined in organization "north"/);
  });

  test('a root role (no organization) is available everywhere', () => {
    const { engine, map } = setup();
    for (const organization of ['tenant', 'north-east', 'south']) engine.apply([map('Everywhere', organization)]);
  });

  test('findRole resolves a name in an organization below the defining one; the nearest definition wins', () => {
    const { engine, org } = setup();
    assert.equal(engine.findRole('Tenant Role', org('north-east'))?.organization, org('tenant'));
    assert.equal(engine.findRole('North Role', org('north-east'))?.organization, org('north'));
    assert.equal(engine.findRole('North Role', org('south')), undefined);
    assert.equal(engine.findRole('Tenant Role', null), undefined, 'an organization role is no root role');
  });

  test('a role may include roles available where it is defined, not a role of a sibling organization', () => {
    const { engine, org, role } = setup();
    engine.apply([
      {
        op: 'role.put',
        role: roleRecord({
          id: randomUUID(),
          name: 'NE',
          organization: org('north-east'),
          includes: [role('North Role')],
        }),
      },
    ]);
    const error = refusal(() =>
      engine.apply([
        {
          op: 'role.put',
          role: roleRecord({ id: randomUUID(), name: 'S', organization: org('south'), includes: [role('North Role')] }),
        },
      ]),
    );
    assert.equal(error.code, 'ROLE_NOT_USABLE_HERE');
    assert.match(error.message, /"north"/);
  });

  test('a name cannot be reused below an organization that defines it (the two would be usable together), but can in a sibling', () => {
    const { engine, org } = setup();
    const add = (organization: string) => () =>
      engine.apply([
        { op: 'role.put', role: roleRecord({ id: randomUUID(), name: 'North Role', organization: org(organization) }) },
      ]);
    assert.equal(refusal(add('north-east')).code, 'DUPLICATE');
    assert.equal(refusal(add('tenant')).code, 'DUPLICATE');
    add('south')();
  });

  test('moving an organization away from the one defining a role it maps is refused, naming that organization', () => {
    const { engine, org, map } = setup();
    engine.apply([map('North Role', 'north-east')]);
    const northEast = engine.organizations().find((o) => o.name === 'north-east')!;
    const error = refusal(() =>
      engine.apply([{ op: 'organization.put', organization: { ...northEast, parent: org('south') } }]),
    );
    assert.equal(error.code, 'ROLE_NOT_USABLE_HERE');
    assert.match(error.message, /defined in organization "north"/);
    assert.equal(engine.organizations().find((o) => o.name === 'north-east')!.parent, org('north'), 'nothing changed');
  });

  test('through a document: a root-organization role mapped in a child organization applies; a sibling role is a readable error', () => {
    const { engine } = setup();
    applyDocument(engine, 'mappings: [{ role: Tenant Role, user: alice, organization: south }]', {
      presets: presetResolver,
    });
    assert.equal(can(engine, 'alice', 'api:publish', 'south'), true);
    assert.throws(
      () =>
        applyDocument(engine, 'mappings: [{ role: North Role, user: alice, organization: south }]', {
          presets: presetResolver,
        }),
      (error: Error) =>
        /mappings\[0\]\.role: role "North Role" is defined in organization "north".*not in organization "south"/.test(
          error.message,
        ),
    );
  });
});

describe('the availability rule, as pure functions', () => {
  // Random forests: organization i's parent is some j < i, or none.
  const forest = fc
    .array(fc.option(fc.nat(), { nil: null }), { minLength: 1, maxLength: 12 })
    .map((parents) => parents.map((p, i) => (p === null || i === 0 ? null : `o${p % i}`)));
  const treeOf = (parents: (string | null)[]): OrganizationTree => ({
    parentOf: (id) => parents[Number(id.slice(1))],
    nameOf: (id) => id,
  });
  const ancestors = (parents: (string | null)[], id: string): string[] => {
    const out = [id];
    for (let p = parents[Number(id.slice(1))]; p !== null && p !== undefined; p = parents[Number(p.slice(1))])
      out.push(p);
    return out;
  };

  test('available exactly in the defining organization and its descendants', () => {
    fc.assert(
      fc.property(forest, fc.nat(), fc.nat(), (parents, a, b) => {
        const defining = `o${a % parents.length}`;
        const here = `o${b % parents.length}`;
        const expected = ancestors(parents, here).includes(defining);
        assert.equal(roleAvailableIn(treeOf(parents), { organization: defining }, here), expected);
        assert.equal(roleAvailableIn(treeOf(parents), { organization: null }, here), true);
        assert.equal(roleAvailableIn(treeOf(parents), { organization: defining }, null), false);
      }),
    );
  });

  test('two roles overlap exactly when some organization has both available', () => {
    fc.assert(
      fc.property(forest, fc.nat(), fc.nat(), (parents, a, b) => {
        const tree = treeOf(parents);
        const x = { organization: `o${a % parents.length}` };
        const y = { organization: `o${b % parents.length}` };
        const somewhere = parents.some(
          (_, i) => roleAvailableIn(tree, x, `o${i}`) && roleAvailableIn(tree, y, `o${i}`),
        );
        assert.equal(rolesOverlap(tree, x, y), somewhere);
      }),
    );
  });

  test('the nearest definition wins, then the root one', () => {
    const parents = [null, 'o0', 'o1'];
    const tree = treeOf(parents);
    const roles = [{ organization: null }, { organization: 'o0' }, { organization: 'o1' }];
    assert.equal(nearestRole(tree, roles, 'o2'), roles[2]);
    assert.equal(nearestRole(tree, roles.slice(0, 2), 'o2'), roles[1]);
    assert.equal(nearestRole(tree, [roles[0]!], 'o2'), roles[0]);
    assert.equal(nearestRole(tree, [roles[2]!], 'o0'), undefined);
  });
});
