import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Change } from '../../core/changes.js';
import type { AccessEngine } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import { PRIMARY_STORE, type RoleMapping, type User, qualifiedUserName } from '../../core/model.js';
import * as rules from '../../core/rules.js';
import { requirePermission } from '../app.js';
import type { App, ServerContext } from '../context.js';
import { deleteUserRows } from '../applications/records.js';
import { hashPassword } from '../passwords.js';
import { ldapStoresOf } from './ldap-stores.js';
import {
  After,
  Limit,
  PageOf,
  Problem,
  Revision,
  auditOf,
  enforce,
  homeTarget,
  page,
  userOf,
  write,
  UserParam,
  tagged,
} from './common.js';
import { GroupSchema, TargetSchema, targetOf } from './groups.js';

export const UserSchema = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    store: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    status: Type.Union([Type.Literal('active'), Type.Literal('invited'), Type.Literal('disabled')]),
  },
  { $id: 'User' },
);

/** A user in the list: with the number of groups they are in (from the engine's index). */
const ListedUserSchema = Type.Object({
  ...UserSchema.properties,
  groups: Type.Integer({ minimum: 0, description: 'The number of groups the user is a member of.' }),
});

/** A username: no "/" (it separates the user store), no control characters. */
export const Username = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\u0000-\\u001f]+$' });
export const Email = Type.String({ minLength: 3, maxLength: 320, format: 'email' });
export const Password = Type.String({ minLength: 8, maxLength: 1024 });
const Status = Type.Union([Type.Literal('active'), Type.Literal('invited'), Type.Literal('disabled')]);

const Params = Type.Object({ user: UserParam });

const UserMapping = Type.Object({
  id: Type.String(),
  role: Type.Object({ id: Type.String(), name: Type.String() }),
  subject: Type.Object({ kind: Type.String(), id: Type.Optional(Type.String()) }),
  target: TargetSchema,
  via: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), organization: Type.String() }), Type.Null()]),
});

/** The role mappings that reach a user: its own and those of every group it is in. */
function mappingsOfUser(engine: AccessEngine, user: User) {
  const groups = new Set(engine.groupsOf(user.id));
  const reaches = (m: RoleMapping) =>
    (m.subject.kind === 'user' && m.subject.id === user.id) || (m.subject.kind === 'group' && groups.has(m.subject.id));
  return engine
    .mappings()
    .filter(reaches)
    .map((m) => {
      const group = m.subject.kind === 'group' ? engine.group(m.subject.id) : undefined;
      return {
        id: m.id,
        role: { id: m.role, name: engine.role(m.role)?.name ?? m.role },
        subject: m.subject,
        target: targetOf(engine, m.target),
        via: group === undefined ? null : { id: group.id, name: group.name, organization: group.organization },
      };
    })
    .sort((a, b) => (a.role.name < b.role.name ? -1 : a.role.name > b.role.name ? 1 : a.id < b.id ? -1 : 1));
}

/** Users: installation-wide, authorized at the home organization (docs/concepts.md#the-model: users and user stores). */
export function userRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const home = (_request: unknown, ctx: ServerContext) => homeTarget(ctx);

  app.get(
    '/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Search users',
        querystring: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the username, any case.' })),
          email: Type.Optional(Type.String({ maxLength: 320 })),
          store: Type.Optional(Type.String({ maxLength: 200 })),
          status: Type.Optional(Status),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: { 200: PageOf(ListedUserSchema), '4xx': Problem },
      },
      config: { guard: { permission: 'user:view', at: 'the home organization', target: home } },
    },
    async (request) => {
      const { name, email, store, status, limit, after } = request.query;
      const needle = name?.toLowerCase();
      const users = engine()
        .users()
        .filter(
          (u) =>
            (needle === undefined || u.username.toLowerCase().includes(needle)) &&
            (email === undefined || u.email?.toLowerCase() === email.toLowerCase()) &&
            (store === undefined || u.store === store) &&
            (status === undefined || u.status === status),
        );
      const found = page(users, qualifiedUserName, limit, after);
      return {
        items: found.items.map((u) => ({ ...u, groups: engine().groupsOf(u.id).length })),
        next: found.next,
        revision: context.store.revision,
      };
    },
  );

  app.post(
    '/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user, optionally with a password',
        description:
          'The user and its password are written together. Users of a read-only user store cannot be created here.',
        body: Type.Object(
          {
            username: Username,
            store: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            email: Type.Optional(Type.Union([Email, Type.Null()])),
            status: Type.Optional(Status),
            password: Type.Optional(Password),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ user: UserSchema, revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'user:manage', at: 'the home organization', target: home } },
    },
    async (request, reply) => {
      const { username, store = PRIMARY_STORE, email = null, status = 'active', password } = request.body;
      const userStore = engine()
        .userStores()
        .find((s) => s.name === store);
      if (userStore === undefined)
        throw new TesseraError('NOT_FOUND', `user store "${store}" does not exist`, {
          entity: 'user store',
          id: store,
        });
      if (userStore.readOnly)
        throw new TesseraError(
          'READ_ONLY_STORE',
          `users of the read-only user store "${store}" come from its directory`,
          { entity: 'user', store },
        );
      const user: User = { id: randomUUID(), username, store, email, status };
      // A user of a read-write LDAP store signs in by bind: the password goes to the directory only.
      const directory = store !== PRIMARY_STORE && (await ldapStoresOf(context)?.row(store)) !== undefined;
      const passwordHash = password === undefined || directory ? null : await hashPassword(password);
      const at = new Date().toISOString();
      const revision = await write(context, request, [{ op: 'user.put', user }], 'user.create', `user:${user.id}`, {
        ...(directory && password !== undefined ? { directoryPasswords: new Map([[user.id, password]]) } : {}),
        alongside: async (tx) => {
          if (passwordHash !== null)
            await tx
              .insertInto('accounts')
              .values({ user_id: user.id, password_hash: passwordHash, updated_at: at })
              .execute();
        },
      });
      return reply.code(201).send({ user, revision });
    },
  );

  app.get(
    '/v1/users/:user',
    {
      schema: {
        tags: ['users'],
        summary: 'Read a user (by id, STORE/username with the slash encoded as %2F, or username)',
        params: Params,
        response: { 200: UserSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'user:view', at: 'the home organization', target: home } },
    },
    async (request) => {
      const user = userOf(engine(), request.params.user);
      return tagged(request, 'user', user.id, user);
    },
  );

  app.get(
    '/v1/users/:user/groups',
    {
      schema: {
        tags: ['users'],
        summary: 'The groups a user is in, in every organization',
        params: Params,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                group: GroupSchema,
                organization: Type.Object({ id: Type.String(), name: Type.String() }),
              }),
            ),
            revision: Revision,
          }),
          '4xx': Problem,
        },
      },
      config: { guard: { permission: 'user:view', at: 'the home organization', target: home } },
    },
    async (request) => {
      const user = userOf(engine(), request.params.user);
      const organizations = new Map(
        engine()
          .organizations()
          .map((o) => [o.id, o.name]),
      );
      const items = engine()
        .groupsOf(user.id)
        .map((id) => engine().group(id)!)
        .map((group) => ({
          group,
          organization: { id: group.organization, name: organizations.get(group.organization) ?? group.organization },
        }))
        .sort((a, b) =>
          `${a.organization.name}\u0000${a.group.name}`.localeCompare(`${b.organization.name}\u0000${b.group.name}`),
        );
      return { items, revision: context.store.revision };
    },
  );

  app.get(
    '/v1/users/:user/mappings',
    {
      schema: {
        tags: ['users'],
        summary: "A user's role mappings: its own, and those it has through each of its groups (`via`)",
        params: Params,
        response: { 200: Type.Object({ items: Type.Array(UserMapping), revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'user:view', at: 'the home organization', target: home } },
    },
    async (request) => ({
      items: mappingsOfUser(engine(), userOf(engine(), request.params.user)),
      revision: context.store.revision,
    }),
  );

  app.patch(
    '/v1/users/:user',
    {
      schema: {
        tags: ['users'],
        summary: "Change a user's email or status",
        description:
          "Disabling the last active holder of an organization's admin role is refused (`last-admin`); users of a read-only store cannot be edited.",
        params: Params,
        body: Type.Object(
          { email: Type.Optional(Type.Union([Email, Type.Null()])), status: Type.Optional(Status) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: UserSchema, revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'user:manage', at: 'the home organization', target: home } },
    },
    async (request) => {
      const current = userOf(engine(), request.params.user);
      enforce(rules.canEditUser(engine(), current.id));
      const { email, status } = request.body;
      const user: User = {
        ...current,
        email: email === undefined ? current.email : email,
        status: status ?? current.status,
      };
      const changes: Change[] = [{ op: 'user.put', user }];
      enforce(rules.checkNoLockout(engine(), changes));
      const revision = await write(context, request, changes, 'user.update', `user:${user.id}`);
      return { user: userOf(engine(), user.id), revision };
    },
  );

  app.put(
    '/v1/users/:user/password',
    {
      schema: {
        tags: ['users'],
        summary: "Set a user's password (ends the user's sessions and revokes their personal access tokens)",
        description:
          "Callers change their own password by sending `currentPassword`; setting anyone else's (or one's own without it) needs `user:manage` at the home organization. " +
          'Every session of the user ends (the caller signs in again with the new password) and every personal access token is revoked.',
        params: Params,
        body: Type.Object(
          { password: Password, currentPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'user:manage',
          at: 'the home organization, unless callers change their own with currentPassword',
          target: () => null,
        },
      },
    },
    async (request, reply) => {
      const user = userOf(engine(), request.params.user);
      const { password, currentPassword } = request.body;
      const own = user.id === request.principal!.user.id;
      if (own && currentPassword !== undefined) {
        // Throttled like sign-in, so a stolen session cannot guess the password.
        await context.credentials.verify(qualifiedUserName(user), currentPassword, request.ip);
      } else {
        const target = homeTarget(context);
        requirePermission(context, request, 'user:manage', target.type, target.id);
        // Another user's credentials: only by an actor holding everything they hold (or user:takeover).
        enforce(rules.canManageUser(engine(), request.principal!.user.id, user.id, [context.home()]));
      }
      enforce(rules.canEditUser(engine(), user.id));
      await context.credentials.setPassword(user.id, password, auditOf(request, 'user.password', `user:${user.id}`));
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/v1/users/:user',
    {
      schema: {
        tags: ['users'],
        summary: 'Delete a user, with its memberships, role mappings, password, sessions and tokens',
        description:
          'The id is never reused: a user created later with the same username is a new user and inherits nothing.',
        params: Params,
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'user:manage', at: 'the home organization', target: home } },
    },
    async (request) => {
      const user = userOf(engine(), request.params.user);
      enforce(rules.canEditUser(engine(), user.id));
      const changes: Change[] = [{ op: 'user.delete', id: user.id }];
      enforce(rules.checkNoLockout(engine(), changes));
      const revision = await write(context, request, changes, 'user.delete', `user:${user.id}`, {
        alongside: (tx) => deleteUserRows(tx, user.id),
      });
      return { revision };
    },
  );
}
