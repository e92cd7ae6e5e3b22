import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Change } from '../../core/changes.js';
import { TesseraError } from '../../core/errors.js';
import { planDocument } from '../../document/index.js';
import { presetResolver } from '../../presets/index.js';
import { requirePermission } from '../app.js';
import type { App, ServerContext } from '../context.js';
import { addMembersOfBatch } from '../members.js';
import { HttpProblem } from '../problem.js';
import {
  Limit,
  After,
  Name,
  PageOf,
  Problem,
  Reference,
  Revision,
  homeTarget,
  organizationOf,
  page,
  write,
  OrganizationParam,
  tagged,
} from './common.js';

export const OrganizationSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    parent: Type.Union([Type.String(), Type.Null()]),
    requireTwoFactor: Type.Boolean(),
    adminRole: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Organization' },
);

/** An organization in the list: with its number of projects (from the engine's index). */
const ListedOrganizationSchema = Type.Object({
  ...OrganizationSchema.properties,
  projects: Type.Integer({ minimum: 0, description: 'The number of projects directly in the organization.' }),
});

const Params = Type.Object({ organization: OrganizationParam });
type ParamsOf = { organization: string };

/**
 * The changes that give `user` the admin role in the organization `changes` create: membership of
 * the default group holding it (Choreo's Admin group), or a direct mapping when there is none.
 */
function creatorAsAdmin(context: ServerContext, changes: readonly Change[], user: string): Change[] {
  const adminRole = context.store.engine.settings.adminRole;
  const created = changes.find((c) => c.op === 'organization.put');
  if (adminRole === null || created?.op !== 'organization.put') return [];
  const organization = created.organization.id;
  const group = changes.find(
    (c) =>
      c.op === 'mapping.add' &&
      c.mapping.role === adminRole &&
      c.mapping.subject.kind === 'group' &&
      c.mapping.target.level === 'organization' &&
      c.mapping.target.id === organization,
  );
  if (group?.op === 'mapping.add' && group.mapping.subject.kind === 'group') {
    return [{ op: 'member.add', membership: { group: group.mapping.subject.id, user } }];
  }
  return [
    {
      op: 'mapping.add',
      mapping: {
        id: randomUUID(),
        role: adminRole,
        subject: { kind: 'user', id: user },
        target: { level: 'organization', id: organization },
      },
    },
  ];
}

/** Organizations: the tree of root and business organizations (docs/concepts.md#the-model). */
export function organizationRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const self = (request: FastifyRequest) => ({ type: 'organization', id: (request.params as ParamsOf).organization });

  app.get(
    '/v1/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'List the organizations the caller may see',
        querystring: Type.Object({
          parent: Type.Optional(Reference),
          name: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: { 200: PageOf(ListedOrganizationSchema), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'organization:view',
          at: 'each listed organization (others are left out)',
          target: () => null,
        },
      },
    },
    async (request) => {
      const { parent, name, limit, after } = request.query;
      const user = request.principal!.user.id;
      const parentId = parent === undefined ? undefined : organizationOf(engine(), parent).id;
      const visible = engine()
        .organizations()
        .filter(
          (o) =>
            (parentId === undefined || o.parent === parentId) &&
            (name === undefined || o.name.toLowerCase().includes(name.toLowerCase())),
        )
        .filter((o) => engine().allowed(user, 'organization:view', 'organization', o.id));
      const found = page(visible, (o) => o.name, limit, after);
      const projects = new Map<string, number>();
      for (const p of engine().projects()) projects.set(p.organization, (projects.get(p.organization) ?? 0) + 1);
      return {
        items: found.items.map((o) => ({ ...o, projects: projects.get(o.id) ?? 0 })),
        next: found.next,
        revision: context.store.revision,
      };
    },
  );

  app.post(
    '/v1/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: "Create an organization, with the preset's default groups and mappings",
        description:
          'A child organization needs `organization:create` at its parent; a root organization needs it at the home organization, and its creator becomes its administrator.',
        body: Type.Object(
          {
            name: Name,
            parent: Type.Optional(Type.Union([Reference, Type.Null()])),
            requireTwoFactor: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ organization: OrganizationSchema, revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'organization:create',
          at: 'the parent organization (the home organization for a root one)',
          target: (request, ctx) => {
            const parent = (request.body as { parent?: string | null }).parent;
            return parent === undefined || parent === null ? homeTarget(ctx) : { type: 'organization', id: parent };
          },
        },
      },
    },
    async (request, reply) => {
      const { name, parent, requireTwoFactor } = request.body;
      const parentOrganization = parent === undefined || parent === null ? null : organizationOf(engine(), parent);
      if (
        engine()
          .organizations()
          .some((o) => o.name === name)
      ) {
        throw new TesseraError('DUPLICATE', `organization "${name}" already exists`, {
          entity: 'organization',
          name,
          errors: [{ in: 'body', path: 'name', message: 'is taken' }],
        });
      }
      const plan = planDocument(
        engine(),
        {
          organizations: [
            {
              name,
              parent: parentOrganization?.name ?? null,
              ...(requireTwoFactor === undefined ? {} : { requireTwoFactor }),
            },
          ],
        },
        { presets: presetResolver },
      );
      if (!plan.ok) throw new HttpProblem('bad-request', plan.errors.map((e) => e.message).join('; '));
      const changes = [...plan.changes];
      // A new tenant needs an administrator: its creator (child organizations inherit the parent's).
      if (parentOrganization === null) changes.push(...creatorAsAdmin(context, changes, request.principal!.user.id));
      const created = changes.find((c) => c.op === 'organization.put');
      const target = created?.op === 'organization.put' ? `organization:${created.organization.id}` : null;
      const revision = await write(context, request, changes, 'organization.create', target, {
        // Its creator, made its admin, is its first member.
        alongside: (tx) => addMembersOfBatch(tx, engine(), changes),
      });
      const organization = engine()
        .organizations()
        .find((o) => o.name === name)!;
      return reply.code(201).send({ organization, revision });
    },
  );

  app.get(
    '/v1/organizations/:organization',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Read an organization (by id or name)',
        params: Params,
        response: { 200: OrganizationSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'organization:view', at: 'the organization', target: self } },
    },
    async (request) => {
      const organization = organizationOf(engine(), request.params.organization);
      return tagged(request, 'organization', organization.id, organization);
    },
  );

  app.patch(
    '/v1/organizations/:organization',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Rename an organization or change its settings',
        params: Params,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            requireTwoFactor: Type.Optional(Type.Boolean()),
            adminRole: Type.Optional(Type.Union([Reference, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ organization: OrganizationSchema, revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'organization:update', at: 'the organization', target: self } },
    },
    async (request) => {
      const current = organizationOf(engine(), request.params.organization);
      const { name, requireTwoFactor, adminRole } = request.body;
      let adminRoleId = current.adminRole;
      if (adminRole !== undefined) {
        // Choosing who counts as the organization's admin is an installation setting.
        requirePermission(context, request, 'settings:manage', 'organization', current.id);
        adminRoleId = adminRole === null ? null : (engine().findRole(adminRole, current.id)?.id ?? null);
        if (adminRole !== null && adminRoleId === null)
          throw new HttpProblem('validation', `unknown role "${adminRole}"`, {
            errors: [{ in: 'body', path: 'adminRole', message: 'is not a role' }],
          });
      }
      const organization = {
        ...current,
        name: name ?? current.name,
        requireTwoFactor: requireTwoFactor ?? current.requireTwoFactor,
        adminRole: adminRoleId,
      };
      const changes: Change[] = [{ op: 'organization.put', organization }];
      const revision = await write(context, request, changes, 'organization.update', `organization:${current.id}`);
      return { organization: organizationOf(engine(), current.id), revision };
    },
  );

  app.delete(
    '/v1/organizations/:organization',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Delete an organization',
        description:
          'Refused while it holds projects, groups or child organizations, unless `cascade=true` deletes them with it.',
        params: Params,
        querystring: Type.Object({ cascade: Type.Boolean({ default: false }) }),
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'organization:delete', at: 'the organization', target: self } },
    },
    async (request) => {
      const organization = organizationOf(engine(), request.params.organization);
      if (organization.id === context.home())
        throw new HttpProblem('bad-request', 'the home organization cannot be deleted');
      const revision = await write(
        context,
        request,
        [{ op: 'organization.delete', id: organization.id, cascade: request.query.cascade }],
        'organization.delete',
        `organization:${organization.id}`,
        {
          alongside: async (tx) =>
            void (await tx.deleteFrom('organization_members').where('organization', '=', organization.id).execute()),
        },
      );
      return { revision };
    },
  );
}
