import { Type } from '@sinclair/typebox';
import { CONSOLE_PAGE_KEYS, accessSummary } from '../../core/access-summary.js';
import { qualifiedUserName } from '../../core/model.js';
import type { App, ServerContext } from '../context.js';
import { Problem } from './common.js';

const Named = Type.Object({ id: Type.String(), name: Type.String() });
const Permissions = Type.Array(Type.String(), { description: 'The permissions held here, by key.' });
const PageKey = Type.Union(
  CONSOLE_PAGE_KEYS.map((k) => Type.Literal(k)),
  { description: 'A console page, by its route under /console/.' },
);
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const AccessSchema = Type.Object({
  user: Named,
  home: Type.Object({ id: Type.String(), name: Type.String(), permissions: Permissions }),
  organizations: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      permissions: Permissions,
      visible: Type.Boolean({
        description: 'Whether the caller may see the organization itself (`organization:view`).',
      }),
      pages: Type.Array(PageKey, { description: 'The console pages usable while working in this organization.' }),
    }),
  ),
  projects: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      path: Type.String(),
      organization: Named,
      permissions: Permissions,
    }),
  ),
  resources: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      type: Type.String(),
      path: Type.String(),
      organization: Named,
      permissions: Permissions,
    }),
  ),
  roles: Type.Array(
    Type.Object({
      mapping: Type.String(),
      role: Type.Object({ id: Type.String(), name: Type.String(), description: Nullable(Type.String()) }),
      target: Type.Object({ level: Type.String(), id: Type.String(), name: Type.String(), type: Type.String() }),
      reach: Type.Union([Type.Literal('direct'), Type.Literal('group'), Type.Literal('everyone')], {
        description: 'How the role reaches the caller: given directly, through a group, or to every signed-in user.',
      }),
      group: Type.Union([Named, Type.Null()]),
      notBefore: Nullable(Type.String()),
      expiresAt: Nullable(Type.String()),
      active: Type.Boolean({ description: 'Whether it counts now (time-limited mappings).' }),
      explanation: Type.String({ description: 'The role, how it reaches the caller and where, in words.' }),
    }),
  ),
  pages: Type.Array(PageKey, {
    description: 'The console pages usable in at least one organization, or with none chosen.',
  }),
  resourceTypes: Type.Object(
    {
      default: Type.String({ description: 'What every operation on a resource of a type not named below needs.' }),
      types: Type.Record(
        Type.String(),
        Type.Object({
          create: Type.String(),
          edit: Type.String(),
          delete: Type.String(),
          manageAdministrators: Type.String(),
        }),
      ),
    },
    {
      description:
        "The permission each operation on a resource needs, per type the preset names (settings.resourceTypes: Akana's api:modify), so a client offers only what the caller may do.",
    },
  ),
  revision: Type.Integer(),
});

/** `GET /v1/me/access`: what the caller may do, and where; the console asks it once after sign-in. */
export function meAccessRoutes(app: App, context: ServerContext): void {
  app.get(
    '/v1/me/access',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'What the caller may do, and where',
        description:
          'The organizations, projects and resources where the caller holds roles (and the projects they may see), ' +
          'each role with how it reaches them (directly, through a group, or given to everyone) explained in words, ' +
          'the permissions held at each place (the decision engine answers them), and the console pages that follow. ' +
          'Any signed-in user may ask about themselves; it needs no permission.',
        response: { 200: AccessSchema, '4xx': Problem },
      },
    },
    async (request) => {
      const { user } = request.principal!;
      const engine = context.store.engine;
      const summary = accessSummary(engine, user.id, context.home());
      return {
        user: { id: user.id, name: qualifiedUserName(user) },
        ...summary,
        revision: context.store.revision,
      };
    },
  );
}
