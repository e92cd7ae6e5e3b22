import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Store } from '../../store/index.js';
import { type MailTemplate, type TemplateData, renderMail } from './templates.js';

/** One message to send: a template and its data, rendered in plain text and HTML by the mailer. */
export type MailMessage = {
  [T in MailTemplate]: { readonly to: string; readonly template: T; readonly data: TemplateData[T] };
}[MailTemplate];

/**
 * What became of a message: handed to the SMTP server (`sent`), kept in the development outbox
 * (`outbox`), or refused or undeliverable (`failed`, with the reason). Never throws: a write
 * that sends mail succeeds or fails on its own, and reports the delivery beside it.
 */
export interface Delivery {
  readonly status: 'sent' | 'outbox' | 'failed';
  /** The SMTP Message-ID, or the outbox message's id; null when it failed. */
  readonly id: string | null;
  /** Why it failed (the SMTP server's answer, `550 …`); null otherwise. */
  readonly error: string | null;
}

export interface Mailer {
  /** `smtp` when a server is configured, `outbox` in development. */
  readonly kind: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<Delivery>;
  close(): void;
}

export const DEFAULT_MAIL_FROM = 'Tessera <tessera@localhost>';

/** Mail through an SMTP server, configured by URL (`smtp://user:pass@host:587`, `smtps://…`). */
export class SmtpMailer implements Mailer {
  readonly kind = 'smtp';
  /** `nodemailer` is loaded with the first SMTP mailer, not with the server. */
  readonly #transport: Promise<Transporter>;
  readonly #from: string;

  constructor(url: string, from: string) {
    // Short timeouts: a mail server that does not answer must not hold a request for minutes.
    this.#transport = import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(url, {
        connectionTimeout: 5000,
        greetingTimeout: 5000,
        socketTimeout: 10_000,
      } as Parameters<typeof nodemailer.createTransport>[1]),
    );
    // A bad URL fails each send (below); it is no unhandled rejection meanwhile.
    this.#transport.catch(() => undefined);
    this.#from = from;
  }

  async send(message: MailMessage): Promise<Delivery> {
    const rendered = renderMail(message.template, message.data as never);
    try {
      const info = await (await this.#transport).sendMail({
        from: this.#from,
        to: message.to,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
      });
      if ((info.rejected ?? []).length > 0)
        return { status: 'failed', id: null, error: `refused ${String(info.rejected)}` };
      return { status: 'sent', id: info.messageId, error: null };
    } catch (error) {
      return { status: 'failed', id: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  close(): void {
    this.#transport.then((transport) => transport.close()).catch(() => undefined);
  }
}

/**
 * The development outbox: without an SMTP server, messages are kept in the database
 * (`mail_outbox`) and listed over `GET /v1/outbox` and on the console's Outbox page.
 */
export class OutboxMailer implements Mailer {
  readonly kind = 'outbox';
  readonly #store: Store;
  readonly #from: string;

  constructor(store: Store, from: string) {
    this.#store = store;
    this.#from = from;
  }

  async send(message: MailMessage): Promise<Delivery> {
    const rendered = renderMail(message.template, message.data as never);
    const id = randomUUID();
    try {
      await this.#store.database
        .insertInto('mail_outbox')
        .values({
          id,
          recipient: message.to,
          sender: this.#from,
          template: message.template,
          subject: rendered.subject,
          text_body: rendered.text,
          html_body: rendered.html,
          created_at: new Date().toISOString(),
        })
        .execute();
      return { status: 'outbox', id, error: null };
    } catch (error) {
      return { status: 'failed', id: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  close(): void {}
}

/** The mailer the settings ask for: SMTP when `smtpUrl` is set, else the development outbox. */
export function createMailer(store: Store, settings: { smtpUrl?: string | null; mailFrom?: string | null }): Mailer {
  const from = settings.mailFrom ?? DEFAULT_MAIL_FROM;
  if (settings.smtpUrl !== undefined && settings.smtpUrl !== null && settings.smtpUrl !== '')
    return new SmtpMailer(settings.smtpUrl, from);
  return new OutboxMailer(store, from);
}
