import { randomBytes, randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Change } from '../../core/changes.js';
import type { AccessEngine } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import { type Resource, qualifiedUserName } from '../../core/model.js';
import { KEY_TYPES, type KeyType, applicationRole, holdsRole } from '../../core/rules.js';
import type { AuditEffect, Transaction } from '../../store/index.js';
import type { ApiKeyRow, ApplicationKeyRow, ApplicationRow, SubscriptionRow } from '../../store/schema.js';
import {
  deleteApplicationRows,
  API_KEY_PREFIX_LENGTH,
  activeApiKey,
  applicationRoleOf,
  findApplication,
  hasLiveOwner,
  redirectUriProblem,
} from '../applications/records.js';
import type { App, ServerContext } from '../context.js';
import { applicationRequest, subscriptionRequest } from '../approvals/requests.js';
import { newSecret, secretHash } from '../passwords.js';
import { ApprovalSchema } from './approvals.js';
import { HttpProblem } from '../problem.js';
import {
  After,
  Limit,
  Name,
  PageOf,
  Problem,
  Reference,
  Revision,
  auditOf,
  homeTarget,
  notFound,
  organizationOf,
  page,
  userOf,
  pathParameter,
  gateActorOf,
} from './common.js';

// ── schemas ──

const ApplicationName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[^/\\u0000-\\u001f]+$',
  description: "Unique among the owner's applications; part of its application roles' names.",
});
const KeyTypeSchema = Type.Union(KEY_TYPES.map((k) => Type.Literal(k)));
const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const ApplicationSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    organization: Named,
    owner: Type.Object({
      id: Type.String(),
      name: Type.Union([Type.String(), Type.Null()], { description: 'Null once the owner was deleted.' }),
    }),
    createdAt: Type.String(),
  },
  { $id: 'Application' },
);

const KeyEntrySchema = Type.Object(
  {
    clientId: Type.String(),
    keyType: KeyTypeSchema,
    redirectUris: Type.Array(Type.String()),
    createdAt: Type.String(),
    applicationRole: Type.Union([Named, Type.Null()]),
  },
  { $id: 'ApplicationKey', description: 'A key-manager entry: never its secret.' },
);

const ApiSchema = Type.Object({ id: Type.String(), type: Type.String(), name: Type.String(), path: Type.String() });
const SubscriptionSchema = Type.Object(
  {
    id: Type.String(),
    application: Type.String(),
    api: Type.Union([ApiSchema, Type.Null()], { description: 'Null when the API was deleted since.' }),
    createdAt: Type.String(),
  },
  { $id: 'Subscription' },
);

const ApiKeyInfoSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String(),
    createdAt: Type.String(),
    expiresAt: Type.Union([Type.String(), Type.Null()]),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'ApiKeyInfo' },
);

const PendingApproval = Type.Object(
  { approval: ApprovalSchema, revision: Revision },
  { description: 'The organization requires approval: a request was made instead (docs/approvals.md).' },
);

const RedirectUri = Type.String({ minLength: 1, maxLength: 2000 });
const Id = Type.String({ minLength: 1, maxLength: 100 });
const ApplicationParam = pathParameter(Id, 'The id of the application.', '0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17');
const Params = Type.Object({ application: ApplicationParam });
type ParamsOf = { application: string };

// ── views ──

function applicationView(engine: AccessEngine, row: ApplicationRow) {
  const owner = engine.user(row.owner);
  const organization = engine.organizations().find((o) => o.id === row.organization);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    organization: { id: row.organization, name: organization?.name ?? row.organization },
    owner: { id: row.owner, name: owner === undefined || !hasLiveOwner(engine, row) ? null : qualifiedUserName(owner) },
    createdAt: row.created_at,
  };
}

function keyView(engine: AccessEngine, application: ApplicationRow, row: ApplicationKeyRow) {
  const role = applicationRoleOf(engine, application, row.key_type as KeyType);
  return {
    clientId: row.client_id,
    keyType: row.key_type as KeyType,
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    createdAt: row.created_at,
    applicationRole: role === undefined ? null : { id: role.id, name: role.name },
  };
}

function apiView(engine: AccessEngine, resource: Resource | undefined) {
  if (resource === undefined) return null;
  return {
    id: resource.id,
    type: resource.type,
    name: resource.name,
    path: engine.describeTarget({ type: resource.type, id: resource.id })?.name ?? resource.name,
  };
}

function subscriptionView(engine: AccessEngine, row: SubscriptionRow) {
  return {
    id: row.id,
    application: row.application,
    api: apiView(
      engine,
      engine.resources().find((r) => r.id === row.resource),
    ),
    createdAt: row.created_at,
  };
}

function apiKeyInfo(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** The audit log's copy of a key-manager row: never a secret or its hash. */
function keyAuditRecord(row: ApplicationKeyRow) {
  return {
    id: row.id,
    application: row.application,
    keyType: row.key_type,
    clientId: row.client_id,
    redirectUris: row.redirect_uris,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** An API (a resource) by id, or by path or unique name as an `api`. */
function apiOf(engine: AccessEngine, reference: string): Resource {
  const byId = engine.resources().find((r) => r.id === reference);
  if (byId !== undefined) return byId;
  const found = engine.describeTarget({ type: 'api', id: reference });
  const resource = found === undefined ? undefined : engine.resources().find((r) => r.id === found.id);
  if (resource === undefined) throw notFound('api', reference);
  return resource;
}

/**
 * Applications, their key-manager entries (client id and secret per key type, each with its
 * application role), their subscriptions to APIs and their API keys.
 */
export function applicationRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const database = () => context.store.database;
  const callerOf = (request: FastifyRequest) => request.principal!.user.id;
  const atHome = (request: FastifyRequest, permission: string) =>
    engine().allowed(callerOf(request), permission, 'organization', context.home());
  const isOwner = (request: FastifyRequest, application: ApplicationRow) =>
    application.owner === callerOf(request) && hasLiveOwner(engine(), application);
  const forbidden = (permission: string, where: string) =>
    new HttpProblem('forbidden', `requires ${where}`, { permission });

  /** Whether the caller holds one of the application's roles (any key type). */
  const holdsAnyRole = (request: FastifyRequest, application: ApplicationRow) =>
    KEY_TYPES.some((keyType) => {
      const role = applicationRoleOf(engine(), application, keyType);
      return role !== undefined && holdsRole(engine(), callerOf(request), role.id, application.organization);
    });

  /** The application, when the caller may see it: its owner, holders of its roles, or `user:view` at home. 404 otherwise, so ids do not leak. */
  const visibleApplication = async (request: FastifyRequest): Promise<ApplicationRow> => {
    const id = (request.params as ParamsOf).application;
    const application = await findApplication(database(), id);
    if (application === undefined) throw notFound('application', id);
    if (isOwner(request, application) || holdsAnyRole(request, application) || atHome(request, 'user:view'))
      return application;
    throw notFound('application', id);
  };

  /** The application, when the caller owns it and holds `permission` at its organization, or (when `adminPermission` is given) holds that at home. */
  const managedApplication = async (
    request: FastifyRequest,
    permission: string,
    adminPermission?: string,
  ): Promise<ApplicationRow> => {
    const application = await visibleApplication(request);
    if (adminPermission !== undefined && atHome(request, adminPermission)) return application;
    if (!isOwner(request, application)) throw forbidden(permission, "the application's owner");
    if (!engine().allowed(callerOf(request), permission, 'organization', application.organization)) {
      throw forbidden(permission, `the permission "${permission}" at the application's organization`);
    }
    return application;
  };

  /** Audited work on the server's tables, with the model changes it needs (when any) in the same transaction. */
  const commit = async (
    request: FastifyRequest,
    changes: readonly Change[],
    action: string,
    target: string,
    work: (tx: Transaction) => Promise<void>,
    effects: readonly AuditEffect[] = [],
  ): Promise<number> => {
    if (changes.length > 0) {
      const { revision } = await context.store.write(changes, {
        actor: gateActorOf(context, request),
        audit: auditOf(request, action, target),
        alongside: work,
      });
      return revision;
    }
    await context.store.transact(work, { ...auditOf(request, action, target), effects });
    return context.store.revision;
  };

  // ── applications ──

  app.post(
    '/v1/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'Register an application owned by the caller',
        body: Type.Object(
          {
            name: ApplicationName,
            organization: Reference,
            description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ application: ApplicationSchema, revision: Revision }),
          202: PendingApproval,
          '4xx': Problem,
        },
      },
      config: {
        guard: {
          permission: 'application:manage',
          at: 'the organization given',
          target: (request) => ({ type: 'organization', id: (request.body as { organization: string }).organization }),
        },
      },
    },
    async (request, reply) => {
      const { name, description } = request.body;
      const organization = organizationOf(engine(), request.body.organization);
      const owner = callerOf(request);
      const taken = await database()
        .selectFrom('applications')
        .select('id')
        .where('owner', '=', owner)
        .where('name', '=', name)
        .executeTakeFirst();
      if (taken !== undefined)
        throw new TesseraError('DUPLICATE', `you have an application named "${name}" already`, {
          entity: 'application',
          id: name,
        });
      const row: ApplicationRow = {
        id: randomUUID(),
        owner,
        organization: organization.id,
        name,
        description: description ?? null,
        created_at: new Date().toISOString(),
      };
      // Under the application-creation workflow the application exists only once approved.
      const approval = await applicationRequest(context, request, row);
      if (approval !== undefined) return reply.code(202).send({ approval, revision: context.store.revision });
      const revision = await commit(
        request,
        [],
        'application.create',
        `application:${row.id}`,
        async (tx) => void (await tx.insertInto('applications').values(row).execute()),
        [{ kind: 'application', key: row.id, before: null, after: row }],
      );
      return reply.code(201).send({ application: applicationView(engine(), row), revision });
    },
  );

  app.get(
    '/v1/applications',
    {
      schema: {
        tags: ['applications'],
        summary: "List applications: the caller's own, or anyone's with user:view at the home organization",
        querystring: Type.Object({
          organization: Type.Optional(Reference),
          owner: Type.Optional(Reference),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: { 200: PageOf(ApplicationSchema), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'user:view',
          at: "the home organization, to list applications other than the caller's own",
          target: () => null,
        },
      },
    },
    async (request) => {
      const { limit, after } = request.query;
      const caller = callerOf(request);
      const everyone = atHome(request, 'user:view');
      const owner =
        request.query.owner === undefined ? (everyone ? undefined : caller) : userOf(engine(), request.query.owner).id;
      if (owner !== caller && !everyone)
        throw forbidden(
          'user:view',
          'the permission "user:view" at the home organization to list the applications of others',
        );
      let query = database().selectFrom('applications').selectAll();
      if (owner !== undefined) query = query.where('owner', '=', owner);
      if (request.query.organization !== undefined)
        query = query.where('organization', '=', organizationOf(engine(), request.query.organization).id);
      const rows = await query.execute();
      const listed = page(rows, (r) => r.id, limit, after);
      return {
        items: listed.items.map((r) => applicationView(engine(), r)),
        next: listed.next,
        revision: context.store.revision,
      };
    },
  );

  app.get(
    '/v1/applications/:application',
    {
      schema: {
        tags: ['applications'],
        summary: 'Read an application',
        params: Params,
        response: { 200: ApplicationSchema, '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'user:view',
          at: 'the home organization, unless the caller owns the application or holds one of its application roles',
          target: () => null,
        },
      },
    },
    async (request) => applicationView(engine(), await visibleApplication(request)),
  );

  app.delete(
    '/v1/applications/:application',
    {
      schema: {
        tags: ['applications'],
        summary: 'Delete an application with its keys, application roles, subscriptions and API keys',
        params: Params,
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'application:manage',
          at: "the application's organization, for its owner (others need user:manage at the home organization)",
          target: () => null,
        },
      },
    },
    async (request) => {
      const application = await managedApplication(request, 'application:manage', 'user:manage');
      const changes: Change[] = KEY_TYPES.flatMap((keyType) => {
        const role = applicationRoleOf(engine(), application, keyType);
        return role === undefined ? [] : [{ op: 'role.delete' as const, id: role.id, cascade: true }];
      });
      const revision = await commit(
        request,
        changes,
        'application.delete',
        `application:${application.id}`,
        (tx) => deleteApplicationRows(tx, { id: application.id }),
        [{ kind: 'application', key: application.id, before: application, after: null }],
      );
      return { revision };
    },
  );

  // ── key-manager entries (OAuth clients) ──

  app.post(
    '/v1/applications/:application/keys',
    {
      schema: {
        tags: ['applications'],
        summary: "Generate the application's keys of one type: a client id and a secret shown only now",
        description:
          "Creates the application role `Application/<owner>_<application>_<KEYTYPE>`, held by the owner at the application's organization; " +
          'holding it is what lets a user see this key-manager entry. Once per key type (409 after), until revoked.',
        params: Params,
        body: Type.Object(
          {
            keyType: KeyTypeSchema,
            redirectUris: Type.Optional(Type.Array(RedirectUri, { maxItems: 20 })),
            clientType: Type.Optional(
              Type.Union([Type.Literal('confidential'), Type.Literal('public')], {
                description:
                  '`public`: a browser or command-line client that cannot keep a secret: it gets none, and uses the authorization code with PKCE (and refresh) only. Default `confidential`.',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            clientId: Type.String(),
            clientSecret: Type.Union([Type.String(), Type.Null()], {
              description: 'Shown once: only its hash is stored. Null for a public client.',
            }),
            clientType: Type.Union([Type.Literal('confidential'), Type.Literal('public')]),
            keyType: KeyTypeSchema,
            redirectUris: Type.Array(Type.String()),
            applicationRole: Named,
            revision: Revision,
          }),
          '4xx': Problem,
        },
      },
      config: {
        guard: {
          permission: 'application:manage',
          at: "the application's organization, for the application's owner",
          target: () => null,
        },
      },
    },
    async (request, reply) => {
      const application = await managedApplication(request, 'application:manage');
      const { keyType, clientType = 'confidential' } = request.body;
      const redirectUris = request.body.redirectUris ?? [];
      const errors = redirectUris.flatMap((uri, index) => {
        const problem = redirectUriProblem(uri);
        return problem === null ? [] : [{ in: 'body', path: `redirectUris/${index}`, message: problem }];
      });
      if (errors.length > 0)
        throw new HttpProblem('validation', errors.map((e) => `${e.path} ${e.message}`).join('; '), { errors });
      const duplicate = () =>
        new TesseraError('DUPLICATE', `the application has ${keyType} keys already; revoke them first`, {
          entity: 'applicationKey',
          id: keyType,
        });
      const active = (tx: Transaction) =>
        tx
          .selectFrom('application_keys')
          .select('id')
          .where('application', '=', application.id)
          .where('key_type', '=', keyType)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
      if ((await active(database())) !== undefined) throw duplicate();
      const created = applicationRole(engine(), application.owner, application.name, keyType, application.organization);
      if ('error' in created) throw created.error.ok ? new HttpProblem('internal') : created.error.error;
      const clientSecret = newSecret('tcs');
      const row: ApplicationKeyRow = {
        id: randomUUID(),
        application: application.id,
        key_type: keyType,
        client_id: randomBytes(24).toString('base64url'),
        secret_hash: secretHash(clientSecret),
        redirect_uris: JSON.stringify(redirectUris),
        created_at: new Date().toISOString(),
        revoked_at: null,
      };
      const revision = await commit(
        request,
        created.changes,
        'application.keys.generate',
        `application:${application.id}`,
        async (tx) => {
          // Checked again under the write lock: two concurrent generations make one role and one row.
          if ((await active(tx)) !== undefined) throw duplicate();
          await tx
            .deleteFrom('application_keys')
            .where('application', '=', application.id)
            .where('key_type', '=', keyType)
            .execute();
          await tx.insertInto('application_keys').values(row).execute();
          if (clientType === 'public')
            await tx
              .insertInto('oauth_client_profiles')
              .values({ client_id: row.client_id, public: 1, first_party: 0, updated_at: row.created_at })
              .execute();
        },
      );
      return reply.code(201).send({
        clientId: row.client_id,
        clientSecret: clientType === 'public' ? null : clientSecret,
        clientType,
        keyType,
        redirectUris,
        applicationRole: { id: created.role.id, name: created.role.name },
        revision,
      });
    },
  );

  app.get(
    '/v1/applications/:application/keys',
    {
      schema: {
        tags: ['applications'],
        summary: "The application's key-manager entries (client ids, never secrets)",
        description:
          "A key type's entry is listed only to holders of its application role (or of `user:view` at the home organization); seeing none of them is 403.",
        params: Params,
        response: { 200: PageOf(KeyEntrySchema), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'user:view',
          at: "the home organization, unless the caller holds the key type's application role",
          target: () => null,
        },
      },
    },
    async (request) => {
      const application = await findApplication(database(), request.params.application);
      if (application === undefined) throw notFound('application', request.params.application);
      const everything = atHome(request, 'user:view');
      const mayView = (keyType: KeyType) => {
        if (everything) return true;
        const role = applicationRoleOf(engine(), application, keyType);
        return role !== undefined && holdsRole(engine(), callerOf(request), role.id, application.organization);
      };
      if (!KEY_TYPES.some(mayView)) throw forbidden('user:view', "one of the application's application roles");
      const rows = await database()
        .selectFrom('application_keys')
        .selectAll()
        .where('application', '=', application.id)
        .where('revoked_at', 'is', null)
        .execute();
      const items = rows
        .filter((r) => mayView(r.key_type as KeyType))
        .sort((a, b) => a.key_type.localeCompare(b.key_type));
      return {
        items: items.map((r) => keyView(engine(), application, r)),
        next: null,
        revision: context.store.revision,
      };
    },
  );

  app.delete(
    '/v1/applications/:application/keys/:keyType',
    {
      schema: {
        tags: ['applications'],
        summary: "Revoke the application's keys of one type and remove their application role",
        params: Type.Object({
          application: ApplicationParam,
          keyType: pathParameter(KeyTypeSchema, 'The key type.', 'PRODUCTION'),
        }),
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'application:manage',
          at: "the application's organization, for its owner (others need user:manage at the home organization)",
          target: () => null,
        },
      },
    },
    async (request) => {
      const application = await managedApplication(request, 'application:manage', 'user:manage');
      const { keyType } = request.params;
      const before = await database()
        .selectFrom('application_keys')
        .selectAll()
        .where('application', '=', application.id)
        .where('key_type', '=', keyType)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (before === undefined) throw notFound('applicationKey', `${application.id}/${keyType}`);
      const role = applicationRoleOf(engine(), application, keyType);
      const revokedAt = new Date().toISOString();
      const revision = await commit(
        request,
        role === undefined ? [] : [{ op: 'role.delete', id: role.id, cascade: true }],
        'application.keys.revoke',
        `application:${application.id}`,
        async (tx) =>
          void (await tx
            .updateTable('application_keys')
            .set({ revoked_at: revokedAt })
            .where('id', '=', before.id)
            .execute()),
        [
          {
            kind: 'applicationKey',
            key: before.id,
            before: keyAuditRecord(before),
            after: keyAuditRecord({ ...before, revoked_at: revokedAt }),
          },
        ],
      );
      return { revision };
    },
  );

  // ── subscriptions ──

  app.post(
    '/v1/applications/:application/subscriptions',
    {
      schema: {
        tags: ['applications'],
        summary: 'Subscribe the application to an API',
        params: Params,
        body: Type.Object({ api: Reference }, { additionalProperties: false }),
        response: {
          201: Type.Object({ subscription: SubscriptionSchema, revision: Revision }),
          202: PendingApproval,
          '4xx': Problem,
        },
      },
      config: {
        guard: { permission: 'subscription:create', at: "the API, for the application's owner", target: () => null },
      },
    },
    async (request, reply) => {
      const application = await visibleApplication(request);
      if (!isOwner(request, application)) throw forbidden('subscription:create', "the application's owner");
      const api = apiOf(engine(), request.body.api);
      // A tree without subscription:create (Akana) asks contracts of those who see the API.
      const needed = engine().permission('subscription:create') === undefined ? 'api:view' : 'subscription:create';
      if (!engine().allowed(callerOf(request), needed, api.type, api.id))
        throw forbidden(needed, `the permission "${needed}" at the API "${api.name}"`);
      const taken = await database()
        .selectFrom('subscriptions')
        .select('id')
        .where('application', '=', application.id)
        .where('resource', '=', api.id)
        .executeTakeFirst();
      if (taken !== undefined)
        throw new TesseraError('DUPLICATE', `the application is subscribed to "${api.name}" already`, {
          entity: 'subscription',
          id: taken.id,
        });
      const row: SubscriptionRow = {
        id: randomUUID(),
        application: application.id,
        resource: api.id,
        created_by: callerOf(request),
        created_at: new Date().toISOString(),
      };
      // Under the subscription (contract) workflow the subscription exists only once approved.
      const approval = await subscriptionRequest(context, request, application, api);
      if (approval !== undefined) return reply.code(202).send({ approval, revision: context.store.revision });
      const revision = await commit(
        request,
        [],
        'subscription.create',
        `subscription:${row.id}`,
        async (tx) => void (await tx.insertInto('subscriptions').values(row).execute()),
        [{ kind: 'subscription', key: row.id, before: null, after: row }],
      );
      return reply.code(201).send({ subscription: subscriptionView(engine(), row), revision });
    },
  );

  app.get(
    '/v1/applications/:application/subscriptions',
    {
      schema: {
        tags: ['applications'],
        summary: "The application's subscriptions",
        params: Params,
        querystring: Type.Object({ limit: Limit, after: Type.Optional(After) }),
        response: { 200: PageOf(SubscriptionSchema), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'user:view',
          at: 'the home organization, unless the caller owns the application or holds one of its application roles',
          target: () => null,
        },
      },
    },
    async (request) => {
      const application = await visibleApplication(request);
      const rows = await database()
        .selectFrom('subscriptions')
        .selectAll()
        .where('application', '=', application.id)
        .execute();
      const listed = page(rows, (r) => r.id, request.query.limit, request.query.after);
      return {
        items: listed.items.map((r) => subscriptionView(engine(), r)),
        next: listed.next,
        revision: context.store.revision,
      };
    },
  );

  app.delete(
    '/v1/applications/:application/subscriptions/:subscription',
    {
      schema: {
        tags: ['applications'],
        summary: 'Unsubscribe the application from an API',
        params: Type.Object({
          application: ApplicationParam,
          subscription: pathParameter(Id, 'The id of the subscription.', '5d2a7c9e-1b3f-4e6a-8c0d-9f4b2e7a1c53'),
        }),
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'subscription:manage',
          at: "the API (the application's organization once the API is gone), for the application's owner; others need user:manage at the home organization",
          target: () => null,
        },
      },
    },
    async (request) => {
      const application = await visibleApplication(request);
      const subscription = await database()
        .selectFrom('subscriptions')
        .selectAll()
        .where('id', '=', request.params.subscription)
        .where('application', '=', application.id)
        .executeTakeFirst();
      if (subscription === undefined) throw notFound('subscription', request.params.subscription);
      if (!atHome(request, 'user:manage')) {
        if (!isOwner(request, application)) throw forbidden('subscription:manage', "the application's owner");
        const api = engine()
          .resources()
          .find((r) => r.id === subscription.resource);
        const target =
          api === undefined ? { type: 'organization', id: application.organization } : { type: api.type, id: api.id };
        if (!engine().allowed(callerOf(request), 'subscription:manage', target.type, target.id))
          throw forbidden('subscription:manage', 'the permission "subscription:manage" at the API');
      }
      const revision = await commit(
        request,
        [],
        'subscription.delete',
        `subscription:${subscription.id}`,
        async (tx) => void (await tx.deleteFrom('subscriptions').where('id', '=', subscription.id).execute()),
        [{ kind: 'subscription', key: subscription.id, before: subscription, after: null }],
      );
      return { revision };
    },
  );

  // ── API keys ──

  app.post(
    '/v1/applications/:application/api-keys',
    {
      schema: {
        tags: ['applications'],
        summary: 'Create an API key for the application (shown only now)',
        params: Params,
        body: Type.Object(
          { name: Name, expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            key: Type.String({ description: 'Shown once: only its hash is stored.' }),
            info: ApiKeyInfoSchema,
            revision: Revision,
          }),
          '4xx': Problem,
        },
      },
      config: {
        guard: {
          permission: 'api-key:generate',
          at: "the application's organization, for the application's owner",
          target: () => null,
        },
      },
    },
    async (request, reply) => {
      const application = await managedApplication(request, 'api-key:generate');
      const { name, expiresInDays } = request.body;
      const key = newSecret('tak');
      const now = new Date();
      const row: ApiKeyRow = {
        id: randomUUID(),
        application: application.id,
        name,
        prefix: key.slice(0, API_KEY_PREFIX_LENGTH),
        key_hash: secretHash(key),
        created_at: now.toISOString(),
        expires_at:
          expiresInDays === undefined ? null : new Date(now.getTime() + expiresInDays * 86_400_000).toISOString(),
        revoked_at: null,
      };
      const revision = await commit(
        request,
        [],
        'api-key.create',
        `api-key:${row.id}`,
        async (tx) => void (await tx.insertInto('api_keys').values(row).execute()),
        [{ kind: 'apiKey', key: row.id, before: null, after: apiKeyInfo(row) }],
      );
      return reply.code(201).send({ key, info: apiKeyInfo(row), revision });
    },
  );

  app.get(
    '/v1/applications/:application/api-keys',
    {
      schema: {
        tags: ['applications'],
        summary:
          "The application's API keys (never the keys themselves), optionally those whose prefix starts with `prefix`",
        params: Params,
        querystring: Type.Object({
          prefix: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: { 200: PageOf(ApiKeyInfoSchema), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'user:view',
          at: 'the home organization, unless the caller owns the application or holds one of its application roles',
          target: () => null,
        },
      },
    },
    async (request) => {
      const application = await visibleApplication(request);
      const { prefix, limit, after } = request.query;
      const rows = await database()
        .selectFrom('api_keys')
        .selectAll()
        .where('application', '=', application.id)
        .execute();
      // A whole key given as the prefix finds its own entry too.
      const matching =
        prefix === undefined ? rows : rows.filter((r) => r.prefix.startsWith(prefix) || prefix.startsWith(r.prefix));
      const listed = page(matching, (r) => r.id, limit, after);
      return { items: listed.items.map(apiKeyInfo), next: listed.next, revision: context.store.revision };
    },
  );

  app.delete(
    '/v1/applications/:application/api-keys/:key',
    {
      schema: {
        tags: ['applications'],
        summary: 'Revoke an API key',
        params: Type.Object({
          application: ApplicationParam,
          key: pathParameter(Id, 'The id of the API key.', '8e4f2a6b-7c1d-4b9e-a053-6d2c1f8e3b94'),
        }),
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'api-key:manage',
          at: "the application's organization, for its owner (others need user:manage at the home organization)",
          target: () => null,
        },
      },
    },
    async (request) => {
      const application = await managedApplication(request, 'api-key:manage', 'user:manage');
      const row = await database()
        .selectFrom('api_keys')
        .selectAll()
        .where('id', '=', request.params.key)
        .where('application', '=', application.id)
        .executeTakeFirst();
      if (row === undefined || row.revoked_at !== null) throw notFound('apiKey', request.params.key);
      const revokedAt = new Date().toISOString();
      const revision = await commit(
        request,
        [],
        'api-key.revoke',
        `api-key:${row.id}`,
        async (tx) =>
          void (await tx.updateTable('api_keys').set({ revoked_at: revokedAt }).where('id', '=', row.id).execute()),
        [
          {
            kind: 'apiKey',
            key: row.id,
            before: apiKeyInfo(row),
            after: apiKeyInfo({ ...row, revoked_at: revokedAt }),
          },
        ],
      );
      return { revision };
    },
  );

  app.post(
    '/v1/api-keys/verify',
    {
      schema: {
        tags: ['applications'],
        summary: 'Verify an API key (for gateways): its application and the APIs it is subscribed to',
        body: Type.Object({ key: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            valid: Type.Boolean(),
            application: Type.Union([ApplicationSchema, Type.Null()]),
            subscriptions: Type.Array(SubscriptionSchema),
          }),
          '4xx': Problem,
        },
      },
      config: {
        guard: {
          permission: 'decision:check',
          at: 'the home organization',
          target: (_request, ctx) => homeTarget(ctx),
        },
      },
    },
    async (request) => {
      const found = await activeApiKey(database(), engine(), request.body.key);
      if (found === undefined) return { valid: false, application: null, subscriptions: [] };
      const rows = await database()
        .selectFrom('subscriptions')
        .selectAll()
        .where('application', '=', found.application.id)
        .execute();
      return {
        valid: true,
        application: applicationView(engine(), found.application),
        subscriptions: rows.map((r) => subscriptionView(engine(), r)),
      };
    },
  );
}
