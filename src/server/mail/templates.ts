/**
 * The messages Tessera sends, each in plain text and HTML. Data is escaped into the HTML part; the
 * link of a message is the same in both parts, so a reader without HTML follows the same one.
 */

export interface TemplateData {
  /** An invitation to join a group, or to a role on one resource. */
  readonly invitation: {
    readonly link: string;
    readonly organization: string;
    /** What accepting gives, in words: `the group "Developer"`, `the role "API Administrator" on api "payments"`. */
    readonly invitedTo: string;
    /** Who invited, as people read it (`PRIMARY/admin`). */
    readonly inviter: string;
    readonly expiresAt: string;
  };
  readonly 'password-reset': {
    readonly link: string;
    readonly username: string;
    readonly expiresAt: string;
  };
  /** An administrator reset the user's second factor: they sign in and enrol again. */
  readonly 'two-factor-reset': {
    readonly link: string;
    readonly username: string;
    /** Who reset it, as people read it. */
    readonly by: string;
  };
  readonly 'email-verification': {
    readonly link: string;
    readonly username: string;
    readonly organization: string;
    readonly expiresAt: string;
  };
}

export type MailTemplate = keyof TemplateData;

export const MAIL_TEMPLATES: readonly MailTemplate[] = [
  'invitation',
  'password-reset',
  'two-factor-reset',
  'email-verification',
];

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML character data or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A message's body as paragraphs of text, one of them the call to action's link. */
interface Body {
  readonly subject: string;
  readonly before: readonly string[];
  readonly action: { readonly label: string; readonly link: string };
  readonly after: readonly string[];
}

function render(body: Body): RenderedMail {
  const text = [...body.before, `${body.action.label}: ${body.action.link}`, ...body.after, '-- Tessera'].join('\n\n');
  const paragraph = (p: string) => `<p>${escapeHtml(p)}</p>`;
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(body.subject)}</title></head><body>`,
    ...body.before.map(paragraph),
    `<p><a href="${escapeHtml(body.action.link)}">${escapeHtml(body.action.label)}</a></p>`,
    `<p>${escapeHtml('Or open this address:')} ${escapeHtml(body.action.link)}</p>`,
    ...body.after.map(paragraph),
    '<p>-- Tessera</p>',
    '</body></html>',
  ].join('\n');
  return { subject: body.subject, text: `${text}\n`, html: `${html}\n` };
}

/** Subjects are headers: no line breaks whatever the data holds. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

const TEMPLATES: { readonly [T in MailTemplate]: (data: TemplateData[T]) => Body } = {
  invitation: (d) => ({
    subject: oneLine(`You are invited to ${d.organization}`),
    before: [`${d.inviter} invites you to ${d.invitedTo} in the organization "${d.organization}".`],
    action: { label: 'Accept the invitation', link: d.link },
    after: [`The invitation expires at ${d.expiresAt}. If you did not expect it, ignore this message.`],
  }),
  'password-reset': (d) => ({
    subject: 'Reset your Tessera password',
    before: [`Someone asked to reset the password of the account "${d.username}".`],
    action: { label: 'Choose a new password', link: d.link },
    after: [
      `The link works once, until ${d.expiresAt}. Resetting ends every session and revokes the account's tokens.`,
      'If you did not ask for it, ignore this message: your password stays as it is.',
    ],
  }),
  'two-factor-reset': (d) => ({
    subject: 'Your two-factor sign-in was reset',
    before: [`${d.by} reset the second factor of the account "${d.username}".`],
    action: { label: 'Sign in and set up two-factor sign-in again', link: d.link },
    after: ['If you did not ask for it, tell your administrator.'],
  }),
  'email-verification': (d) => ({
    subject: oneLine(`Confirm your email address for ${d.organization}`),
    before: [`Thank you for signing up as "${d.username}" in the organization "${d.organization}".`],
    action: { label: 'Confirm your email address', link: d.link },
    after: [`The link works once, until ${d.expiresAt}. If you did not sign up, ignore this message.`],
  }),
};

/** The subject, plain text and HTML of a message. */
export function renderMail<T extends MailTemplate>(template: T, data: TemplateData[T]): RenderedMail {
  const build = TEMPLATES[template] as (data: TemplateData[T]) => Body;
  return render(build(data));
}
