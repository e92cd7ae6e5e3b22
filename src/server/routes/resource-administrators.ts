import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { TargetRef } from '../../core/decision.js';
import type { Resource } from '../../core/model.js';
import { administratorMappings, administratorRole, resourcePermission } from '../../core/resource-types.js';
import type { App, Guard, ServerContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import {
  Problem,
  Reference,
  ResourceParam,
  Revision,
  UserParam,
  notFound,
  resourceOf,
  userOf,
  write,
} from './common.js';
import { MappingSchema, mappingView } from './mappings.js';

type Params = { resource: string };

const AdministratorsSchema = Type.Object({
  role: Type.Object({ id: Type.String(), name: Type.String() }, { description: "The type's administrator role." }),
  administrators: Type.Array(MappingSchema, {
    description: 'The mappings on the resource itself that make their subjects its administrators.',
  }),
  revision: Revision,
});

const MANAGE_AT =
  "the resource: the type's admin-management permission there (settings.resourceTypes: Akana's api:admins:manage, which counts only from a mapping on the API itself); resource:manage for a type the preset does not name";

/**
 * A resource's administrators (Akana's API Admins): the holders of the type's administrator role
 * on the resource itself. Its creator is the first; holders of the admin-management permission
 * there add and remove others, never the last one (docs/administration.md#a-resources-permissions-creator-and-administrators).
 */
export function resourceAdministratorRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const resourceTarget = (request: FastifyRequest): TargetRef => {
    const resource = resourceOf(engine(), (request.params as Params).resource);
    return { type: resource.type, id: resource.id };
  };
  const manageGuard: Guard = {
    permission: 'resource:manage',
    at: MANAGE_AT,
    permissionOf: (request) =>
      resourcePermission(engine().settings, resourceTarget(request).type, 'manageAdministrators'),
    target: resourceTarget,
  };
  /** The type's administrator role; 409 when the preset gives the type none. */
  const roleOf = (resource: Resource): string => {
    const role = administratorRole(engine().settings, resource.type);
    if (role === undefined)
      throw new HttpProblem(
        'no-administrator-role',
        `resources of type "${resource.type}" have no administrators: the preset names no administrator role for the type (settings.resourceTypes)`,
        { resourceType: resource.type },
      );
    return role;
  };
  const view = (resource: Resource) => {
    const e = engine();
    const role = roleOf(resource);
    return {
      role: { id: role, name: e.role(role)?.name ?? role },
      administrators: administratorMappings(e, resource).map((m) => mappingView(e, m)),
      revision: context.store.revision,
    };
  };

  app.get(
    '/v1/resources/:resource/administrators',
    {
      schema: {
        tags: ['resources'],
        summary: "List a resource's administrators",
        description:
          "The subjects holding the type's administrator role (Akana: API Administrator) on the resource itself.",
        params: Type.Object({ resource: ResourceParam }),
        response: { 200: AdministratorsSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'resource:view', at: 'the resource', target: resourceTarget } },
    },
    async (request) => view(resourceOf(engine(), request.params.resource)),
  );

  app.post(
    '/v1/resources/:resource/administrators',
    {
      schema: {
        tags: ['resources'],
        summary: 'Add an administrator to a resource',
        description:
          "Maps the type's administrator role to the user on the resource. The caller must also be able to grant that role there (no escalation). " +
          'To invite someone by email instead, `POST /v1/invitations` with the role and the resource takes the same permission.',
        params: Type.Object({ resource: ResourceParam }),
        body: Type.Object({ user: Reference }, { additionalProperties: false }),
        response: { 201: Type.Object({ mapping: MappingSchema, revision: Revision }), '4xx': Problem },
      },
      config: { guard: manageGuard },
    },
    async (request, reply) => {
      const e = engine();
      const resource = resourceOf(e, request.params.resource);
      const role = roleOf(resource);
      const user = userOf(e, request.body.user);
      const mapping = {
        id: randomUUID(),
        role,
        subject: { kind: 'user' as const, id: user.id },
        target: { level: 'resource' as const, id: resource.id },
      };
      const revision = await write(
        context,
        request,
        [{ op: 'mapping.add', mapping }],
        'resource.administrator.add',
        `resource:${resource.id}`,
      );
      return reply.code(201).send({ mapping: mappingView(engine(), mapping), revision });
    },
  );

  app.delete(
    '/v1/resources/:resource/administrators/:user',
    {
      schema: {
        tags: ['resources'],
        summary: 'Remove an administrator from a resource',
        description:
          "Removes the user's administrator mappings on the resource. The last administrator of a resource cannot be removed (`last-resource-admin`, 409): add another first.",
        params: Type.Object({ resource: ResourceParam, user: UserParam }),
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: manageGuard },
    },
    async (request) => {
      const e = engine();
      const resource = resourceOf(e, request.params.resource);
      roleOf(resource);
      const user = userOf(e, request.params.user);
      const mappings = administratorMappings(e, resource).filter(
        (m) => m.subject.kind === 'user' && m.subject.id === user.id,
      );
      if (mappings.length === 0) throw notFound('administrator', request.params.user);
      const revision = await write(
        context,
        request,
        mappings.map((m) => ({ op: 'mapping.remove' as const, id: m.id })),
        'resource.administrator.remove',
        `resource:${resource.id}`,
      );
      return { revision };
    },
  );
}
