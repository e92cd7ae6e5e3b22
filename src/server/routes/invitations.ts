import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { administratorRole, resourcePermission } from '../../core/resource-types.js';
import { roleNotAvailable } from '../../core/role-availability.js';
import type { FastifyRequest } from 'fastify';
import type { Change } from '../../core/changes.js';
import { TesseraError } from '../../core/errors.js';
import {
  type Level,
  PRIMARY_STORE,
  type RoleMapping,
  type User,
  mappingKey,
  qualifiedUserName,
} from '../../core/model.js';
import * as rules from '../../core/rules.js';
import type { InvitationRow } from '../../store/schema.js';
import { requirePermission } from '../app.js';
import type { App, ServerContext } from '../context.js';
import { addOrganizationMember } from '../members.js';
import { hashPassword, newSecret, secretHash } from '../passwords.js';
import { HttpProblem } from '../problem.js';
import {
  After,
  Limit,
  PageOf,
  Problem,
  Reference,
  Revision,
  actorOf,
  auditOf,
  enforce,
  groupOf,
  notFound,
  organizationOf,
  resourceOf,
  roleOf,
  InvitationParam,
} from './common.js';
import { DeliverySchema, sendInvitation } from './mail.js';
import { Email, Password, UserSchema, Username } from './users.js';

const STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
type InvitationStatus = (typeof STATUSES)[number];
const StatusSchema = Type.Union(STATUSES.map((s) => Type.Literal(s)));

/** An invitation as the API shows it: never its token or the token's hash. */
const InvitationSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    organization: Type.String(),
    group: Type.Union([Type.String(), Type.Null()]),
    role: Type.Union([Type.String(), Type.Null()]),
    target: Type.Union([Type.Object({ level: Type.String(), id: Type.String() }), Type.Null()]),
    createdBy: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    expiresAt: Type.String(),
    acceptedAt: Type.Union([Type.String(), Type.Null()]),
    acceptedBy: Type.Union([Type.String(), Type.Null()]),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
    status: StatusSchema,
  },
  { $id: 'Invitation' },
);

type Invitation = {
  id: string;
  email: string;
  organization: string;
  group: string | null;
  role: string | null;
  target: { level: string; id: string } | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  revokedAt: string | null;
  status: InvitationStatus;
};

const Named = Type.Object({ id: Type.String(), name: Type.String() });

const NOT_PENDING = 'the invitation is unknown, or was accepted, revoked or has expired';

function statusOf(row: InvitationRow, now: string): InvitationStatus {
  if (row.accepted_at !== null) return 'accepted';
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'pending';
}

function invitationOf(row: InvitationRow, now = new Date().toISOString()): Invitation {
  return {
    id: row.id,
    email: row.email,
    organization: row.organization,
    group: row.group_id,
    role: row.role,
    target: row.target_level === null || row.target_id === null ? null : { level: row.target_level, id: row.target_id },
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    revokedAt: row.revoked_at,
    status: statusOf(row, now),
  };
}

/** Without the status, which changes with time: what the audit log records. */
function auditRecord(invitation: Invitation): Omit<Invitation, 'status'> {
  const { status: _status, ...record } = invitation;
  return record;
}

function invalidField(path: string, message: string): HttpProblem {
  return new HttpProblem('validation', `body ${path} ${message}`, { errors: [{ in: 'body', path, message }] });
}

/**
 * Invitations (docs/concepts.md#the-model): a pending group membership or resource-level role, sent to an email,
 * accepted once, expiring. Only the token's hash is stored; the token travels in the accept link.
 */
export function invitationRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const db = () => context.store.database;
  const byToken = (token: string) =>
    db().selectFrom('invitations').selectAll().where('token_hash', '=', secretHash(token)).executeTakeFirst();

  app.post(
    '/v1/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invite someone by email into a group, or to a role on one resource',
        description:
          'Send either `group` (an invitation to join it: needs `user:invite` at its organization, and the caller must be able to grant every role of the group) or ' +
          '`role` and `resource` (needs `user:invite` and `role:assign` on the resource, and the caller must be able to grant the role there; ' +
          "for the resource type's administrator role, Akana's API Administrator, the type's admin-management permission on the resource instead, `api:admins:manage`). " +
          "The answer holds the token and the accept link, once; only the token's hash is stored. The link is also mailed to the email (SMTP, or the development outbox): " +
          'the invitation exists whatever the mail server says, and `delivery` reports what became of the message (`failed` with the reason; audited as `mail.failed`). ' +
          '`POST /v1/invitations/{id}/resend` mails it again with a new link.',
        body: Type.Object(
          {
            email: Email,
            group: Type.Optional(
              Type.String({ ...Reference, description: 'The group: its id or `ORGANIZATION/NAME`.' }),
            ),
            role: Type.Optional(Reference),
            resource: Type.Optional(
              Type.Object(
                { type: Type.String({ minLength: 1, maxLength: 100 }), id: Reference },
                { additionalProperties: false },
              ),
            ),
            expiresInHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            invitation: InvitationSchema,
            token: Type.String(),
            acceptUrl: Type.String(),
            delivery: DeliverySchema,
          }),
          '4xx': Problem,
        },
      },
      config: {
        guard: {
          permission: 'user:invite',
          at: "the group's organization, or the resource (with role:assign there)",
          target: () => null,
        },
      },
    },
    async (request, reply) => {
      const {
        email,
        group: groupReference,
        role: roleReference,
        resource: resourceReference,
        expiresInHours,
      } = request.body;
      const actor = actorOf(request).id;
      let organization: string;
      let group: string | null = null;
      let role: string | null = null;
      let target: { level: Level; id: string } | null = null;
      if (groupReference !== undefined) {
        if (roleReference !== undefined || resourceReference !== undefined)
          throw invalidField('group', 'cannot be sent with role or resource');
        const found = groupOf(engine(), groupReference);
        requirePermission(context, request, 'user:invite', 'organization', found.organization);
        enforce(rules.canAddMember(engine(), actor, found.id));
        organization = found.organization;
        group = found.id;
      } else {
        if (roleReference === undefined) throw invalidField('group', 'or role and resource are required');
        if (resourceReference === undefined) throw invalidField('resource', 'is required with role');
        if (resourceReference.type === 'organization' || resourceReference.type === 'project')
          throw invalidField('resource.type', 'must be a resource type: invitations give a role on one resource');
        const described = engine().describeTarget(resourceReference);
        if (described === undefined) throw notFound(resourceReference.type, resourceReference.id);
        const resource = resourceOf(engine(), described.id);
        const found = roleOf(engine(), roleReference, resource.organization);
        if (!engine().roleAvailableIn(found.id, resource.organization))
          throw roleNotAvailable(engine().organizationTree(), found, resource.organization);
        if (administratorRole(engine().settings, resource.type) === found.id) {
          // Inviting another administrator of the resource (Akana: an API Administrator invited to
          // the API invites other API Administrators): the type's admin-management permission there.
          const manage = resourcePermission(engine().settings, resource.type, 'manageAdministrators');
          requirePermission(context, request, manage, resource.type, resource.id);
        } else {
          requirePermission(context, request, 'user:invite', resource.type, resource.id);
          requirePermission(context, request, 'role:assign', resource.type, resource.id);
        }
        target = { level: 'resource', id: resource.id };
        enforce(
          rules.canCreateMapping(engine(), actor, { role: found.id, subject: { kind: 'user', id: actor }, target }),
        );
        organization = resource.organization;
        role = found.id;
      }
      const token = newSecret('tinv');
      const now = Date.now();
      const ttl = expiresInHours === undefined ? context.settings.invitationTtlMs : expiresInHours * 3_600_000;
      const row: InvitationRow = {
        id: randomUUID(),
        token_hash: secretHash(token),
        email,
        organization,
        group_id: group,
        role,
        target_level: target?.level ?? null,
        target_id: target?.id ?? null,
        created_by: actor,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + ttl).toISOString(),
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
      };
      const invitation = invitationOf(row);
      await context.store.transact(async (tx) => void (await tx.insertInto('invitations').values(row).execute()), {
        ...auditOf(request, 'invitation.create', `invitation:${row.id}`),
        effects: [{ kind: 'invitation', key: row.id, before: null, after: auditRecord(invitation) }],
      });
      const base = (context.settings.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
      // Sent once the invitation is written: a mail server's refusal leaves the invitation, and is reported.
      const delivery = await sendInvitation(context, request, row, token);
      return reply.code(201).send({
        invitation,
        token,
        acceptUrl: `${base}/console/accept-invitation?token=${encodeURIComponent(token)}`,
        delivery,
      });
    },
  );

  app.get(
    '/v1/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: "An organization's invitations",
        querystring: Type.Object({
          organization: Reference,
          status: Type.Optional(StatusSchema),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: { 200: PageOf(InvitationSchema), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'user:invite',
          at: 'the organization',
          target: (request: FastifyRequest) => ({
            type: 'organization',
            id: (request.query as { organization: string }).organization,
          }),
        },
      },
    },
    async (request) => {
      const { organization: reference, status, limit, after } = request.query;
      const organization = organizationOf(engine(), reference);
      const now = new Date().toISOString();
      const rows = await db()
        .selectFrom('invitations')
        .selectAll()
        .where('organization', '=', organization.id)
        .execute();
      const invitations = rows
        .map((r) => invitationOf(r, now))
        .filter((i) => status === undefined || i.status === status);
      // Newest first; the cursor is the id of the last invitation of the previous page (invitations are never deleted).
      const sorted = [...invitations].sort((a, b) =>
        a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
      );
      const start = after === undefined ? 0 : sorted.findIndex((i) => i.id === after) + 1;
      const items = sorted.slice(start, start + limit);
      const next = start + limit < sorted.length && items.length > 0 ? items[items.length - 1]!.id : null;
      return { items, next, revision: context.store.revision };
    },
  );

  app.delete(
    '/v1/invitations/:id',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Revoke a pending invitation',
        description: 'An invitation accepted, revoked or expired already answers `invitation-invalid` (410).',
        params: Type.Object({ id: InvitationParam }),
        response: { 200: Type.Object({ invitation: InvitationSchema }), '4xx': Problem },
      },
      config: { guard: { permission: 'user:invite', at: "the invitation's organization", target: () => null } },
    },
    async (request) => {
      const { id } = request.params;
      const row = await db().selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) throw notFound('invitation', id);
      requirePermission(context, request, 'user:invite', 'organization', row.organization);
      const before = invitationOf(row);
      if (before.status !== 'pending')
        throw new HttpProblem('invitation-invalid', `the invitation is ${before.status}`);
      const at = new Date().toISOString();
      const after = invitationOf({ ...row, revoked_at: at });
      await context.store.transact(
        async (tx) => {
          const result = await tx
            .updateTable('invitations')
            .set({ revoked_at: at })
            .where('id', '=', id)
            .where('accepted_at', 'is', null)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0)
            throw new HttpProblem('invitation-invalid', 'the invitation was accepted or revoked meanwhile');
        },
        {
          ...auditOf(request, 'invitation.revoke', `invitation:${id}`),
          effects: [{ kind: 'invitation', key: id, before: auditRecord(before), after: auditRecord(after) }],
        },
      );
      return { invitation: after };
    },
  );

  app.get(
    '/v1/invitations/lookup',
    {
      schema: {
        tags: ['invitations'],
        summary: 'What an invitation is for, by its token (for the accept page)',
        querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: {
          200: Type.Object({
            organization: Named,
            group: Type.Union([Named, Type.Null()]),
            role: Type.Union([Named, Type.Null()]),
            resource: Type.Union([
              Type.Object({ type: Type.String(), id: Type.String(), name: Type.String() }),
              Type.Null(),
            ]),
            email: Type.String(),
            expiresAt: Type.String(),
            status: StatusSchema,
          }),
          '4xx': Problem,
        },
      },
      config: { public: true },
    },
    async (request) => {
      const row = await byToken(request.query.token);
      if (row === undefined) throw new HttpProblem('invitation-invalid', NOT_PENDING);
      const e = engine();
      const organization = e.organizations().find((o) => o.id === row.organization);
      const group = row.group_id === null ? undefined : e.group(row.group_id);
      const role = row.role === null ? undefined : e.role(row.role);
      const resource = row.target_id === null ? undefined : e.resources().find((r) => r.id === row.target_id);
      const resourceName =
        resource === undefined ? undefined : e.describeTarget({ type: resource.type, id: resource.id })?.name;
      return {
        organization: { id: row.organization, name: organization?.name ?? row.organization },
        group: group === undefined ? null : { id: group.id, name: group.name },
        role: role === undefined ? null : { id: role.id, name: role.name },
        resource:
          resource === undefined ? null : { type: resource.type, id: resource.id, name: resourceName ?? resource.name },
        email: row.email,
        expiresAt: row.expires_at,
        status: statusOf(row, new Date().toISOString()),
      };
    },
  );

  app.post(
    '/v1/invitations/accept',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Accept an invitation',
        description:
          "A signed-in caller accepts for itself. Otherwise a new active PRIMARY user is created with the invitation's email and the given `username` and `password`; " +
          'when that username is taken (`duplicate`), sign in and accept instead. An invitation is accepted once: afterwards, and when revoked or expired, it answers `invitation-invalid` (410).',
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            username: Type.Optional(Username),
            password: Type.Optional(Password),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: UserSchema, revision: Revision }), '4xx': Problem },
      },
      config: { public: true },
    },
    async (request) => {
      const { token, username, password } = request.body;
      const row = await byToken(token);
      if (row === undefined || statusOf(row, new Date().toISOString()) !== 'pending')
        throw new HttpProblem('invitation-invalid', NOT_PENDING);
      const e = engine();
      const changes: Change[] = [];
      let user: User;
      let passwordHash: string | null = null;
      if (request.principal !== null) {
        user = request.principal.user;
      } else {
        if (username === undefined) throw invalidField('username', 'is required when accepting without signing in');
        if (password === undefined) throw invalidField('password', 'is required when accepting without signing in');
        const taken = e.user(`${PRIMARY_STORE}/${username}`);
        if (taken !== undefined) {
          throw new TesseraError(
            'DUPLICATE',
            `user "${qualifiedUserName(taken)}" exists already: sign in as that user and accept the invitation`,
            { entity: 'user', name: username },
          );
        }
        user = { id: randomUUID(), username, store: PRIMARY_STORE, email: row.email, status: 'active' };
        changes.push({ op: 'user.put', user });
        passwordHash = await hashPassword(password);
      }
      if (row.group_id !== null) {
        // A member already keeps its membership; the invitation is still used up.
        if (!e.members(row.group_id).includes(user.id))
          changes.push({ op: 'member.add', membership: { group: row.group_id, user: user.id } });
      } else if (row.role !== null && row.target_level !== null && row.target_id !== null) {
        const mapping: RoleMapping = {
          id: randomUUID(),
          role: row.role,
          subject: { kind: 'user', id: user.id },
          target: { level: row.target_level as Level, id: row.target_id },
        };
        if (!e.mappings().some((m) => mappingKey(m) === mappingKey(mapping)))
          changes.push({ op: 'mapping.add', mapping });
      }
      // Re-judged at acceptance as the inviter, on the rights the inviter holds now.
      if (row.created_by === null || !e.allowed(row.created_by, 'user:invite', 'organization', row.organization))
        throw new HttpProblem('forbidden', 'the inviter may no longer invite into this organization');
      const at = new Date().toISOString();
      const userId = user.id;
      const { revision } = await context.store.write(changes, {
        actor: { kind: 'user', id: row.created_by, rootScope: [context.home()] },
        audit: {
          actor: userId,
          actorName: qualifiedUserName(user),
          action: 'invitation.accept',
          target: `invitation:${row.id}`,
        },
        alongside: async (tx) => {
          const result = await tx
            .updateTable('invitations')
            .set({ accepted_at: at, accepted_by: userId })
            .where('id', '=', row.id)
            .where('accepted_at', 'is', null)
            .where('revoked_at', 'is', null)
            .where('expires_at', '>', at)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0)
            throw new HttpProblem('invitation-invalid', 'the invitation was accepted, revoked or expired meanwhile');
          if (passwordHash !== null)
            await tx
              .insertInto('accounts')
              .values({ user_id: userId, password_hash: passwordHash, updated_at: at })
              .execute();
          await addOrganizationMember(tx, row.organization, userId, at);
        },
      });
      return { user: engine().user(userId) ?? user, revision };
    },
  );
}
