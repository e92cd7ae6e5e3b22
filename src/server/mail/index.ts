import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { issuerOf } from '../oauth/issuer.js';
import { auditOf } from '../routes/common.js';
import { type Delivery, type MailMessage, type Mailer, createMailer } from './mailer.js';

export { type Delivery, type MailMessage, type Mailer, DEFAULT_MAIL_FROM, createMailer } from './mailer.js';
export { MAIL_TEMPLATES, type MailTemplate, type RenderedMail, type TemplateData, renderMail } from './templates.js';

const mailers = new WeakMap<ServerContext, Mailer>();

/** The server's mailer, made from its settings on first use (SMTP, or the development outbox). */
export function mailerOf(context: ServerContext): Mailer {
  let mailer = mailers.get(context);
  if (mailer === undefined) {
    mailer = createMailer(context.store, context.settings);
    mailers.set(context, mailer);
  }
  return mailer;
}

/** Replaces the server's mailer (tests, or an embedding application with a mailer of its own). */
export function setMailer(context: ServerContext, mailer: Mailer): void {
  mailers.get(context)?.close();
  mailers.set(context, mailer);
}

/** Closes the server's mailer, if one was made. */
export function closeMailer(context: ServerContext): void {
  mailers.get(context)?.close();
  mailers.delete(context);
}

/**
 * The base of the links mail carries: the public URL, else the address the server listens at;
 * never a request's `Host` header, which a caller chooses (a password-reset link pointing at
 * the caller's own server would hand them the token).
 */
export function linkBase(context: ServerContext): string {
  return issuerOf(context);
}

/** Who a message goes on behalf of, in the audit log: the caller, or the system (`actorName`). */
export type MailActor = FastifyRequest | { readonly actor: null; readonly actorName: string };

/**
 * Sends a message and records the delivery in the audit log: `mail.send`, or `mail.failed` with
 * the mail server's answer, under the target `mail:<id>`, with the recipient, the template and
 * what it is `about` (`invitation:…`, `user:…`); never the message, whose link is a credential.
 * Answers the delivery; never throws for a mail server's refusal.
 */
export async function deliver(
  context: ServerContext,
  message: MailMessage,
  on: { readonly by: MailActor; readonly about: string | null },
): Promise<Delivery> {
  const delivery = await mailerOf(context).send(message);
  const who = 'actor' in on.by ? on.by : auditOf(on.by, 'mail.send', null);
  const key = delivery.id ?? `failed-${randomUUID()}`;
  await context.store
    .transact(async () => undefined, {
      actor: who.actor,
      actorName: who.actorName ?? null,
      action: delivery.status === 'failed' ? 'mail.failed' : 'mail.send',
      target: `mail:${key}`,
      effects: [
        {
          kind: 'mail',
          key,
          before: null,
          after: {
            to: message.to,
            template: message.template,
            about: on.about,
            status: delivery.status,
            error: delivery.error,
          },
        },
      ],
    })
    .catch(() => undefined);
  return delivery;
}
