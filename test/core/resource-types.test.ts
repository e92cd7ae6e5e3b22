import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Change } from '../../src/core/changes.js';
import { type GateActor, judge } from '../../src/core/gate.js';
import type { Resource } from '../../src/core/model.js';
import { administratorMappings, creatorMapping, resourcePermission } from '../../src/core/resource-types.js';
import { exportDocument } from '../../src/document/export.js';
import { engineWith } from '../helpers.js';

const WORLD = `
preset: akana
organizations:
  - name: business
    resources: [{ type: api, name: payments }, { type: widget, name: w }]
users:
  - { username: owner }
  - { username: plain }
  - { username: keeper }
mappings:
  - { role: API Owner, user: owner, organization: business }
  - { role: Tenant Manager, user: keeper, organization: business }
`;

function setup() {
  const engine = engineWith(WORLD);
  const business = engine.organizations().find((o) => o.name === 'business')!.id;
  const resource = (name: string) => engine.resources().find((r) => r.name === name)!;
  const as = (name: string): GateActor => ({ kind: 'user', id: engine.user(name)!.id, rootScope: [business] });
  const newApi = (name: string): Resource => ({
    id: randomUUID(),
    type: 'api',
    name,
    organization: business,
    project: null,
    private: false,
  });
  return { engine, business, resource, as, newApi };
}

const codes = (violations: readonly { code: string }[]) => violations.map((v) => v.code);

describe("the preset's per-type permissions and a resource's administrators, in the gate", () => {
  test('the Akana preset names api:create, api:modify, api:delete and api:admins:manage for APIs; other types need resource:manage', () => {
    const { engine } = setup();
    assert.equal(resourcePermission(engine.settings, 'api', 'create'), 'api:create');
    assert.equal(resourcePermission(engine.settings, 'api', 'edit'), 'api:modify');
    assert.equal(resourcePermission(engine.settings, 'api', 'delete'), 'api:delete');
    assert.equal(resourcePermission(engine.settings, 'api', 'manageAdministrators'), 'api:admins:manage');
    assert.equal(resourcePermission(engine.settings, 'widget', 'create'), 'resource:manage');
  });

  test('creating an API needs api:create at its organization: an API Owner may, a plain user may not', () => {
    const { engine, as, newApi } = setup();
    assert.deepEqual(codes(judge(engine, as('plain'), [{ op: 'resource.put', resource: newApi('x') }])), [
      'PERMISSION_REQUIRED',
    ]);
    const api = newApi('y');
    const creator = creatorMapping(engine.settings, api, engine.user('owner')!.id, randomUUID)!;
    assert.equal(engine.role(creator.mapping.role)?.name, 'API Administrator');
    assert.deepEqual(judge(engine, as('owner'), [{ op: 'resource.put', resource: api }, creator]), []);
  });

  test('the API Administrator role given to the creator with the new API is not an escalation; the same role on an existing API is', () => {
    const { engine, as, resource } = setup();
    const onExisting: Change = {
      op: 'mapping.add',
      mapping: {
        id: randomUUID(),
        role: engine.findRole('API Administrator')!.id,
        subject: { kind: 'user', id: engine.user('owner')!.id },
        target: { level: 'resource', id: resource('payments').id },
      },
    };
    assert.deepEqual(codes(judge(engine, as('owner'), [onExisting])), ['PRIVILEGE_ESCALATION']);
  });

  test('editing and deleting a resource of a type the preset does not name need resource:manage', () => {
    const { engine, as, resource } = setup();
    const widget = resource('w');
    assert.deepEqual(codes(judge(engine, as('owner'), [{ op: 'resource.delete', id: widget.id }])), [
      'PERMISSION_REQUIRED',
    ]);
    assert.deepEqual(judge(engine, as('keeper'), [{ op: 'resource.put', resource: { ...widget, private: true } }]), []);
  });

  test('the last administrator of an API cannot be removed; deleting the API with its mappings can', () => {
    const { engine, as, resource } = setup();
    const api = resource('payments');
    const role = engine.findRole('API Administrator')!.id;
    const id = randomUUID();
    engine.apply([
      {
        op: 'mapping.add',
        mapping: {
          id,
          role,
          subject: { kind: 'user', id: engine.user('owner')!.id },
          target: { level: 'resource', id: api.id },
        },
      },
    ]);
    assert.equal(administratorMappings(engine, api).length, 1);
    assert.deepEqual(codes(judge(engine, as('keeper'), [{ op: 'mapping.remove', id }])), ['LAST_RESOURCE_ADMIN']);
    assert.deepEqual(judge(engine, as('keeper'), [{ op: 'resource.delete', id: api.id, cascade: true }]), []);
  });

  test('the per-type rules survive an export and a re-apply', () => {
    const { engine } = setup();
    const exported = exportDocument(engine);
    assert.equal(exported.settings?.resourceTypes?.api?.administratorRole, 'API Administrator');
    assert.equal(exported.settings?.resourceTypes?.api?.create, 'api:create');
  });
});
