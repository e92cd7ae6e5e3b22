import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Change } from '../../core/changes.js';
import type { TargetRef } from '../../core/decision.js';
import type { AccessEngine } from '../../core/engine.js';
import { ALL_PERMISSIONS, type Role, type RoleMapping, qualifiedUserName, roleRecord } from '../../core/model.js';
import { canAddRolePermissions, canCreateRole, canDeleteRole, canEditRole, checkNoLockout } from '../../core/rules.js';
import type { App, ServerContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import {
  After,
  Description,
  Limit,
  Name,
  PageOf,
  Problem,
  Reference,
  Revision,
  enforce,
  homeTarget,
  notFound,
  organizationOf,
  page,
  roleOf,
  write,
  atQueriedOrganization,
  RoleParam,
  tagged,
} from './common.js';

export const RoleSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    organization: Type.Union([Type.String(), Type.Null()]),
    organizationName: Type.Union([Type.String(), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
    permissions: Type.Array(Type.String()),
    includes: Type.Array(Type.String()),
    aliases: Type.Array(Type.String()),
    predefined: Type.Boolean(),
    deprecated: Type.Boolean(),
    assignable: Type.Boolean(),
    editable: Type.Boolean(),
    exemptFromTwoFactor: Type.Boolean(),
    store: Type.Union([Type.String(), Type.Null()]),
    owner: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Role' },
);

/** A role as lists and references show it. */
export const RoleRefSchema = Type.Object({ id: Type.String(), name: Type.String() });

/** A target as the API shows it: its level, its type (`organization`, `project`, `api`…), id and display path. */
export const TargetSchema = Type.Object({
  level: Type.String(),
  type: Type.String(),
  id: Type.String(),
  name: Type.String(),
});

const PermissionKey = Type.String({ minLength: 1, maxLength: 200 });
const RoleParams = Type.Object({ role: RoleParam });
const RoleQuery = Type.Object({ organization: Type.Optional(Reference) });

/** The role with its organization's name, as every role endpoint answers it. */
export function roleView(engine: AccessEngine, role: Role) {
  const organizationName =
    role.organization === null ? null : (engine.organizations().find((o) => o.id === role.organization)?.name ?? null);
  return {
    ...role,
    permissions: [...role.permissions],
    includes: [...role.includes],
    aliases: [...role.aliases],
    organizationName,
  };
}

/** Where a role is managed and viewed: its organization, or the home organization for a root role. */
export function roleHome(context: ServerContext, role: Role | undefined): TargetRef {
  return role === undefined || role.organization === null
    ? homeTarget(context)
    : { type: 'organization', id: role.organization };
}

/** The target type of a mapping's target (`organization`, `project`, or the resource's type). */
export function targetTypeOf(engine: AccessEngine, target: RoleMapping['target']): string {
  if (target.level !== 'resource') return target.level;
  return engine.resources().find((r) => r.id === target.id)?.type ?? 'resource';
}

/** A mapping's target with its type and display path. */
export function targetView(engine: AccessEngine, target: RoleMapping['target']) {
  const type = targetTypeOf(engine, target);
  return {
    level: target.level,
    type,
    id: target.id,
    name: engine.describeTarget({ type, id: target.id })?.name ?? target.id,
  };
}

/** Refuses permission keys the tree does not declare, naming each. */
function checkPermissionKeys(engine: AccessEngine, keys: readonly string[]): void {
  const errors = keys.flatMap((key, index) =>
    key === ALL_PERMISSIONS || engine.permission(key) !== undefined
      ? []
      : [{ in: 'body', path: `permissions[${index}]`, message: `"${key}" is not a permission of the tree` }],
  );
  if (errors.length > 0)
    throw new HttpProblem('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

/** Every permission key the included roles grant (with their own inclusions). */
function includedPermissions(engine: AccessEngine, includes: readonly string[]): string[] {
  return [...new Set(includes.flatMap((id) => engine.rolePermissions(id)))];
}

/** Roles: sets of permission-tree keys, at the root (usable everywhere) or in one organization (docs/concepts.md#the-model). */
export function roleRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  /** The role a request's `:role` names, resolved in `?organization=` when given; undefined when unknown. */
  const findRole = (request: FastifyRequest): Role | undefined => {
    const { role } = request.params as { role: string };
    const organization = (request.query as { organization?: string }).organization;
    const organizationId =
      organization === undefined
        ? null
        : (engine().describeTarget({ type: 'organization', id: organization })?.id ?? null);
    return engine().findRole(role, organizationId);
  };
  const requireRole = (request: FastifyRequest): Role => {
    const role = findRole(request);
    if (role === undefined) throw notFound('role', (request.params as { role: string }).role);
    return role;
  };
  // An unknown role is judged at home, so a caller who may see roles learns it is unknown (404).
  const where = (request: FastifyRequest, ctx: ServerContext) => roleHome(ctx, findRole(request));

  app.get(
    '/v1/roles',
    {
      schema: {
        tags: ['roles'],
        summary:
          'List roles (those usable in an organization: the root roles, its own and those of the organizations above it)',
        querystring: Type.Object({
          organization: Type.Optional(Reference),
          name: Type.Optional(Type.String({ maxLength: 200 })),
          predefined: Type.Optional(Type.Boolean()),
          deprecated: Type.Optional(Type.Boolean()),
          assignable: Type.Optional(Type.Boolean()),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: { 200: PageOf(RoleSchema), '4xx': Problem },
      },
      config: { guard: atQueriedOrganization('role:view') },
    },
    async (request) => {
      const { organization, name, predefined, deprecated, assignable, limit, after } = request.query;
      const organizationId = organization === undefined ? context.home() : organizationOf(engine(), organization).id;
      const roles = engine()
        .roles()
        .filter((r) => engine().roleAvailableIn(r.id, organizationId))
        .filter((r) => name === undefined || r.name.toLowerCase().includes(name.toLowerCase()))
        .filter((r) => predefined === undefined || r.predefined === predefined)
        .filter((r) => deprecated === undefined || r.deprecated === deprecated)
        .filter((r) => assignable === undefined || r.assignable === assignable);
      const result = page(roles, (r) => r.name, limit, after);
      return {
        items: result.items.map((r) => roleView(engine(), r)),
        next: result.next,
        revision: context.store.revision,
      };
    },
  );

  app.post(
    '/v1/roles',
    {
      schema: {
        tags: ['roles'],
        summary: 'Create a role',
        description:
          'A role mapped to existing roles (`includes`) holds all their permissions and scopes, now and as they change. ' +
          'The caller must hold every permission the role would carry where it is defined, or `role:escalate`.',
        body: Type.Object(
          {
            name: Name,
            organization: Type.Optional(Type.Union([Reference, Type.Null()])),
            description: Type.Optional(Description),
            permissions: Type.Optional(Type.Array(PermissionKey, { maxItems: 1000 })),
            includes: Type.Optional(Type.Array(Reference, { maxItems: 100 })),
            aliases: Type.Optional(Type.Array(Name, { maxItems: 50 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ role: RoleSchema, revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'role:manage',
          at: 'the organization the role is defined in (the home organization for a root role)',
          target: (request, ctx) => {
            const organization = (request.body as { organization?: string | null }).organization;
            return organization === undefined || organization === null
              ? homeTarget(ctx)
              : { type: 'organization', id: organization };
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const organization =
        body.organization === undefined || body.organization === null
          ? null
          : organizationOf(engine(), body.organization).id;
      const permissions = [...new Set(body.permissions ?? [])];
      checkPermissionKeys(engine(), permissions);
      const includes = [
        ...new Set((body.includes ?? []).map((reference) => roleOf(engine(), reference, organization).id)),
      ];
      const carried = [...permissions, ...includedPermissions(engine(), includes)];
      enforce(
        canCreateRole(engine(), request.principal!.user.id, { name: body.name, organization }, carried, [
          context.home(),
        ]),
      );
      const role = roleRecord({
        id: randomUUID(),
        name: body.name,
        organization,
        description: body.description ?? null,
        permissions,
        includes,
        aliases: body.aliases ?? [],
      });
      const revision = await write(context, request, [{ op: 'role.put', role }], 'role.create', `role:${role.id}`);
      return reply.code(201).send({ role: roleView(engine(), engine().role(role.id)!), revision });
    },
  );

  app.get(
    '/v1/roles/:role',
    {
      schema: {
        tags: ['roles'],
        summary: 'Read a role (by id, or by name or alias as usable in `organization`)',
        params: RoleParams,
        querystring: RoleQuery,
        response: { 200: RoleSchema, '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'role:view',
          at: "the role's organization (the home organization for a root role)",
          target: where,
        },
      },
    },
    async (request) => {
      const role = requireRole(request);
      return tagged(request, 'role', role.id, roleView(engine(), role));
    },
  );

  app.get(
    '/v1/roles/:role/permissions',
    {
      schema: {
        tags: ['roles'],
        summary: 'Every permission a role grants, with its included roles and the permission tree expanded',
        params: RoleParams,
        querystring: RoleQuery,
        response: {
          200: Type.Object({
            role: RoleRefSchema,
            permissions: Type.Array(Type.String()),
            includes: Type.Array(RoleRefSchema),
            revision: Type.Integer(),
          }),
          '4xx': Problem,
        },
      },
      config: {
        guard: {
          permission: 'role:view',
          at: "the role's organization (the home organization for a root role)",
          target: where,
        },
      },
    },
    async (request) => {
      const role = requireRole(request);
      const includes = engine()
        .roleClosure(role.id)
        .filter((id) => id !== role.id)
        .map((id) => ({ id, name: engine().role(id)?.name ?? id }));
      return {
        role: { id: role.id, name: role.name },
        permissions: engine().rolePermissions(role.id),
        includes,
        revision: context.store.revision,
      };
    },
  );

  app.patch(
    '/v1/roles/:role',
    {
      schema: {
        tags: ['roles'],
        summary: 'Rename a role or change its permissions, included roles, aliases or flags',
        description:
          'Renaming is always allowed (mappings refer to roles by id). Changing permissions or included roles needs an editable role ' +
          'and the caller to hold what is added.',
        params: RoleParams,
        querystring: RoleQuery,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            description: Type.Optional(Description),
            permissions: Type.Optional(Type.Array(PermissionKey, { maxItems: 1000 })),
            includes: Type.Optional(Type.Array(Reference, { maxItems: 100 })),
            aliases: Type.Optional(Type.Array(Name, { maxItems: 50 })),
            deprecated: Type.Optional(Type.Boolean()),
            assignable: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ role: RoleSchema, revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'role:manage',
          at: "the role's organization (the home organization for a root role)",
          target: where,
        },
      },
    },
    async (request) => {
      const current = requireRole(request);
      const body = request.body;
      const actor = request.principal!.user.id;
      const permissions = body.permissions === undefined ? current.permissions : [...new Set(body.permissions)];
      if (body.permissions !== undefined) checkPermissionKeys(engine(), permissions);
      const includes =
        body.includes === undefined
          ? current.includes
          : [...new Set(body.includes.map((r) => roleOf(engine(), r, current.organization).id))];
      const permissionsChange =
        permissions.length !== current.permissions.length ||
        permissions.some((k) => !current.permissions.includes(k)) ||
        includes.length !== current.includes.length ||
        includes.some((r) => !current.includes.includes(r));
      if (permissionsChange) {
        enforce(canEditRole(engine(), current.id));
        const before = new Set([...current.permissions, ...includedPermissions(engine(), current.includes)]);
        const added = [...permissions, ...includedPermissions(engine(), includes)].filter((k) => !before.has(k));
        if (added.length > 0) enforce(canAddRolePermissions(engine(), actor, current.id, added, [context.home()]));
      }
      const role: Role = {
        ...current,
        name: body.name ?? current.name,
        description: body.description === undefined ? current.description : body.description,
        permissions,
        includes,
        aliases: body.aliases ?? current.aliases,
        deprecated: body.deprecated ?? current.deprecated,
        assignable: body.assignable ?? current.assignable,
      };
      const changes: Change[] = [{ op: 'role.put', role }];
      if (permissionsChange) enforce(checkNoLockout(engine(), changes));
      const revision = await write(context, request, changes, 'role.update', `role:${current.id}`);
      return { role: roleView(engine(), engine().role(current.id)!), revision };
    },
  );

  app.delete(
    '/v1/roles/:role',
    {
      schema: {
        tags: ['roles'],
        summary: 'Delete a role',
        description:
          'Predefined roles cannot be deleted. A role still mapped, included or allowed scopes is kept unless `cascade=true` removes those too.',
        params: RoleParams,
        querystring: Type.Object({ organization: Type.Optional(Reference), cascade: Type.Boolean({ default: false }) }),
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'role:manage',
          at: "the role's organization (the home organization for a root role)",
          target: where,
        },
      },
    },
    async (request) => {
      const role = requireRole(request);
      enforce(canDeleteRole(engine(), role.id));
      const changes: Change[] = [{ op: 'role.delete', id: role.id, cascade: request.query.cascade }];
      enforce(checkNoLockout(engine(), changes));
      const revision = await write(context, request, changes, 'role.delete', `role:${role.id}`);
      return { revision };
    },
  );

  const Through = Type.Object({
    mapping: Type.String(),
    role: RoleRefSchema,
    target: TargetSchema,
    kind: Type.Union([Type.Literal('direct'), Type.Literal('group'), Type.Literal('everyone')]),
    group: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  });
  const Holder = Type.Object({
    user: Type.Object({ id: Type.String(), name: Type.String(), status: Type.String() }),
    mappings: Type.Array(Through),
  });

  app.get(
    '/v1/roles/:role/users',
    {
      schema: {
        tags: ['roles'],
        summary: 'Users with this role: each holder and the mappings it holds the role through',
        description: 'A mapping of a role that includes this one counts too. Paged by qualified user name.',
        params: RoleParams,
        querystring: Type.Object({ organization: Type.Optional(Reference), limit: Limit, after: Type.Optional(After) }),
        response: { 200: PageOf(Holder), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'role:view',
          at: "the role's organization (the home organization for a root role)",
          target: where,
        },
      },
    },
    async (request) => {
      const role = requireRole(request);
      const e = engine();
      const holders = new Map<
        string,
        { user: { id: string; name: string; status: string }; mappings: (typeof Through.static)[] }
      >();
      const add = (userId: string, through: typeof Through.static) => {
        const user = e.user(userId);
        if (user === undefined) return;
        let holder = holders.get(user.id);
        if (holder === undefined)
          holders.set(
            user.id,
            (holder = { user: { id: user.id, name: qualifiedUserName(user), status: user.status }, mappings: [] }),
          );
        holder.mappings.push(through);
      };
      for (const mapping of e.mappings()) {
        if (!e.roleClosure(mapping.role).includes(role.id)) continue;
        const base = {
          mapping: mapping.id,
          role: { id: mapping.role, name: e.role(mapping.role)?.name ?? mapping.role },
          target: targetView(e, mapping.target),
        };
        const subject = mapping.subject;
        if (subject.kind === 'user') add(subject.id, { ...base, kind: 'direct', group: null });
        else if (subject.kind === 'group') {
          const group = { id: subject.id, name: e.group(subject.id)?.name ?? subject.id };
          for (const member of e.members(subject.id)) add(member, { ...base, kind: 'group', group });
        } else if (subject.kind === 'everyone') {
          for (const user of e.users())
            if (user.status === 'active') add(user.id, { ...base, kind: 'everyone', group: null });
        }
      }
      const { limit, after } = request.query;
      return { ...page([...holders.values()], (h) => h.user.name, limit, after), revision: context.store.revision };
    },
  );
}
