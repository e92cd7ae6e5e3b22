import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { leaveOrganization } from '../../core/organization-members.js';
import { qualifiedUserName } from '../../core/model.js';
import type { InvitationRow } from '../../store/schema.js';
import type { App, ServerContext } from '../context.js';
import { isOrganizationMember, organizationMembers, removeOrganizationMember } from '../members.js';
import { newSecret, secretHash } from '../passwords.js';
import { Email } from './users.js';
import {
  After,
  Limit,
  OrganizationParam,
  PageOf,
  Problem,
  Revision,
  UserParam,
  auditOf,
  notFound,
  organizationOf,
  organizationTarget,
  page,
  write,
} from './common.js';

/**
 * Organization members (docs/administration.md#organization-members): an organization's people,
 * listed, invited and removed by its own administrators with organization-level permissions
 * (`user:view`, `user:invite`, `user:manage` at the organization), who see no one else.
 */

const MemberSchema = Type.Object(
  {
    user: Type.Object({
      id: Type.String(),
      username: Type.String(),
      store: Type.String(),
      email: Type.Union([Type.String(), Type.Null()]),
      status: Type.String(),
    }),
    joinedAt: Type.String(),
  },
  { $id: 'OrganizationMember' },
);

const Params = Type.Object({ organization: OrganizationParam });
const MemberParams = Type.Object({ organization: OrganizationParam, user: UserParam });

export function organizationMemberRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const db = context.store.database;
  const at = (permission: string) => ({
    permission,
    at: 'the organization',
    target: (request: { params: unknown }) =>
      organizationTarget((request.params as { organization: string }).organization),
  });

  app.get(
    '/v1/organizations/:organization/members',
    {
      schema: {
        tags: ['organizations'],
        summary: "List an organization's members",
        description:
          'The users who belong to the organization: those who accepted an invitation into it, were provisioned into it, or held anything in it. `search` matches part of the username or email, any case.',
        params: Params,
        querystring: Type.Object({
          search: Type.Optional(Type.String({ maxLength: 320 })),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: { 200: PageOf(MemberSchema), '4xx': Problem },
      },
      config: { guard: at('user:view') },
    },
    async (request) => {
      const organization = organizationOf(engine(), request.params.organization);
      const { search, limit, after } = request.query;
      const needle = search?.toLowerCase();
      const members = await organizationMembers(db, organization.id);
      const items = [...members]
        .map(([id, joinedAt]) => ({ user: engine().user(id), joinedAt }))
        .filter(
          (m): m is { user: NonNullable<typeof m.user>; joinedAt: string } =>
            m.user !== undefined &&
            m.user.id !== undefined &&
            (needle === undefined ||
              m.user.username.toLowerCase().includes(needle) ||
              (m.user.email?.toLowerCase().includes(needle) ?? false)),
        );
      return { ...page(items, (m) => qualifiedUserName(m.user), limit, after), revision: context.store.revision };
    },
  );

  app.post(
    '/v1/organizations/:organization/members',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Invite a person into the organization by email',
        description:
          'An invitation into the organization itself, with no group or role: accepting it makes the person a member. ' +
          "The answer holds the token and the accept link, once; only the token's hash is stored.",
        params: Params,
        body: Type.Object(
          { email: Email, expiresInHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 30 })) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            invitation: Type.Object({
              id: Type.String(),
              email: Type.String(),
              organization: Type.String(),
              createdAt: Type.String(),
              expiresAt: Type.String(),
            }),
            token: Type.String(),
            acceptUrl: Type.String(),
          }),
          '4xx': Problem,
        },
      },
      config: { guard: at('user:invite') },
    },
    async (request, reply) => {
      const organization = organizationOf(engine(), request.params.organization);
      const { email, expiresInHours } = request.body;
      const token = newSecret('tinv');
      const now = Date.now();
      const ttl = expiresInHours === undefined ? context.settings.invitationTtlMs : expiresInHours * 3_600_000;
      const row: InvitationRow = {
        id: randomUUID(),
        token_hash: secretHash(token),
        email,
        organization: organization.id,
        group_id: null,
        role: null,
        target_level: null,
        target_id: null,
        created_by: request.principal!.user.id,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + ttl).toISOString(),
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
      };
      const invitation = {
        id: row.id,
        email,
        organization: organization.id,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
      await context.store.transact(async (tx) => void (await tx.insertInto('invitations').values(row).execute()), {
        ...auditOf(request, 'organization.member.invite', `invitation:${row.id}`),
        effects: [{ kind: 'invitation', key: row.id, before: null, after: invitation }],
      });
      const base = (context.settings.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
      return reply
        .code(201)
        .send({ invitation, token, acceptUrl: `${base}/console/accept-invitation?token=${encodeURIComponent(token)}` });
    },
  );

  app.delete(
    '/v1/organizations/:organization/members/:user',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Remove a member from the organization, with their groups and roles in it',
        description:
          "In one write: the member leaves the organization's groups, and the roles mapped to them at the organization, its projects and its resources go. " +
          'Refused (`last-admin`) when it would leave the organization without an active admin. The user itself stays.',
        params: MemberParams,
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: at('user:manage') },
    },
    async (request) => {
      const organization = organizationOf(engine(), request.params.organization);
      const user = engine().user(request.params.user);
      // Someone who is not a member is not found: an organization's admin learns nothing of other users.
      if (user === undefined || !(await isOrganizationMember(db, organization.id, user.id)))
        throw notFound('member', request.params.user);
      const changes = leaveOrganization(engine(), organization.id, user.id);
      const remove = async (tx: Parameters<typeof removeOrganizationMember>[0]) => {
        if (!(await removeOrganizationMember(tx, organization.id, user.id)))
          throw notFound('member', request.params.user);
      };
      if (changes.length === 0) {
        await context.store.transact(remove, {
          ...auditOf(request, 'organization.member.remove', `user:${user.id}`),
          effects: [
            { kind: 'organizationMember', key: `${organization.id}/${user.id}`, before: { joined: true }, after: null },
          ],
        });
        return { revision: context.store.revision };
      }
      const revision = await write(context, request, changes, 'organization.member.remove', `user:${user.id}`, {
        alongside: remove,
      });
      return { revision };
    },
  );
}
