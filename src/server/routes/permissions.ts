import { Type } from '@sinclair/typebox';
import type { AccessEngine } from '../../core/engine.js';
import { compare } from '../../core/engine.js';
import { LEVELS, type Permission, permissionParent } from '../../core/model.js';
import type { App, ServerContext } from '../context.js';
import { Description, Problem, Revision, homeTarget, notFound, write, pathParameter, tagged } from './common.js';

/** Installation-wide operations are authorized at the home organization. */
const atHome = (_request: unknown, context: ServerContext) => homeTarget(context);

const Level = Type.Union([Type.Literal('organization'), Type.Literal('project'), Type.Literal('resource')]);

export const PermissionSchema = Type.Object(
  {
    key: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    levels: Type.Array(Type.String()),
    visibilityGated: Type.Boolean(),
    anonymousGated: Type.Boolean({
      description: 'The anonymous guest holds it on a resource only where the resource allows anonymous access.',
    }),
    parent: Type.Union([Type.String(), Type.Null()]),
    children: Type.Array(Type.String()),
  },
  { $id: 'Permission' },
);

/** Segments of letters, digits, `.`, `_` or `-` joined by `:` (the engine's rule, checked early for a clear 400). */
const Key = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*$' });
const Params = Type.Object({
  key: pathParameter(Key, 'The permission key: its path in the permission tree, `:`-separated.', 'project:edit'),
});

function nodeView(engine: AccessEngine, permission: Permission) {
  const prefix = `${permission.key}:`;
  const children = engine
    .permissions()
    .filter((p) => p.key.startsWith(prefix) && !p.key.slice(prefix.length).includes(':'))
    .map((p) => p.key)
    .sort(compare);
  return {
    ...permission,
    levels: [...permission.levels],
    anonymousGated: permission.anonymousGated === true,
    parent: permissionParent(permission.key),
    children,
  };
}

/** The permission tree (installation-wide): a node grants its subtree. */
export function permissionRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const home = { at: 'the home organization', target: atHome };

  app.get(
    '/v1/permissions',
    {
      schema: {
        tags: ['permissions'],
        summary: 'The whole permission tree, sorted by key (parents before their children)',
        response: {
          200: Type.Object({ items: Type.Array(PermissionSchema), revision: Type.Integer() }),
          '4xx': Problem,
        },
      },
      config: { guard: { permission: 'role:view', ...home } },
    },
    async () => ({
      items: engine()
        .permissions()
        .sort((a, b) => compare(a.key, b.key))
        .map((p) => nodeView(engine(), p)),
      revision: context.store.revision,
    }),
  );

  app.get(
    '/v1/permissions/:key',
    {
      schema: {
        tags: ['permissions'],
        summary: 'Read one node of the permission tree',
        params: Params,
        response: { 200: PermissionSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'role:view', ...home } },
    },
    async (request) => {
      const permission = engine().permission(request.params.key);
      if (permission === undefined) throw notFound('permission', request.params.key);
      return tagged(request, 'permission', permission.key, nodeView(engine(), permission));
    },
  );

  app.put(
    '/v1/permissions/:key',
    {
      schema: {
        tags: ['permissions'],
        summary: 'Create or update a node of the permission tree',
        description:
          'A new node needs its parent (`api` for `api:create`); it may be granted at every level unless `levels` says otherwise.',
        params: Params,
        body: Type.Object(
          {
            description: Type.Optional(Description),
            levels: Type.Optional(Type.Array(Level, { minItems: 1, maxItems: LEVELS.length, uniqueItems: true })),
            visibilityGated: Type.Optional(Type.Boolean()),
            anonymousGated: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ permission: PermissionSchema, revision: Revision }),
          201: Type.Object({ permission: PermissionSchema, revision: Revision }),
          '4xx': Problem,
        },
      },
      config: { guard: { permission: 'role:manage', ...home } },
    },
    async (request, reply) => {
      const { key } = request.params;
      const current = engine().permission(key);
      const body = request.body;
      const permission: Permission = {
        key,
        description: body.description === undefined ? (current?.description ?? null) : body.description,
        levels: body.levels ?? current?.levels ?? [...LEVELS],
        visibilityGated: body.visibilityGated ?? current?.visibilityGated ?? false,
        anonymousGated: body.anonymousGated ?? current?.anonymousGated === true,
      };
      const revision = await write(
        context,
        request,
        [{ op: 'permission.put', permission }],
        current === undefined ? 'permission.create' : 'permission.update',
        `permission:${key}`,
      );
      return reply
        .code(current === undefined ? 201 : 200)
        .send({ permission: nodeView(engine(), engine().permission(key)!), revision });
    },
  );

  app.delete(
    '/v1/permissions/:key',
    {
      schema: {
        tags: ['permissions'],
        summary: 'Delete a leaf of the permission tree',
        description: 'Refused (`referenced`) while it has children or a role holds it.',
        params: Params,
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'role:manage', ...home } },
    },
    async (request) => {
      const { key } = request.params;
      if (engine().permission(key) === undefined) throw notFound('permission', key);
      const revision = await write(
        context,
        request,
        [{ op: 'permission.delete', key }],
        'permission.delete',
        `permission:${key}`,
      );
      return { revision };
    },
  );
}
