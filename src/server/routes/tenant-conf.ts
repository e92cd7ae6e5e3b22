import { Type } from '@sinclair/typebox';
import type { AccessEngine } from '../../core/engine.js';
import { canAddRolePermissions, canCreateRole, canEditRole, checkNoLockout } from '../../core/rules.js';
import { tenantConfFromEngine, tenantConfToChanges } from '../../document/tenant-conf.js';
import type { DocumentError } from '../../document/validate.js';
import type { App, ServerContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import { Problem, Revision, enforce, homeTarget, write } from './common.js';

/** Installation-wide operations are authorized at the home organization. */
const atHome = (_request: unknown, context: ServerContext) => homeTarget(context);

const TenantConfSchema = Type.Object(
  {
    RESTAPIScopes: Type.Object({
      Scope: Type.Array(
        Type.Object({
          Name: Type.String(),
          Roles: Type.String({ description: 'The roles allowed the scope, comma-separated.' }),
          Description: Type.Optional(Type.String({ description: 'Not in WSO2’s file; its loader ignores it.' })),
        }),
      ),
    }),
    RoleMappings: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: '"<original role>": "<original role>,<new role>,…": each new role includes the original.',
      }),
    ),
  },
  { $id: 'TenantConf' },
);

const Names = Type.Array(Type.String());
const ReportSchema = Type.Object({
  scopes: Type.Object({ created: Names, changed: Names, unchanged: Names, deleted: Names }),
  roles: Type.Object({ created: Names, changed: Names }),
  notes: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
  revision: Revision,
});

function invalidTenantConf(errors: readonly DocumentError[]): HttpProblem {
  const listed = errors.map((e) => ({ in: 'body', path: e.path, message: e.message }));
  return new HttpProblem('validation', listed.map((e) => `${e.path}: ${e.message}`).join('; '), { errors: listed });
}

/** Every permission the roles give (expanded), for judging what including them adds. */
function permissionsOf(engine: AccessEngine, roleIds: readonly string[]): Set<string> {
  return new Set(roleIds.flatMap((id) => engine.rolePermissions(id)));
}

/** WSO2 API Manager's tenant-conf.json scope-role table (RESTAPIScopes and RoleMappings): export and import. */
export function tenantConfRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;

  app.get(
    '/v1/scopes/tenant-conf',
    {
      schema: {
        tags: ['scopes'],
        summary:
          'The scopes, the roles allowed each and the role mappings, as the RESTAPIScopes and RoleMappings sections of a WSO2 tenant-conf.json',
        description:
          '`Roles` is one comma-separated string, as in WSO2’s file. `RoleMappings` lists, for each role that other roles include, ' +
          'the role itself followed by those roles (as WSO2’s Admin Portal saves a mapping); it is absent when there is none.',
        response: { 200: TenantConfSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'scope:view', at: 'the home organization', target: atHome } },
    },
    async () => {
      await context.store.sync();
      return tenantConfFromEngine(engine());
    },
  );

  app.put(
    '/v1/scopes/tenant-conf',
    {
      bodyLimit: context.settings.documentBodyLimit,
      schema: {
        tags: ['scopes'],
        summary: 'Replace the scopes and role mappings with those of a WSO2 tenant-conf.json, in one write',
        description:
          'The body is a tenant-conf.json (sections other than RESTAPIScopes and RoleMappings are ignored). Scopes it lists are created or ' +
          'updated, scopes it does not list are deleted. Each role named in a RoleMappings value includes the original role, and so gets ' +
          'all its scopes and permissions (a role that does not exist is created); a root role no longer mapped loses what it included. ' +
          'The caller needs `scope:manage` at the home organization and, for a mapping, must hold what it grants (or `role:escalate`). ' +
          'Every problem is reported with its path, and nothing is written.',
        body: Type.Object(
          {},
          { additionalProperties: true, description: 'A tenant-conf.json document (see GET for its shape).' },
        ),
        response: { 200: ReportSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'scope:manage', at: 'the home organization', target: atHome } },
    },
    async (request) => {
      await context.store.sync();
      const actor = request.principal!.user.id;
      const plan = tenantConfToChanges(engine(), request.body);
      if (!plan.ok) throw invalidTenantConf(plan.errors);
      const e = engine();
      // Including a role grants its permissions: the caller must hold what each role gains (or role:escalate).
      for (const role of plan.createdRoles) {
        enforce(
          canCreateRole(e, actor, role, [...permissionsOf(e, plan.addedIncludes.get(role.id) ?? [])], [context.home()]),
        );
      }
      const createdIds = new Set(plan.createdRoles.map((r) => r.id));
      for (const change of plan.changes) {
        if (change.op !== 'role.put' || createdIds.has(change.role.id)) continue;
        enforce(canEditRole(e, change.role.id));
        const before = permissionsOf(e, [change.role.id]);
        const added = [...permissionsOf(e, plan.addedIncludes.get(change.role.id) ?? [])].filter(
          (key) => !before.has(key),
        );
        if (added.length > 0) enforce(canAddRolePermissions(e, actor, change.role.id, added, [context.home()]));
      }
      enforce(checkNoLockout(e, plan.changes));
      const revision =
        plan.changes.length === 0
          ? context.store.revision
          : await write(context, request, plan.changes, 'scope.tenant-conf.import', 'scopes');
      return { ...plan.report, revision };
    },
  );
}
