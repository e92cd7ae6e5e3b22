import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AccessEngine } from '../../src/core/index.js';
import { type TenantConf, tenantConfFromEngine, tenantConfToChanges } from '../../src/document/tenant-conf.js';
import { engineFromPreset } from '../../src/presets/index.js';
import { wso2ApimScopes } from '../fixtures/reference.js';

const reference = wso2ApimScopes();

/** The shipped table (roles as of 4.7.0) written as WSO2's tenant-conf.json does. */
export function shippedTenantConf(): TenantConf {
  return {
    RESTAPIScopes: { Scope: reference.scopes.map((s) => ({ Name: s.name, Roles: s.roles.join(',') })) },
  };
}

function apply(engine: AccessEngine, json: unknown) {
  const plan = tenantConfToChanges(engine, json);
  assert.ok(plan.ok, JSON.stringify(!plan.ok && plan.errors));
  if (plan.changes.length > 0) engine.apply(plan.changes);
  return plan;
}

const rolesByScope = (json: TenantConf) =>
  new Map(json.RESTAPIScopes.Scope.map((s) => [s.Name, new Set(s.Roles.split(','))]));

describe('tenant-conf.json import and export', () => {
  test('the shipped 4.7.0 table imports into the wso2-apim preset unchanged and exports scope by scope the same', () => {
    const { engine } = engineFromPreset('wso2-apim');
    const shipped = shippedTenantConf();
    assert.equal(shipped.RESTAPIScopes.Scope.length, 107);
    const plan = apply(engine, shipped);
    assert.ok(plan.ok);
    assert.equal(plan.report.scopes.unchanged.length, 107, 'the preset holds the same table');
    assert.deepEqual(plan.report.scopes.deleted, []);
    const exported = tenantConfFromEngine(engine);
    assert.equal(exported.RoleMappings, undefined);
    assert.deepEqual(rolesByScope(exported), rolesByScope(shipped));
  });

  test('an export re-imports to no change, with descriptions', () => {
    const { engine } = engineFromPreset('wso2-apim');
    apply(engine, { RESTAPIScopes: { Scope: [] }, RoleMappings: { 'Internal/creator': 'Internal/junior' } });
    const exported = tenantConfFromEngine(engine);
    const again = apply(engine, exported);
    assert.ok(again.ok);
    assert.equal(again.changes.length, 0);
  });

  test('the shipped table imported into an empty table creates every scope', () => {
    const { engine } = engineFromPreset('wso2-apim');
    apply(engine, { RESTAPIScopes: { Scope: [] } });
    assert.equal(engine.scopes().length, 0);
    const plan = apply(engine, shippedTenantConf());
    assert.ok(plan.ok);
    assert.equal(plan.report.scopes.created.length, 107);
    assert.deepEqual(rolesByScope(tenantConfFromEngine(engine)), rolesByScope(shippedTenantConf()));
  });

  test('a role mapping gives the new role every scope of the original; unmapping takes them away', () => {
    const { engine } = engineFromPreset('wso2-apim');
    const creator = engine.findRole('Internal/creator')!;
    const withMapping = { ...shippedTenantConf(), RoleMappings: { 'Internal/creator': 'Internal/junior' } };
    const plan = apply(engine, withMapping);
    assert.ok(plan.ok);
    assert.deepEqual(plan.report.roles.created, ['Internal/junior']);
    assert.equal(plan.report.notes[0]?.path, 'RoleMappings["Internal/creator"]');
    const junior = engine.findRole('Internal/junior')!;
    assert.deepEqual(junior.includes, [creator.id]);
    assert.deepEqual(engine.rolePermissions(junior.id), engine.rolePermissions(creator.id));
    // The export says it as WSO2's Admin Portal saves it: the original first.
    assert.deepEqual(tenantConfFromEngine(engine).RoleMappings, {
      'Internal/creator': 'Internal/creator,Internal/junior',
    });

    const unmapped = apply(engine, shippedTenantConf());
    assert.ok(unmapped.ok);
    assert.deepEqual(unmapped.report.roles.changed, ['Internal/junior']);
    assert.deepEqual(engine.findRole('Internal/junior')!.includes, []);
    assert.deepEqual(engine.rolePermissions(junior.id), []);
  });

  test('a mapping onto several existing roles, and scopes naming the new role, in one import', () => {
    const { engine } = engineFromPreset('wso2-apim');
    const plan = apply(engine, {
      RESTAPIScopes: { Scope: [{ Name: 'apim:custom', Roles: ' admin , Internal/lead ', Description: 'Custom' }] },
      RoleMappings: { 'Internal/creator': 'Internal/creator, Internal/lead', 'Internal/publisher': 'Internal/lead' },
    });
    assert.ok(plan.ok);
    const lead = engine.findRole('Internal/lead')!;
    assert.equal(lead.includes.length, 2);
    assert.deepEqual(
      engine.scopes().map((s) => s.name),
      ['apim:custom'],
    );
    assert.deepEqual(engine.scopes()[0]!.roles, [engine.findRole('admin')!.id, lead.id]);
    assert.equal(plan.report.scopes.deleted.length, 107);
    assert.deepEqual(
      plan.report.notes.map((n) => n.path),
      ['RoleMappings["Internal/publisher"]'],
    );
  });

  test('every problem is reported with its path, and nothing is planned', () => {
    const { engine } = engineFromPreset('wso2-apim');
    const plan = tenantConfToChanges(engine, {
      RESTAPIScopes: {
        Scope: [
          { Name: 'apim:a', Roles: 'admin' },
          { Name: 'apim:b', Roles: 7 },
          'apim:c',
          { Name: 'apim:d', Roles: 'admin,x' },
          { Name: 'apim:a', Roles: 'admin' },
          { Roles: 'admin' },
          { Name: 'x'.repeat(10_000), Roles: 'admin' },
        ],
      },
      RoleMappings: { nobody: 'Internal/junior', 'Internal/creator': 5 },
    });
    assert.equal(plan.ok, false);
    assert.ok(!plan.ok);
    const paths = plan.errors.map((e) => e.path).sort();
    assert.deepEqual(paths, [
      'RESTAPIScopes.Scope[1].Roles',
      'RESTAPIScopes.Scope[2]',
      'RESTAPIScopes.Scope[3].Roles',
      'RESTAPIScopes.Scope[4].Name',
      'RESTAPIScopes.Scope[5].Name',
      'RESTAPIScopes.Scope[6].Name',
      'RoleMappings["Internal/creator"]',
      'RoleMappings["nobody"]',
    ]);
    assert.match(plan.errors.find((e) => e.path === 'RESTAPIScopes.Scope[3].Roles')!.message, /unknown role "x"/);
    for (const json of [null, [], 'text', {}, { RESTAPIScopes: { Scope: {} } }, { RESTAPIScopes: [] }]) {
      const bad = tenantConfToChanges(engine, json);
      assert.equal(bad.ok, false, JSON.stringify(json));
    }
  });

  test('other sections of the file are ignored', () => {
    const { engine } = engineFromPreset('wso2-apim');
    const plan = tenantConfToChanges(engine, {
      ...shippedTenantConf(),
      SelfSignUp: { SignUpRoles: ['Internal/subscriber'] },
      DefaultRoles: {},
    });
    assert.ok(plan.ok);
    assert.equal(plan.changes.length, 0);
  });
});
