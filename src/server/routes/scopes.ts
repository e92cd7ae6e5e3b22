import { Type } from '@sinclair/typebox';
import type { AccessEngine } from '../../core/engine.js';
import type { Scope } from '../../core/model.js';
import { requirePermission } from '../app.js';
import type { App, ServerContext } from '../context.js';
import {
  After,
  Description,
  Limit,
  PageOf,
  Problem,
  Reference,
  Revision,
  homeTarget,
  notFound,
  organizationOf,
  page,
  roleOf,
  userOf,
  write,
  pathParameter,
  tagged,
} from './common.js';
import { RoleRefSchema } from './roles.js';

/** Installation-wide operations are authorized at the home organization. */
const atHome = (_request: unknown, context: ServerContext) => homeTarget(context);

const ScopeName = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f]+$' });

export const ScopeSchema = Type.Object(
  { name: Type.String(), description: Type.Union([Type.String(), Type.Null()]), roles: Type.Array(RoleRefSchema) },
  { $id: 'Scope' },
);

function scopeView(engine: AccessEngine, scope: Scope) {
  return {
    name: scope.name,
    description: scope.description,
    roles: scope.roles.map((id) => ({ id, name: engine.role(id)?.name ?? id })),
  };
}

/** OAuth 2.0 scopes and the roles allowed each (WSO2's tenant-conf scope-role mapping); installation-wide. */
export function scopeRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const home = { at: 'the home organization', target: atHome };
  const Params = Type.Object({ name: pathParameter(ScopeName, 'The name of the OAuth 2.0 scope.', 'apim:api_create') });

  app.get(
    '/v1/scopes',
    {
      schema: {
        tags: ['scopes'],
        summary: 'List scopes',
        description: '`role` keeps the scopes a holder of that role is allowed (through the role or one it includes).',
        querystring: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 200 })),
          role: Type.Optional(Reference),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: { 200: PageOf(ScopeSchema), '4xx': Problem },
      },
      config: { guard: { permission: 'scope:view', ...home } },
    },
    async (request) => {
      const { name, role, limit, after } = request.query;
      const held = role === undefined ? undefined : new Set(engine().roleClosure(roleOf(engine(), role).id));
      const scopes = engine()
        .scopes()
        .filter((s) => name === undefined || s.name.toLowerCase().includes(name.toLowerCase()))
        .filter((s) => held === undefined || s.roles.some((r) => held.has(r)));
      const result = page(scopes, (s) => s.name, limit, after);
      return {
        items: result.items.map((s) => scopeView(engine(), s)),
        next: result.next,
        revision: context.store.revision,
      };
    },
  );

  app.post(
    '/v1/scopes/grant',
    {
      schema: {
        tags: ['scopes'],
        summary: 'Which of the requested scopes a user may be granted in an organization',
        description:
          'A scope is granted when the user holds, at the organization or above, a role allowed it. The caller may ask about itself; ' +
          'asking about another user needs `decision:check` at the home organization.',
        body: Type.Object(
          { user: Type.Optional(Reference), scopes: Type.Array(ScopeName, { maxItems: 200 }), organization: Reference },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            granted: Type.Array(Type.String()),
            grantedBy: Type.Record(Type.String(), Type.String()),
            refused: Type.Array(Type.Object({ scope: Type.String(), reason: Type.String() })),
            revision: Type.Integer(),
          }),
          '4xx': Problem,
        },
      },
      config: {
        guard: {
          permission: 'decision:check',
          at: 'the home organization, when asking about another user',
          target: () => null,
        },
      },
    },
    async (request) => {
      const { user, scopes, organization } = request.body;
      const self = request.principal!.user.id;
      const subject = user === undefined ? self : userOf(engine(), user).id;
      if (subject !== self) {
        const target = homeTarget(context);
        requirePermission(context, request, 'decision:check', target.type, target.id);
      }
      const organizationId = organizationOf(engine(), organization).id;
      const answer = engine().grantableScopes({
        user: subject,
        requested: scopes,
        resource: { type: 'organization', id: organizationId },
      });
      return {
        granted: [...answer.granted],
        grantedBy: { ...answer.grantedBy },
        refused: [...answer.refused],
        revision: answer.revision,
      };
    },
  );

  app.get(
    '/v1/scopes/:name',
    {
      schema: {
        tags: ['scopes'],
        summary: 'Read a scope and the roles allowed it',
        params: Params,
        response: { 200: ScopeSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'scope:view', ...home } },
    },
    async (request) => {
      const scope = engine()
        .scopes()
        .find((s) => s.name === request.params.name);
      if (scope === undefined) throw notFound('scope', request.params.name);
      return tagged(request, 'scope', scope.name, scopeView(engine(), scope));
    },
  );

  app.put(
    '/v1/scopes/:name',
    {
      schema: {
        tags: ['scopes'],
        summary: 'Create or update a scope and the roles allowed it',
        params: Params,
        body: Type.Object(
          { description: Type.Optional(Description), roles: Type.Array(Reference, { maxItems: 200 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ scope: ScopeSchema, revision: Revision }),
          201: Type.Object({ scope: ScopeSchema, revision: Revision }),
          '4xx': Problem,
        },
      },
      config: { guard: { permission: 'scope:manage', ...home } },
    },
    async (request, reply) => {
      const { name } = request.params;
      const current = engine()
        .scopes()
        .find((s) => s.name === name);
      const roles = [...new Set(request.body.roles.map((reference) => roleOf(engine(), reference).id))];
      const description =
        request.body.description === undefined ? (current?.description ?? null) : request.body.description;
      const scope: Scope = { name, description, roles };
      const revision = await write(
        context,
        request,
        [{ op: 'scope.put', scope }],
        current === undefined ? 'scope.create' : 'scope.update',
        `scope:${name}`,
      );
      const stored = engine()
        .scopes()
        .find((s) => s.name === name)!;
      return reply.code(current === undefined ? 201 : 200).send({ scope: scopeView(engine(), stored), revision });
    },
  );

  app.delete(
    '/v1/scopes/:name',
    {
      schema: {
        tags: ['scopes'],
        summary: 'Delete a scope',
        params: Params,
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'scope:manage', ...home } },
    },
    async (request) => {
      const { name } = request.params;
      if (
        !engine()
          .scopes()
          .some((s) => s.name === name)
      )
        throw notFound('scope', name);
      const revision = await write(context, request, [{ op: 'scope.delete', name }], 'scope.delete', `scope:${name}`);
      return { revision };
    },
  );
}
