import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AccessEngine } from '../../core/engine.js';
import type { InvitationRow } from '../../store/schema.js';
import { requirePermission } from '../app.js';
import type { App, ServerContext } from '../context.js';
import { type Delivery, closeMailer, deliver, linkBase, mailerOf } from '../mail/index.js';
import { newSecret, secretHash } from '../passwords.js';
import { HttpProblem } from '../problem.js';
import { After, InvitationParam, Limit, Problem, auditOf, homeTarget, notFound } from './common.js';

/** What became of a message, as answers report it beside the write that sent it. */
export const DeliverySchema = Type.Object(
  {
    status: Type.Union([Type.Literal('sent'), Type.Literal('outbox'), Type.Literal('failed')], {
      description:
        '`sent`: handed to the SMTP server; `outbox`: kept in the development outbox (no SMTP configured); `failed`: refused or undeliverable (see `error`).',
    }),
    id: Type.Union([Type.String(), Type.Null()], { description: "The SMTP Message-ID, or the outbox message's id." }),
    error: Type.Union([Type.String(), Type.Null()], { description: "The mail server's answer when it failed." }),
  },
  { $id: 'Delivery' },
);

const OutboxMessage = Type.Object({
  id: Type.String(),
  to: Type.String(),
  from: Type.String(),
  template: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
  createdAt: Type.String(),
});

/** The accept link of an invitation token. */
export function acceptLink(context: ServerContext, token: string): string {
  return `${linkBase(context)}/console/accept-invitation?token=${encodeURIComponent(token)}`;
}

/** What accepting an invitation gives, in words, for its message. */
function invitedTo(engine: AccessEngine, row: InvitationRow): string {
  if (row.group_id !== null) return `the group "${engine.group(row.group_id)?.name ?? row.group_id}"`;
  const role = row.role === null ? undefined : engine.role(row.role);
  const resource = row.target_id === null ? undefined : engine.resources().find((r) => r.id === row.target_id);
  const where = resource === undefined ? '' : ` on ${resource.type} "${resource.name}"`;
  return `the role "${role?.name ?? row.role ?? ''}"${where}`;
}

/** Mails an invitation's accept link to its email; the delivery is audited and answered, never thrown. */
export async function sendInvitation(
  context: ServerContext,
  request: FastifyRequest,
  row: InvitationRow,
  token: string,
): Promise<Delivery> {
  const engine = context.store.engine;
  const organization = engine.organizations().find((o) => o.id === row.organization);
  const inviter = auditOf(request, 'mail.send', null).actorName ?? 'An administrator';
  return deliver(
    context,
    {
      to: row.email,
      template: 'invitation',
      data: {
        link: acceptLink(context, token),
        organization: organization?.name ?? row.organization,
        invitedTo: invitedTo(engine, row),
        inviter,
        expiresAt: row.expires_at,
      },
    },
    { by: request, about: `invitation:${row.id}` },
  );
}

/**
 * Mail (docs/mail.md): the development outbox, and sending an invitation again. The mailer is
 * SMTP when `TESSERA_SMTP_URL` is set, else the outbox; it is closed with the server.
 */
export function mailRoutes(app: App, context: ServerContext): void {
  const db = () => context.store.database;
  app.addHook('onClose', async () => closeMailer(context));

  app.get(
    '/v1/outbox',
    {
      schema: {
        tags: ['mail'],
        summary: 'The development outbox: the messages kept because no SMTP server is configured, newest first',
        description:
          'Messages carry password-reset and sign-up links, which are credentials: reading them needs `user:takeover` (the super admin). ' +
          '`mailer` says where mail goes now: with `smtp`, new messages are sent and the outbox only keeps older ones.',
        querystring: Type.Object({
          to: Type.Optional(Type.String({ maxLength: 320, description: 'Only messages to this address (any case).' })),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: {
          200: Type.Object({
            mailer: Type.Union([Type.Literal('smtp'), Type.Literal('outbox')]),
            items: Type.Array(OutboxMessage),
            next: Type.Union([Type.String(), Type.Null()]),
          }),
          '4xx': Problem,
        },
      },
      config: {
        guard: { permission: 'user:takeover', at: 'the home organization', target: (_r, ctx) => homeTarget(ctx) },
      },
    },
    async (request) => {
      const { to, limit, after } = request.query;
      const rows = await db().selectFrom('mail_outbox').selectAll().execute();
      const wanted = to?.toLowerCase();
      const sorted = rows
        .filter((r) => wanted === undefined || r.recipient.toLowerCase() === wanted)
        .sort((a, b) =>
          a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1,
        );
      const start = after === undefined ? 0 : sorted.findIndex((r) => r.id === after) + 1;
      const slice = sorted.slice(start, start + limit);
      return {
        mailer: mailerOf(context).kind,
        items: slice.map((r) => ({
          id: r.id,
          to: r.recipient,
          from: r.sender,
          template: r.template,
          subject: r.subject,
          text: r.text_body,
          html: r.html_body,
          createdAt: r.created_at,
        })),
        next: start + limit < sorted.length && slice.length > 0 ? slice[slice.length - 1]!.id : null,
      };
    },
  );

  app.post(
    '/v1/invitations/:id/resend',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Mail a pending invitation again, with a new link',
        description:
          'Only the hash of a token is kept, so the message carries a new token and the old link stops working. ' +
          'The new token is kept only once the mail server took the message: when it refuses it, the answer is 502 `mail-refused` and the old link still works. ' +
          'An invitation accepted, revoked or expired answers `invitation-invalid` (410).',
        params: Type.Object({ id: InvitationParam }),
        response: {
          200: Type.Object({ token: Type.String(), acceptUrl: Type.String(), delivery: DeliverySchema }),
          '4xx': Problem,
        },
      },
      config: { guard: { permission: 'user:invite', at: "the invitation's organization", target: () => null } },
    },
    async (request) => {
      const { id } = request.params;
      const row = await db().selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) throw notFound('invitation', id);
      requirePermission(context, request, 'user:invite', 'organization', row.organization);
      const now = new Date().toISOString();
      if (row.accepted_at !== null || row.revoked_at !== null || row.expires_at <= now)
        throw new HttpProblem('invitation-invalid', 'the invitation was accepted, revoked or has expired');
      const token = newSecret('tinv');
      const delivery = await sendInvitation(context, request, row, token);
      if (delivery.status === 'failed')
        throw new HttpProblem('mail-refused', `the mail server refused the invitation: ${delivery.error}`, {
          delivery,
        });
      await context.store.transact(
        async (tx) => {
          const result = await tx
            .updateTable('invitations')
            .set({ token_hash: secretHash(token) })
            .where('id', '=', id)
            .where('accepted_at', 'is', null)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0)
            throw new HttpProblem('invitation-invalid', 'the invitation was accepted or revoked meanwhile');
        },
        {
          ...auditOf(request, 'invitation.resend', `invitation:${id}`),
          effects: [{ kind: 'invitation', key: id, before: { link: 'previous' }, after: { link: 'new' } }],
        },
      );
      return { token, acceptUrl: acceptLink(context, token), delivery };
    },
  );
}
