import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { Gauge } from 'prom-client';
import type { App, ServerContext } from '../context.js';
import { type LdapStoreInput, LdapStores, MIN_SYNC_INTERVAL_S } from '../user-stores/ldap-stores.js';
import { secretBoxFor } from '../secret-box.js';
import { directoryPasswords } from '../user-stores/directory-writes.js';
import {
  After,
  Description,
  Limit,
  Problem,
  Reference,
  Revision,
  auditOf,
  gateActorOf,
  homeTarget,
  organizationOf,
  page,
  pathParameter,
} from './common.js';

const services = new WeakMap<ServerContext, LdapStores>();

/** The server's LDAP user stores (created when the routes are registered). */
export function ldapStoresOf(context: ServerContext): LdapStores | undefined {
  return services.get(context);
}

const StoreName = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^/\\u0000-\\u001f]+$' });
const Dn = Type.String({ minLength: 1, maxLength: 1000 });
const Filter = Type.String({ minLength: 1, maxLength: 2000, description: 'An RFC 4515 LDAP filter.' });
const Attribute = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z][A-Za-z0-9-]*$' });
const Attributes = Type.Object(
  {
    username: Type.Optional({ ...Attribute, description: 'Default `uid` (Active Directory: `sAMAccountName`).' }),
    email: Type.Optional({ ...Attribute, description: 'Default `mail`.' }),
    groupName: Type.Optional({ ...Attribute, description: 'Default `cn`.' }),
    member: Type.Optional({
      ...Attribute,
      description: 'Default `member` (DNs); `memberUid` (usernames) for posixGroup.',
    }),
  },
  { additionalProperties: false },
);
const Settings = {
  url: Type.String({ minLength: 1, maxLength: 1000, description: '`ldap://host:389` or `ldaps://host:636`.' }),
  bindDn: { ...Dn, description: 'The service account Tessera searches the directory with.' },
  bindPassword: Type.String({
    minLength: 1,
    maxLength: 1024,
    description: 'Stored encrypted (docs/user-stores.md#the-bind-secret); never answered.',
  }),
  userBaseDn: Dn,
  groupBaseDn: Type.Optional({ ...Dn, description: 'Default: the user base DN.' }),
  userFilter: Type.Optional({ ...Filter, description: 'Default `(objectClass=inetOrgPerson)`.' }),
  groupFilter: Type.Optional({ ...Filter, description: 'Default `(objectClass=groupOfNames)`.' }),
  attributes: Type.Optional(Attributes),
  syncIntervalSeconds: Type.Optional(
    Type.Integer({
      minimum: MIN_SYNC_INTERVAL_S,
      maximum: 86_400,
      description: 'How often the directory is synchronised. Default 300.',
    }),
  ),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 60_000, description: 'Default 5000.' })),
};
const ObjectClass = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z][A-Za-z0-9-]*$' });
/** Where and how a read-write store writes new users and groups (docs/user-stores.md#read-write-stores). */
const WriteSettings = Type.Object(
  {
    userBaseDn: Type.Optional({ ...Dn, description: 'Where new users are written. Default: the user base DN.' }),
    groupBaseDn: Type.Optional({ ...Dn, description: 'Where new groups are written. Default: the group base DN.' }),
    userObjectClasses: Type.Optional(
      Type.Array(ObjectClass, { minItems: 1, maxItems: 20, description: 'Default `["inetOrgPerson"]`.' }),
    ),
    groupObjectClasses: Type.Optional(
      Type.Array(ObjectClass, { minItems: 1, maxItems: 20, description: 'Default `["groupOfNames"]`.' }),
    ),
  },
  { additionalProperties: false },
);

const Health = Type.Object({
  status: Type.Union([Type.Literal('connected'), Type.Literal('unavailable'), Type.Literal('unknown')]),
  since: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
});
const Summary = Type.Object({
  usersAdded: Type.Integer(),
  usersUpdated: Type.Integer(),
  usersDisabled: Type.Integer(),
  groupsAdded: Type.Integer(),
  membershipsAdded: Type.Integer(),
  membershipsRemoved: Type.Integer(),
  directoryUsers: Type.Integer(),
  directoryGroups: Type.Integer(),
});
const SyncSchema = Type.Object({
  at: Type.String(),
  ok: Type.Boolean(),
  trigger: Type.String(),
  durationMs: Type.Integer(),
  revision: Type.Union([Type.Integer(), Type.Null()]),
  summary: Type.Union([Summary, Type.Null()]),
  error: Type.Union([Type.Object({ type: Type.String(), detail: Type.String() }), Type.Null()]),
});
const View = Type.Object({
  name: Type.String(),
  url: Type.String(),
  bindDn: Type.String(),
  userBaseDn: Type.String(),
  groupBaseDn: Type.String(),
  userFilter: Type.String(),
  groupFilter: Type.String(),
  attributes: Type.Object({
    username: Type.String(),
    email: Type.String(),
    groupName: Type.String(),
    member: Type.String(),
  }),
  organization: Type.String({ description: "The id of the organization the directory's groups live in." }),
  syncIntervalSeconds: Type.Integer(),
  timeoutMs: Type.Integer(),
  lastSync: Type.Union([SyncSchema, Type.Null()]),
  directory: Health,
  readOnly: Type.Boolean({
    description: "False: Tessera's changes of the store's users and groups are written to the directory first.",
  }),
  write: Type.Object({
    userBaseDn: Type.String(),
    groupBaseDn: Type.String(),
    userObjectClasses: Type.Array(Type.String()),
    groupObjectClasses: Type.Array(Type.String()),
  }),
});
const Tested = Type.Object({
  ok: Type.Literal(true),
  users: Type.Integer({ description: 'Users the user filter matches.' }),
  groups: Type.Integer({ description: 'Groups the group filter matches.' }),
  ms: Type.Integer(),
});
const NameParams = Type.Object({ name: pathParameter(StoreName, 'The name of the LDAP user store.', 'CORP-LDAP') });
const ListQuery = Type.Object({
  search: Type.Optional(
    Type.String({ maxLength: 200, description: 'Part of a username or email (users), of a name (groups).' }),
  ),
  limit: Limit,
  after: Type.Optional(After),
});

/**
 * LDAP user stores (docs/user-stores.md): add, read, change, test the connection, synchronise now,
 * and list and search the directory's users and groups. Installation-wide: `settings:manage` (or
 * `user:view` to read) at the home organization. Also starts the periodic synchronisation, signs
 * the stores' users in by LDAP bind, and reports each directory in `/metrics`.
 */
export function ldapStoreRoutes(app: App, context: ServerContext): void {
  const secrets = secretBoxFor(context.settings.database);
  const stores = new LdapStores(context.store, secrets);
  services.set(context, stores);
  // A password of a read-write store's user is the directory's: written there (docs/user-stores.md#read-write-stores).
  context.credentials.externalSetPassword = directoryPasswords(context.store, secrets, {
    log: app.log,
    countUndoFailures: (name, count) => context.metrics.userStoreUndoFailures.inc({ store: name }, count),
  });
  context.credentials.externalPassword = (user, password) => stores.verifySignIn(user, password);
  context.credentials.externalNewUser = (store, username, password) =>
    stores.provisionOnSignIn(store, username, password);
  app.addHook('onReady', async () => stores.start());
  app.addHook('onClose', async () => stores.stop());
  registerMetrics(context, stores);

  const atHome = (_request: unknown, ctx: ServerContext) => homeTarget(ctx);
  const manage = { permission: 'settings:manage', at: 'the home organization', target: atHome };
  const view = { permission: 'user:view', at: 'the home organization', target: atHome };
  const who = (request: FastifyRequest) => {
    const audit = auditOf(request, 'userStore.sync', null);
    return { actor: audit.actor, actorName: audit.actorName ?? null };
  };
  const input = (body: Omit<LdapStoreInput, 'organization'>, organization: string): LdapStoreInput => ({
    ...body,
    organization,
  });

  app.get(
    '/v1/ldap-stores',
    {
      schema: {
        tags: ['user stores'],
        summary: 'List the LDAP user stores, with their last synchronisation and directory health',
        response: { 200: Type.Object({ items: Type.Array(View) }), '4xx': Problem },
      },
      config: { guard: view },
    },
    async () => ({ items: (await stores.rows()).map((row) => stores.view(row)) }),
  );

  app.post(
    '/v1/ldap-stores',
    {
      schema: {
        tags: ['user stores'],
        summary: 'Add an LDAP user store (read-only, or read-write), then synchronise it',
        description:
          'The directory is tested first: a refused bind (422 `directory-credentials`), an unreachable directory (503 ' +
          '`directory-unavailable`), a base DN or filter it refuses (422 `directory-invalid`) or a user filter matching nobody ' +
          "(422 `directory-no-match`) writes nothing. The directory's groups live in `organization` (default: the home organization).",
        body: Type.Object(
          {
            name: StoreName,
            description: Type.Optional(Description),
            organization: Type.Optional({ ...Reference, description: 'Its id or name.' }),
            readOnly: Type.Optional(
              Type.Boolean({
                description:
                  'Default true. False: users, groups and memberships changed in Tessera are written to the directory first (the bind DN needs write rights).',
              }),
            ),
            write: Type.Optional(WriteSettings),
            ...Settings,
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ ldapStore: View, sync: SyncSchema, revision: Revision }),
          '4xx': Problem,
          '5xx': Problem,
        },
      },
      config: { guard: manage },
    },
    async (request, reply) => {
      const { name, description = null, organization: reference, ...settings } = request.body;
      const organization =
        reference === undefined ? context.home() : organizationOf(context.store.engine, reference).id;
      const added = await stores.add(name, description, input(settings, organization), {
        actor: gateActorOf(context, request),
        audit: auditOf(request, 'userStore.create', `userStore:${name}`),
      });
      return reply.code(201).send({ ldapStore: added.view, sync: added.sync, revision: added.revision });
    },
  );

  app.post(
    '/v1/ldap-stores/test',
    {
      schema: {
        tags: ['user stores'],
        summary: 'Test a directory before adding it: bind, and count what the filters match',
        body: Type.Object(Settings, { additionalProperties: false }),
        response: { 200: Tested, '4xx': Problem, '5xx': Problem },
      },
      config: { guard: manage },
    },
    async (request) => ({
      ok: true as const,
      ...(await stores.test(stores.configOf(input(request.body, context.home())))),
    }),
  );

  app.get(
    '/v1/ldap-stores/:name',
    {
      schema: {
        tags: ['user stores'],
        summary: "Read an LDAP user store's settings (never its bind secret)",
        params: NameParams,
        response: { 200: View, '4xx': Problem },
      },
      config: { guard: view },
    },
    async (request) => stores.view(await stores.require(request.params.name)),
  );

  app.patch(
    '/v1/ldap-stores/:name',
    {
      schema: {
        tags: ['user stores'],
        summary:
          "Change an LDAP user store's settings, or switch it between read-only and read-write; tested before they are saved",
        description:
          'The directory is tested with the new settings first (as when a store is added): a refusal changes nothing. ' +
          '`readOnly: false` makes the store read-write: its write settings (`write`, or those it has) are validated as when a store is added ' +
          "(bases within the search bases: 400 `validation`), and the store's users, groups and memberships may then be changed in Tessera, " +
          'each change written to the directory first. `readOnly: true` makes it read-only again (409 `read-only-store` for such changes); ' +
          'its write settings are kept for a later switch back. The switch is audited (`userStore.update`).',
        params: NameParams,
        body: Type.Partial(
          Type.Object({
            ...Settings,
            readOnly: Type.Boolean({
              description:
                "False: read-write (the store's changes are written to the directory first; the bind DN needs write rights). True: read-only.",
            }),
            write: WriteSettings,
          }),
          { additionalProperties: false },
        ),
        response: { 200: View, '4xx': Problem, '5xx': Problem },
      },
      config: { guard: manage },
    },
    async (request) =>
      stores.update(
        request.params.name,
        request.body,
        auditOf(request, 'userStore.update', `userStore:${request.params.name}`),
        gateActorOf(context, request),
      ),
  );

  app.post(
    '/v1/ldap-stores/:name/test',
    {
      schema: {
        tags: ['user stores'],
        summary: "Test an LDAP user store's connection: bind, and count what the filters match",
        params: NameParams,
        response: { 200: Tested, '4xx': Problem, '5xx': Problem },
      },
      config: { guard: manage },
    },
    async (request) => ({ ok: true as const, ...(await stores.test(request.params.name)) }),
  );

  app.post(
    '/v1/ldap-stores/:name/sync',
    {
      schema: {
        tags: ['user stores'],
        summary: 'Synchronise an LDAP user store now',
        description:
          "Makes the store's users, groups and memberships what the directory holds, in one audited write (`userStore.sync`). " +
          'A directory that cannot be read, or a user filter that now matches nobody, changes nothing.',
        params: NameParams,
        response: { 200: SyncSchema, '4xx': Problem, '5xx': Problem },
      },
      config: { guard: manage },
    },
    async (request) => stores.sync(request.params.name, 'manual', who(request)),
  );

  app.get(
    '/v1/ldap-stores/:name/users',
    {
      schema: {
        tags: ['user stores'],
        summary: "Search the directory's users, page by page",
        params: NameParams,
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                dn: Type.String(),
                username: Type.String(),
                email: Type.Union([Type.String(), Type.Null()]),
                user: Type.Union([Type.String(), Type.Null()], {
                  description: 'The Tessera user id, once synchronised.',
                }),
              }),
            ),
            next: Type.Union([Type.String(), Type.Null()]),
          }),
          '4xx': Problem,
          '5xx': Problem,
        },
      },
      config: { guard: view },
    },
    async (request) => {
      const { name } = request.params;
      const users = await stores.directoryUsers(name, request.query.search);
      const engine = context.store.engine;
      const slice = page(users, (u) => u.username, request.query.limit, request.query.after);
      return {
        items: slice.items.map((u) => ({ ...u, user: engine.user(`${name}/${u.username}`)?.id ?? null })),
        next: slice.next,
      };
    },
  );

  app.get(
    '/v1/ldap-stores/:name/groups',
    {
      schema: {
        tags: ['user stores'],
        summary: "Search the directory's groups, page by page",
        params: NameParams,
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                dn: Type.String(),
                name: Type.String(),
                members: Type.Array(Type.String()),
                group: Type.Union([Type.String(), Type.Null()], {
                  description: 'The Tessera group id, once synchronised.',
                }),
              }),
            ),
            next: Type.Union([Type.String(), Type.Null()]),
          }),
          '4xx': Problem,
          '5xx': Problem,
        },
      },
      config: { guard: view },
    },
    async (request) => {
      const { name } = request.params;
      const row = await stores.require(name);
      const groups = await stores.directoryGroups(name, request.query.search);
      const engine = context.store.engine;
      const slice = page(groups, (g) => g.name, request.query.limit, request.query.after);
      return {
        items: slice.items.map((g) => {
          const group = engine.findGroup(row.organization, `${name}/${g.name}`);
          return { ...g, members: [...g.members], group: group?.store === name ? group.id : null };
        }),
        next: slice.next,
      };
    },
  );
}

function registerMetrics(context: ServerContext, stores: LdapStores): void {
  const registry = context.metrics.registry;
  if (registry.getSingleMetric('tessera_user_store_directory_up') !== undefined) return;
  new Gauge({
    name: 'tessera_user_store_directory_up',
    help: "Whether an LDAP user store's directory answered when last asked: 1, or 0 (its users' decisions go on from memory).",
    labelNames: ['store'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, health } of stores.healthAll())
        this.set({ store: name }, health.status === 'connected' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'tessera_user_store_last_sync_seconds',
    help: 'When an LDAP user store was last synchronised successfully (Unix time), as this server saw it.',
    labelNames: ['store'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, at } of stores.lastSuccessfulSyncs()) this.set({ store: name }, at / 1000);
    },
  });
}
