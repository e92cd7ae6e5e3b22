import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { TargetRef } from '../../core/decision.js';
import type { AccessEngine } from '../../core/engine.js';
import { type Project, type Resource, type RoleMapping, qualifiedUserName } from '../../core/model.js';
import { creatorMapping, resourcePermission } from '../../core/resource-types.js';
import { publishRequest } from '../approvals/requests.js';
import { workflowOn } from '../approvals/service.js';
import type { App, Guard, ServerContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import { ApprovalSchema } from './approvals.js';
import {
  After,
  Limit,
  PageOf,
  Problem,
  Reference,
  Revision,
  organizationOf,
  page,
  projectOf,
  resourceOf,
  write,
  OrganizationParam,
  ProjectParam,
  ResourceParam,
  tagged,
} from './common.js';

export const ProjectSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    organization: Type.String(),
    path: Type.String({ description: '`organization/project`: usable wherever a project is referenced.' }),
  },
  { $id: 'Project' },
);

export const ResourceSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    name: Type.String(),
    organization: Type.String(),
    project: Type.Union([Type.String(), Type.Null()], {
      description: 'null when the resource sits directly in the organization.',
    }),
    private: Type.Boolean({
      description: 'Only invited subjects (a mapping on the resource) and holders of `resource:view-private` see it.',
    }),
    anonymousAccess: Type.Boolean({
      description:
        "Whether the anonymous guest's grants of anonymous-gated permissions (Akana's `api:test`) count on it. Default: false.",
    }),
    path: Type.String(),
  },
  { $id: 'Resource' },
);

/** Project and resource names: no `/` (it separates the parts of a path) and no control characters. */
const PathName = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\u0000-\\u001f]+$' });
const ResourceType = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[a-z][a-z0-9_-]*$',
  description: '`api`, `application`, `component`, `environment`, … (types are open).',
});

const AccessEntry = Type.Object({
  mapping: Type.String(),
  role: Type.Object({ id: Type.String(), name: Type.String() }),
  subject: Type.Object({ kind: Type.String(), id: Type.Union([Type.String(), Type.Null()]), name: Type.String() }),
  level: Type.Object({ level: Type.String(), id: Type.String(), name: Type.String() }),
  inherited: Type.Boolean({
    description: 'Mapped at the organization (or a parent organization), so it applies to the project too.',
  }),
});

const PRECEDENCE_NOTE =
  'Organization-level grants take precedence: nothing mapped at the project narrows what a mapping at its organization (or a parent organization) grants. ' +
  'To restrict a project to chosen groups, map their roles at the project instead of at the organization.';

type ProjectParams = { project: string };
type ResourceParams = { resource: string };

/** Projects inside organizations, their access page, and the typed resources inside projects and organizations (docs/concepts.md#the-model). */
export function projectRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const projectTarget = (request: FastifyRequest): TargetRef => ({
    type: 'project',
    id: projectOf(engine(), (request.params as ProjectParams).project).id,
  });
  const resourceTarget = (request: FastifyRequest): TargetRef => {
    const resource = resourceOf(engine(), (request.params as ResourceParams).resource);
    return { type: resource.type, id: resource.id };
  };
  /** `resource:manage` at the resource, or the permission the preset names for the resource's type. */
  const resourceGuard = (operation: 'edit' | 'delete'): Guard => ({
    permission: 'resource:manage',
    at: `the resource; a type the preset names needs its own ${operation} permission instead (settings.resourceTypes: Akana's api:${operation === 'edit' ? 'modify' : 'delete'})`,
    permissionOf: (request) => resourcePermission(engine().settings, resourceTarget(request).type, operation),
    target: resourceTarget,
  });
  const projectView = (e: AccessEngine, project: Project) => ({
    ...project,
    path: `${e.organizations().find((o) => o.id === project.organization)?.name ?? project.organization}/${project.name}`,
  });
  const resourceView = (e: AccessEngine, resource: Resource) => ({
    ...resource,
    anonymousAccess: resource.anonymousAccess === true,
    path: e.describeTarget({ type: resource.type, id: resource.id })?.name ?? resource.name,
  });

  const workflowOnForPublish = async (api: Resource) =>
    api.type === 'api' && (await workflowOn(context.store, 'api-publish', api.organization)) !== undefined;

  // ── projects ──

  app.get(
    '/v1/organizations/:organization/projects',
    {
      schema: {
        tags: ['projects'],
        summary: "List an organization's projects the caller may see",
        params: Type.Object({ organization: OrganizationParam }),
        querystring: Type.Object(
          { name: Type.Optional(Type.String({ maxLength: 200 })), limit: Limit, after: Type.Optional(After) },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(ProjectSchema), '4xx': Problem },
      },
      config: {
        guard: { permission: 'project:view', at: 'each listed project (others are left out)', target: () => null },
      },
    },
    async (request) => {
      const { name, limit, after } = request.query;
      const e = engine();
      const organization = organizationOf(e, request.params.organization);
      const user = request.principal!.user.id;
      const needle = name?.toLowerCase();
      const visible = e
        .projects()
        .filter(
          (p) => p.organization === organization.id && (needle === undefined || p.name.toLowerCase().includes(needle)),
        )
        .filter((p) => e.allowed(user, 'project:view', 'project', p.id));
      const found = page(visible, (p) => p.name, limit, after);
      return { items: found.items.map((p) => projectView(e, p)), next: found.next, revision: context.store.revision };
    },
  );

  app.post(
    '/v1/organizations/:organization/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Create a project in an organization',
        params: Type.Object({ organization: OrganizationParam }),
        body: Type.Object({ name: PathName }, { additionalProperties: false }),
        response: { 201: Type.Object({ project: ProjectSchema, revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'project:create',
          at: 'the organization',
          target: (request) => ({
            type: 'organization',
            id: organizationOf(engine(), (request.params as { organization: string }).organization).id,
          }),
        },
      },
    },
    async (request, reply) => {
      const organization = organizationOf(engine(), request.params.organization);
      const project: Project = { id: randomUUID(), name: request.body.name, organization: organization.id };
      const revision = await write(
        context,
        request,
        [{ op: 'project.put', project }],
        'project.create',
        `project:${project.id}`,
      );
      return reply.code(201).send({ project: projectView(engine(), project), revision });
    },
  );

  app.get(
    '/v1/projects/:project',
    {
      schema: {
        tags: ['projects'],
        summary: 'Read a project (by id or `organization/project` path)',
        params: Type.Object({ project: ProjectParam }),
        response: { 200: ProjectSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'project:view', at: 'the project', target: projectTarget } },
    },
    async (request) => {
      const project = projectOf(engine(), request.params.project);
      return tagged(request, 'project', project.id, projectView(engine(), project));
    },
  );

  app.patch(
    '/v1/projects/:project',
    {
      schema: {
        tags: ['projects'],
        summary: 'Rename a project',
        params: Type.Object({ project: ProjectParam }),
        body: Type.Object({ name: Type.Optional(PathName) }, { additionalProperties: false }),
        response: { 200: Type.Object({ project: ProjectSchema, revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'project:edit', at: 'the project', target: projectTarget } },
    },
    async (request) => {
      const current = projectOf(engine(), request.params.project);
      const project: Project = { ...current, name: request.body.name ?? current.name };
      const revision = await write(
        context,
        request,
        [{ op: 'project.put', project }],
        'project.update',
        `project:${current.id}`,
      );
      return { project: projectView(engine(), project), revision };
    },
  );

  app.delete(
    '/v1/projects/:project',
    {
      schema: {
        tags: ['projects'],
        summary: 'Delete a project',
        description: 'Refused while it holds resources or role mappings, unless `cascade=true` deletes them with it.',
        params: Type.Object({ project: ProjectParam }),
        querystring: Type.Object({ cascade: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'project:delete', at: 'the project', target: projectTarget } },
    },
    async (request) => {
      const project = projectOf(engine(), request.params.project);
      const revision = await write(
        context,
        request,
        [{ op: 'project.delete', id: project.id, cascade: request.query.cascade }],
        'project.delete',
        `project:${project.id}`,
      );
      return { revision };
    },
  );

  app.get(
    '/v1/projects/:project/access',
    {
      schema: {
        tags: ['projects'],
        summary: "The project's access page: who holds which role here",
        description:
          'The role mappings at the project, and those at its organization and parent organizations, which apply to the project too (`inherited: true`). ' +
          PRECEDENCE_NOTE,
        params: Type.Object({ project: ProjectParam }),
        response: {
          200: Type.Object({
            project: ProjectSchema,
            mappings: Type.Array(AccessEntry),
            note: Type.String(),
            revision: Type.Integer(),
          }),
          '4xx': Problem,
        },
      },
      config: { guard: { permission: 'project:view', at: 'the project', target: projectTarget } },
    },
    async (request) => {
      const e = engine();
      const project = projectOf(e, request.params.project);
      const describe = (mapping: RoleMapping, inherited: boolean) => {
        const subject = mapping.subject;
        let name: string = subject.kind;
        if (subject.kind === 'group') name = e.group(subject.id)?.name ?? subject.id;
        else if (subject.kind === 'user') {
          const user = e.user(subject.id);
          name = user === undefined ? subject.id : qualifiedUserName(user);
        }
        const level = e.describeTarget({ type: mapping.target.level, id: mapping.target.id });
        return {
          mapping: mapping.id,
          role: { id: mapping.role, name: e.role(mapping.role)?.name ?? mapping.role },
          subject: { kind: subject.kind, id: 'id' in subject ? subject.id : null, name },
          level: { level: mapping.target.level, id: mapping.target.id, name: level?.name ?? mapping.target.id },
          inherited,
        };
      };
      const byRoleAndSubject = (a: ReturnType<typeof describe>, b: ReturnType<typeof describe>) =>
        a.role.name.localeCompare(b.role.name) ||
        a.subject.name.localeCompare(b.subject.name) ||
        a.mapping.localeCompare(b.mapping);
      // Highest level first: the root organization's mappings, down to the project's own.
      const organizations = e.organizationChain({ type: 'project', id: project.id }).reverse();
      const inherited = organizations.flatMap((id) =>
        e
          .mappingsAt('organization', id)
          .map((m) => describe(m, true))
          .sort(byRoleAndSubject),
      );
      const own = e
        .mappingsAt('project', project.id)
        .map((m) => describe(m, false))
        .sort(byRoleAndSubject);
      return {
        project: projectView(e, project),
        mappings: [...inherited, ...own],
        note: PRECEDENCE_NOTE,
        revision: context.store.revision,
      };
    },
  );

  // ── resources ──

  app.get(
    '/v1/resources',
    {
      schema: {
        tags: ['resources'],
        summary: 'List the resources the caller may see',
        description:
          'A private resource is listed only to subjects invited to it (a mapping on it) and holders of `resource:view-private`.',
        querystring: Type.Object(
          {
            organization: Type.Optional(Reference),
            project: Type.Optional(Reference),
            type: Type.Optional(ResourceType),
            name: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Limit,
            after: Type.Optional(After),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(ResourceSchema), '4xx': Problem },
      },
      config: {
        guard: { permission: 'resource:view', at: 'each listed resource (others are left out)', target: () => null },
      },
    },
    async (request) => {
      const { organization, project, type, name, limit, after } = request.query;
      const e = engine();
      const organizationId = organization === undefined ? undefined : organizationOf(e, organization).id;
      const projectId = project === undefined ? undefined : projectOf(e, project).id;
      const needle = name?.toLowerCase();
      const user = request.principal!.user.id;
      const visible = e
        .resources()
        .filter(
          (r) =>
            (organizationId === undefined || r.organization === organizationId) &&
            (projectId === undefined || r.project === projectId) &&
            (type === undefined || r.type === type) &&
            (needle === undefined || r.name.toLowerCase().includes(needle)),
        )
        .filter((r) => e.allowed(user, 'resource:view', r.type, r.id));
      const found = page(visible, (r) => r.id, limit, after);
      return { items: found.items.map((r) => resourceView(e, r)), next: found.next, revision: context.store.revision };
    },
  );

  app.post(
    '/v1/resources',
    {
      schema: {
        tags: ['resources'],
        summary: 'Create a resource in a project or directly in an organization',
        description:
          'Name the `project` (its organization is implied) or the `organization`; when both are given the project must be in the organization. ' +
          'Where publishing APIs needs approval, a public API is created private with a publishing request (`approval`; docs/approvals.md).',
        body: Type.Object(
          {
            type: ResourceType,
            name: PathName,
            organization: Type.Optional(Reference),
            project: Type.Optional(Reference),
            private: Type.Optional(Type.Boolean()),
            anonymousAccess: Type.Optional(
              Type.Boolean({
                description: 'Allow the anonymous guest its anonymous-gated permissions here. Default: false.',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            resource: ResourceSchema,
            revision: Revision,
            approval: Type.Optional(ApprovalSchema),
          }),
          '4xx': Problem,
        },
      },
      config: {
        guard: {
          permission: 'resource:manage',
          at: "the project (or the organization, for a resource directly in it); a type the preset names needs its own create permission instead (settings.resourceTypes: Akana's api:create)",
          permissionOf: (request) =>
            resourcePermission(engine().settings, (request.body as { type: string }).type, 'create'),
          target: (request) => {
            const body = request.body as { organization?: string; project?: string };
            if (body.project !== undefined) return { type: 'project', id: projectOf(engine(), body.project).id };
            if (body.organization !== undefined)
              return { type: 'organization', id: organizationOf(engine(), body.organization).id };
            throw new HttpProblem('validation', 'name the project or the organization the resource belongs to', {
              errors: [{ in: 'body', path: 'project', message: 'is required when organization is absent' }],
            });
          },
        },
      },
    },
    async (request, reply) => {
      const e = engine();
      const body = request.body;
      const project = body.project === undefined ? null : projectOf(e, body.project);
      const organization = body.organization === undefined ? null : organizationOf(e, body.organization);
      if (project !== null && organization !== null && project.organization !== organization.id) {
        throw new HttpProblem('validation', `project "${body.project}" is not in organization "${body.organization}"`, {
          errors: [{ in: 'body', path: 'project', message: 'is not in the organization' }],
        });
      }
      const resource: Resource = {
        id: randomUUID(),
        type: body.type,
        name: body.name,
        organization: project?.organization ?? organization!.id,
        project: project?.id ?? null,
        private: body.private ?? false,
        ...(body.anonymousAccess === true ? { anonymousAccess: true } : {}),
      };
      // Where publishing needs approval, a public API starts private (unpublished) and asks to be published.
      const publishing = resource.type === 'api' && !resource.private;
      const created: Resource = publishing ? { ...resource, private: true } : resource;
      const pending = publishing && (await workflowOnForPublish(created));
      // The creator becomes the resource's first administrator (Akana: API Administrator on the new
      // API), in the same write; the gate does not judge a role on a resource the batch creates.
      const creator = creatorMapping(e.settings, resource, request.principal!.user.id, randomUUID);
      const revision = await write(
        context,
        request,
        [{ op: 'resource.put', resource: pending ? created : resource }, ...(creator === null ? [] : [creator])],
        'resource.create',
        `resource:${resource.id}`,
      );
      if (pending) {
        const approval = await publishRequest(context, request, created);
        return reply.code(201).send({
          resource: resourceView(engine(), created),
          revision,
          ...(approval === undefined ? {} : { approval }),
        });
      }
      return reply.code(201).send({ resource: resourceView(engine(), resource), revision });
    },
  );

  app.get(
    '/v1/resources/:resource',
    {
      schema: {
        tags: ['resources'],
        summary: 'Read a resource',
        params: Type.Object({ resource: ResourceParam }),
        response: { 200: ResourceSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'resource:view', at: 'the resource', target: resourceTarget } },
    },
    async (request) => {
      const resource = resourceOf(engine(), request.params.resource);
      return tagged(request, 'resource', resource.id, resourceView(engine(), resource));
    },
  );

  app.patch(
    '/v1/resources/:resource',
    {
      schema: {
        tags: ['resources'],
        summary: 'Rename a resource, make it private or public, or allow or refuse anonymous access',
        params: Type.Object({ resource: ResourceParam }),
        body: Type.Object(
          {
            name: Type.Optional(PathName),
            private: Type.Optional(Type.Boolean()),
            anonymousAccess: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ resource: ResourceSchema, revision: Revision }),
          202: Type.Object(
            { resource: ResourceSchema, revision: Revision, approval: ApprovalSchema },
            {
              description:
                'Making a private API public where publishing needs approval: a publishing request was made instead (docs/approvals.md).',
            },
          ),
          '4xx': Problem,
        },
      },
      config: { guard: resourceGuard('edit') },
    },
    async (request, reply) => {
      const current = resourceOf(engine(), request.params.resource);
      const resource: Resource = {
        ...current,
        name: request.body.name ?? current.name,
        private: request.body.private ?? current.private,
        anonymousAccess: request.body.anonymousAccess ?? current.anonymousAccess === true,
      };
      if (current.private && !resource.private && (await workflowOnForPublish(current))) {
        // Publishing awaits approval: a rename made with it is written now, the API stays private.
        const kept: Resource = { ...resource, private: true };
        const revision =
          kept.name === current.name
            ? context.store.revision
            : await write(
                context,
                request,
                [{ op: 'resource.put', resource: kept }],
                'resource.update',
                `resource:${current.id}`,
              );
        const approval = await publishRequest(context, request, kept);
        if (approval !== undefined)
          return reply.code(202).send({ resource: resourceView(engine(), kept), revision, approval });
      }
      const revision = await write(
        context,
        request,
        [{ op: 'resource.put', resource }],
        'resource.update',
        `resource:${current.id}`,
      );
      return { resource: resourceView(engine(), resource), revision };
    },
  );

  app.delete(
    '/v1/resources/:resource',
    {
      schema: {
        tags: ['resources'],
        summary: 'Delete a resource',
        description: 'Refused while role mappings sit on it, unless `cascade=true` removes them with it.',
        params: Type.Object({ resource: ResourceParam }),
        querystring: Type.Object({ cascade: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: resourceGuard('delete') },
    },
    async (request) => {
      const resource = resourceOf(engine(), request.params.resource);
      const revision = await write(
        context,
        request,
        [{ op: 'resource.delete', id: resource.id, cascade: request.query.cascade }],
        'resource.delete',
        `resource:${resource.id}`,
      );
      return { revision };
    },
  );
}
