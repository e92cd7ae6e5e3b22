import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { AccessEngine } from '../../core/engine.js';
import type { SodConstraint } from '../../core/model.js';
import type { App, ServerContext } from '../context.js';
import {
  Description,
  Name,
  Problem,
  Reference,
  Revision,
  atQueriedOrganization,
  homeTarget,
  notFound,
  organizationOf,
  pathParameter,
  roleOf,
  write,
} from './common.js';

const ConstraintSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    kind: Type.Union([Type.Literal('static'), Type.Literal('dynamic')]),
    roles: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
    organization: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Constraint' },
);

const ConstraintParam = pathParameter(Reference, 'The id of the constraint.', '0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17');

function constraintView(engine: AccessEngine, constraint: SodConstraint) {
  const organization =
    constraint.organization === null ? undefined : engine.organizations().find((o) => o.id === constraint.organization);
  return {
    id: constraint.id,
    name: constraint.name,
    kind: constraint.kind,
    roles: constraint.roles.map((id) => ({ id, name: engine.role(id)?.name ?? id })),
    organization:
      constraint.organization === null
        ? null
        : { id: constraint.organization, name: organization?.name ?? constraint.organization },
    description: constraint.description,
  };
}

/** Separation-of-duties constraints (docs/concepts.md#separation-of-duties): policy records judged by the gate. */
export function constraintRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;

  app.get(
    '/v1/constraints',
    {
      schema: {
        tags: ['roles'],
        summary: 'List separation-of-duties constraints',
        description:
          '`organization` keeps the constraints that hold there: its own, those of the organizations above it, and the installation-wide ones.',
        querystring: Type.Object({ organization: Type.Optional(Reference) }),
        response: { 200: Type.Object({ items: Type.Array(ConstraintSchema), revision: Revision }), '4xx': Problem },
      },
      config: { guard: atQueriedOrganization('role:view') },
    },
    async (request) => {
      const e = engine();
      const chain =
        request.query.organization === undefined
          ? null
          : e.organizationChain({ type: 'organization', id: organizationOf(e, request.query.organization).id });
      const items = e
        .constraints()
        .filter((c) => chain === null || c.organization === null || chain.includes(c.organization))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((c) => constraintView(e, c));
      return { items, revision: context.store.revision };
    },
  );

  app.post(
    '/v1/constraints',
    {
      schema: {
        tags: ['roles'],
        summary: 'Keep two roles apart (static: never held together; dynamic: never used in one session)',
        description:
          'A static constraint is refused (409 `sod-conflict`) when a user already holds both roles; once made, every write that would ' +
          'give one user both roles, through any path, is refused the same way. Without `organization` it holds installation-wide.',
        body: Type.Object(
          {
            name: Name,
            kind: Type.Union([Type.Literal('static'), Type.Literal('dynamic')]),
            roles: Type.Array(Reference, { minItems: 2, maxItems: 2 }),
            organization: Type.Optional(Reference),
            description: Type.Optional(Description),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ constraint: ConstraintSchema, revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'role:manage',
          at: 'the organization given (the home organization when none)',
          target: (request, ctx) => {
            const organization = (request.body as { organization?: string }).organization;
            return organization === undefined ? homeTarget(ctx) : { type: 'organization', id: organization };
          },
        },
      },
    },
    async (request, reply) => {
      const e = engine();
      const body = request.body;
      const organization = body.organization === undefined ? null : organizationOf(e, body.organization).id;
      const [a, b] = body.roles.map((role) => roleOf(e, role, organization).id);
      const constraint: SodConstraint = {
        id: randomUUID(),
        name: body.name,
        kind: body.kind,
        roles: [a!, b!],
        organization,
        description: body.description ?? null,
      };
      const revision = await write(
        context,
        request,
        [{ op: 'constraint.put', constraint }],
        'constraint.create',
        `constraint:${constraint.id}`,
      );
      return reply.code(201).send({ constraint: constraintView(engine(), constraint), revision });
    },
  );

  app.delete(
    '/v1/constraints/:id',
    {
      schema: {
        tags: ['roles'],
        summary: 'Delete a separation-of-duties constraint',
        params: Type.Object({ id: ConstraintParam }),
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'role:manage',
          at: "the constraint's organization (the home organization for an installation-wide one)",
          target: (request, ctx) => {
            const found = ctx.store.engine.constraint((request.params as { id: string }).id);
            return found?.organization == null ? homeTarget(ctx) : { type: 'organization', id: found.organization };
          },
        },
      },
    },
    async (request) => {
      const id = request.params.id;
      if (engine().constraint(id) === undefined) throw notFound('constraint', id);
      const revision = await write(
        context,
        request,
        [{ op: 'constraint.delete', id }],
        'constraint.delete',
        `constraint:${id}`,
      );
      return { revision };
    },
  );
}
