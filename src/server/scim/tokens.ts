import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { PRIMARY_STORE } from '../../core/model.js';
import type { ScimTokenRow } from '../../store/schema.js';
import { requirePermission } from '../app.js';
import type { App, ServerContext } from '../context.js';
import { newSecret, secretHash } from '../passwords.js';
import {
  Name,
  Problem,
  Reference,
  auditOf,
  homeTarget,
  notFound,
  organizationOf,
  pathParameter,
} from '../routes/common.js';

/**
 * SCIM provisioning tokens (docs/scim.md#tokens): created and revoked over `/v1` by an
 * administrator, shown once, stored hashed, audited. A token of an organization provisions users of
 * its user store, who become members of the organization, and the organization's groups; a token
 * without one provisions users only.
 */

const ScimTokenSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String({ description: "The token's first characters, to tell tokens apart." }),
    organization: Type.Union([Type.String(), Type.Null()]),
    store: Type.String(),
    createdBy: Type.String(),
    createdAt: Type.String(),
    lastUsedAt: Type.Union([Type.String(), Type.Null()]),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'ScimToken' },
);

/** A token as the API and the CLI show it: never its secret or its hash. */
export function tokenOf(row: ScimTokenRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    organization: row.organization,
    store: row.store,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * What managing a token needs: `user:manage` and `group:manage` at its organization (it creates and
 * changes the organization's people and groups), or `user:manage` at the home organization for a
 * token without one.
 */
function requireTokenRights(context: ServerContext, request: FastifyRequest, organization: string | null): void {
  if (organization === null) {
    const home = homeTarget(context);
    requirePermission(context, request, 'user:manage', home.type, home.id);
    return;
  }
  requirePermission(context, request, 'user:manage', 'organization', organization);
  requirePermission(context, request, 'group:manage', 'organization', organization);
}

export function scimTokenRoutes(app: App, context: ServerContext): void {
  const db = context.store.database;
  const guard = {
    permission: 'user:manage',
    at: "the token's organization (with group:manage there), or the home organization for a token without one",
    target: () => null,
  };

  app.post(
    '/v1/scim-tokens',
    {
      schema: {
        tags: ['scim'],
        summary: 'Create a SCIM provisioning token (shown once)',
        description:
          'An identity provider provisions users and groups at `/scim/v2` with it (docs/scim.md). With `organization`, it provisions that ' +
          "organization's groups, and the users it creates become members of it; without, users only. Users live in `store` (PRIMARY). " +
          'The token acts with at most the rights of its creator.',
        body: Type.Object(
          {
            name: Name,
            organization: Type.Optional(Reference),
            store: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ token: ScimTokenSchema, secret: Type.String({ description: 'Shown once.' }) }),
          '4xx': Problem,
        },
      },
      config: { guard },
    },
    async (request, reply) => {
      const { name, store = PRIMARY_STORE } = request.body;
      const engine = context.store.engine;
      const organization =
        request.body.organization === undefined ? null : organizationOf(engine, request.body.organization).id;
      requireTokenRights(context, request, organization);
      if (!engine.userStores().some((s) => s.name === store)) throw notFound('user store', store);
      const secret = newSecret('tscim');
      const row: ScimTokenRow = {
        id: randomUUID(),
        name,
        token_hash: secretHash(secret),
        prefix: secret.slice(0, 12),
        organization,
        store,
        created_by: request.principal!.user.id,
        created_at: new Date().toISOString(),
        last_used_at: null,
        revoked_at: null,
      };
      const token = tokenOf(row);
      await context.store.transact(async (tx) => void (await tx.insertInto('scim_tokens').values(row).execute()), {
        ...auditOf(request, 'scim-token.create', `scim-token:${row.id}`),
        effects: [{ kind: 'scim-token', key: row.id, before: null, after: token }],
      });
      return reply.code(201).send({ token, secret });
    },
  );

  app.get(
    '/v1/scim-tokens',
    {
      schema: {
        tags: ['scim'],
        summary: "List SCIM provisioning tokens (an organization's, or those without one)",
        querystring: Type.Object({ organization: Type.Optional(Reference) }),
        response: { 200: Type.Object({ items: Type.Array(ScimTokenSchema) }), '4xx': Problem },
      },
      config: { guard },
    },
    async (request) => {
      const organization =
        request.query.organization === undefined
          ? null
          : organizationOf(context.store.engine, request.query.organization).id;
      requireTokenRights(context, request, organization);
      const query = db.selectFrom('scim_tokens').selectAll().orderBy('created_at').orderBy('id');
      const found = await (organization === null
        ? query.where('organization', 'is', null)
        : query.where('organization', '=', organization)
      ).execute();
      return { items: found.map(tokenOf) };
    },
  );

  app.delete(
    '/v1/scim-tokens/:id',
    {
      schema: {
        tags: ['scim'],
        summary: 'Revoke a SCIM provisioning token (at once, on every server)',
        params: Type.Object({
          id: pathParameter(Reference, 'The id of the SCIM token.', '0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17'),
        }),
        response: { 200: Type.Object({ token: ScimTokenSchema }), '4xx': Problem },
      },
      config: { guard },
    },
    async (request) => {
      const row = await db.selectFrom('scim_tokens').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (row === undefined) throw notFound('SCIM token', request.params.id);
      requireTokenRights(context, request, row.organization);
      if (row.revoked_at !== null) return { token: tokenOf(row) };
      const revoked: ScimTokenRow = { ...row, revoked_at: new Date().toISOString() };
      await context.store.transact(
        async (tx) =>
          void (await tx
            .updateTable('scim_tokens')
            .set({ revoked_at: revoked.revoked_at })
            .where('id', '=', row.id)
            .execute()),
        {
          ...auditOf(request, 'scim-token.revoke', `scim-token:${row.id}`),
          effects: [{ kind: 'scim-token', key: row.id, before: tokenOf(row), after: tokenOf(revoked) }],
        },
      );
      return { token: tokenOf(revoked) };
    },
  );
}
