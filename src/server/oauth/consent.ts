import { Type } from '@sinclair/typebox';
import type { ServerContext } from '../context.js';
import type { App } from '../context.js';
import { HttpProblem } from '../problem.js';
import { Problem, Reference, auditOf, homeTarget, pathParameter } from '../routes/common.js';
import { type AuthorizeOutcome, OAuthError, authorize } from './routes.js';
import { oauthTokensOf, splitScope } from './tokens.js';

/** The consents users gave third-party OAuth clients: per user × client, the scopes consented to. */
export class Consents {
  readonly #context: ServerContext;

  constructor(context: ServerContext) {
    this.#context = context;
  }

  /** Whether the user consented to every scope of `scope` for the client. */
  async covers(userId: string, clientId: string, scope: readonly string[]): Promise<boolean> {
    const row = await this.#context.store.database
      .selectFrom('oauth_consents')
      .select('scope')
      .where('user_id', '=', userId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (row === undefined) return false;
    const given = new Set(splitScope(row.scope));
    return scope.every((s) => given.has(s));
  }

  /** Remembers a consent; the scopes add to those consented to before. Audited. */
  async remember(userId: string, clientId: string, scope: readonly string[]): Promise<void> {
    const user = this.#context.store.engine.user(userId);
    const at = new Date().toISOString();
    await this.#context.store.transact(
      async (tx) => {
        const before = await tx
          .selectFrom('oauth_consents')
          .selectAll()
          .where('user_id', '=', userId)
          .where('client_id', '=', clientId)
          .executeTakeFirst();
        const merged = [...new Set([...splitScope(before?.scope), ...scope])].join(' ');
        if (before === undefined)
          await tx
            .insertInto('oauth_consents')
            .values({ user_id: userId, client_id: clientId, scope: merged, created_at: at, updated_at: at })
            .execute();
        else
          await tx
            .updateTable('oauth_consents')
            .set({ scope: merged, updated_at: at })
            .where('user_id', '=', userId)
            .where('client_id', '=', clientId)
            .execute();
      },
      {
        actor: userId,
        actorName: user === undefined ? userId : user.username,
        action: 'oauth.consent.grant',
        target: `user:${userId}`,
        effects: [{ kind: 'oauthConsent', key: `${userId}/${clientId}`, before: null, after: { scope: [...scope] } }],
      },
    );
  }
}

const services = new WeakMap<ServerContext, Consents>();

export function consentsOf(context: ServerContext): Consents {
  let service = services.get(context);
  if (service === undefined) {
    service = new Consents(context);
    services.set(context, service);
  }
  return service;
}

const ClientInfo = Type.Object({
  clientId: Type.String(),
  application: Type.Object({ id: Type.String(), name: Type.String(), organization: Type.String() }),
  public: Type.Boolean(),
  firstParty: Type.Boolean(),
});

const ConsentSchema = Type.Object({
  client: ClientInfo,
  scope: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/**
 * The consent screen's API (the console's `/console/consent` page), the signed-in user's consents
 * (listed and revoked), and the installation's choice of first-party clients.
 */
export function consentRoutes(app: App, context: ServerContext): void {
  const tokens = oauthTokensOf(context);
  const clientInfo = async (clientId: string) => {
    const client = await tokens.findClient(clientId);
    if (client === null) throw new HttpProblem('route-not-found', `no OAuth client "${clientId}"`);
    const organization = context.store.engine.organizations().find((o) => o.id === client.application.organization);
    return {
      clientId: client.clientId,
      application: {
        id: client.application.id,
        name: client.application.name,
        organization: organization?.name ?? client.application.organization,
      },
      public: client.public,
      firstParty: client.firstParty,
    };
  };

  app.get(
    '/v1/oauth/clients/:clientId',
    {
      schema: {
        tags: ['OAuth 2.0'],
        summary: 'An OAuth client as the consent screen shows it: its application and organization',
        params: Type.Object({ clientId: pathParameter(Reference, 'The client id.', 'x1y2z3') }),
        response: { 200: ClientInfo, '4xx': Problem },
      },
    },
    async (request) => clientInfo(request.params.clientId),
  );

  app.post(
    '/v1/oauth/consent',
    {
      schema: {
        tags: ['OAuth 2.0'],
        summary: "The consent screen's decision: allow (remembered) or deny an authorization request",
        description:
          'Takes the authorization request the consent screen was opened with (the query string `GET /oauth2/authorize` redirected with) and answers where to send the browser: ' +
          'back to the client with a code (allowed) or with `error=access_denied` (denied). The consent is remembered per user × client; ' +
          'a later request within the scopes consented to is not asked again.',
        body: Type.Object(
          {
            request: Type.String({
              minLength: 1,
              maxLength: 16_384,
              description: 'The authorization request, as a query string.',
            }),
            decision: Type.Union([Type.Literal('allow'), Type.Literal('deny')]),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ redirect: Type.String() }), '4xx': Problem },
      },
    },
    async (request) => {
      const query: Record<string, unknown> = {};
      for (const [name, value] of new URLSearchParams(request.body.request)) {
        const previous = query[name];
        query[name] = previous === undefined ? value : [previous, value].flat();
      }
      let outcome: AuthorizeOutcome;
      try {
        outcome = await authorize(context, tokens, request.principal, query, request.body.decision);
      } catch (error) {
        if (error instanceof OAuthError) throw new HttpProblem('bad-request', error.description);
        throw error;
      }
      if (outcome.kind !== 'redirect') throw new HttpProblem('bad-request', 'the authorization request is incomplete');
      return { redirect: outcome.url };
    },
  );

  app.get(
    '/v1/oauth/consents',
    {
      schema: {
        tags: ['OAuth 2.0'],
        summary: 'The third-party clients the caller consented to, and the scopes',
        response: { 200: Type.Object({ items: Type.Array(ConsentSchema) }), '4xx': Problem },
      },
    },
    async (request) => {
      const rows = await context.store.database
        .selectFrom('oauth_consents')
        .selectAll()
        .where('user_id', '=', request.principal!.user.id)
        .orderBy('created_at')
        .execute();
      const items = [];
      for (const row of rows) {
        const client = await tokens.findClient(row.client_id);
        if (client === null) continue;
        items.push({
          client: await clientInfo(row.client_id),
          scope: splitScope(row.scope),
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        });
      }
      return { items };
    },
  );

  app.delete(
    '/v1/oauth/consents/:clientId',
    {
      schema: {
        tags: ['OAuth 2.0'],
        summary:
          "Revoke a consent: the client's refresh tokens for the caller stop working, and the next request asks again",
        params: Type.Object({ clientId: pathParameter(Reference, 'The client id.', 'x1y2z3') }),
        response: { 204: Type.Null(), '4xx': Problem },
      },
    },
    async (request, reply) => {
      const userId = request.principal!.user.id;
      const { clientId } = request.params;
      const at = new Date().toISOString();
      const removed = await context.store.transact(
        async (tx) => {
          const deleted = await tx
            .deleteFrom('oauth_consents')
            .where('user_id', '=', userId)
            .where('client_id', '=', clientId)
            .executeTakeFirst();
          if (Number(deleted.numDeletedRows) === 0) return false;
          await tx
            .updateTable('oauth_refresh_tokens')
            .set({ revoked_at: at })
            .where('user_id', '=', userId)
            .where('client_id', '=', clientId)
            .where('revoked_at', 'is', null)
            .execute();
          return true;
        },
        {
          ...auditOf(request, 'oauth.consent.revoke', `user:${userId}`),
          effects: [{ kind: 'oauthConsent', key: `${userId}/${clientId}`, before: { clientId }, after: null }],
        },
      );
      if (!removed) throw new HttpProblem('route-not-found', `you have not consented to client "${clientId}"`);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/v1/oauth/clients/:clientId/profile',
    {
      schema: {
        tags: ['OAuth 2.0'],
        summary: 'Mark a client first-party (users are not asked for consent) or third-party',
        description:
          'Only the installation decides which clients are its own: an application owner cannot exempt their client from consent.',
        params: Type.Object({ clientId: pathParameter(Reference, 'The client id.', 'x1y2z3') }),
        body: Type.Object({ firstParty: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: ClientInfo, '4xx': Problem },
      },
      config: {
        guard: { permission: 'settings:manage', at: 'the home organization', target: (_r, ctx) => homeTarget(ctx) },
      },
    },
    async (request) => {
      const before = await clientInfo(request.params.clientId);
      const at = new Date().toISOString();
      await context.store.transact(
        (tx) =>
          tx
            .insertInto('oauth_client_profiles')
            .values({
              client_id: before.clientId,
              public: before.public ? 1 : 0,
              first_party: request.body.firstParty ? 1 : 0,
              updated_at: at,
            })
            .onConflict((c) =>
              c.column('client_id').doUpdateSet({ first_party: request.body.firstParty ? 1 : 0, updated_at: at }),
            )
            .execute(),
        {
          ...auditOf(request, 'oauth.client.profile', `oauthClient:${before.clientId}`),
          effects: [
            {
              kind: 'oauthClient',
              key: before.clientId,
              before: { firstParty: before.firstParty },
              after: { firstParty: request.body.firstParty },
            },
          ],
        },
      );
      return clientInfo(before.clientId);
    },
  );
}
