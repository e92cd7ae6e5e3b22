import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAIL_TEMPLATES, type MailMessage, createMailer, renderMail } from '../../src/server/mail/index.js';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';
import { type TestSmtpServer, startSmtpServer } from './smtp.js';

const FROM = 'Tessera Test <tessera@example.org>';

/** One message of each template, each with its own link. */
function messagesOfEveryTemplate(to: string): MailMessage[] {
  const link = (name: string) => `http://127.0.0.1:8080/console/${name}?token=t_${name}`;
  return [
    {
      to,
      template: 'invitation',
      data: {
        link: link('invitation'),
        organization: 'acme',
        invitedTo: 'the group "Developer"',
        inviter: 'PRIMARY/admin',
        expiresAt: '2026-12-08T00:00:00.000Z',
      },
    },
    {
      to,
      template: 'password-reset',
      data: { link: link('password-reset'), username: 'PRIMARY/alice', expiresAt: '2026-12-01T00:30:00.000Z' },
    },
    {
      to,
      template: 'two-factor-reset',
      data: { link: link('two-factor-reset'), username: 'alice', by: 'PRIMARY/admin' },
    },
    {
      to,
      template: 'email-verification',
      data: {
        link: link('email-verification'),
        username: 'bob',
        organization: 'acme',
        expiresAt: '2026-12-02T00:00:00Z',
      },
    },
  ];
}

describe('mail templates', () => {
  test('every template has a subject, and its link in both the plain-text and the HTML part', () => {
    for (const message of messagesOfEveryTemplate('x@example.com')) {
      const rendered = renderMail(message.template, message.data as never);
      assert.ok(rendered.subject.length > 0, message.template);
      assert.ok(rendered.text.includes(message.data.link), `${message.template}: text part lacks the link`);
      assert.ok(rendered.html.includes(`href="${message.data.link}"`), `${message.template}: HTML part lacks the link`);
    }
    assert.deepEqual(
      messagesOfEveryTemplate('x').map((m) => m.template),
      [...MAIL_TEMPLATES],
    );
  });

  test('data is escaped in the HTML part, and a subject never carries a line break', () => {
    const rendered = renderMail('invitation', {
      link: 'http://127.0.0.1/console/accept-invitation?token=a&b="c"',
      organization: 'evil\r\nBcc: victim@example.com <script>',
      invitedTo: 'the group "<img src=x onerror=alert(1)>"',
      inviter: 'PRIMARY/admin',
      expiresAt: 'soon',
    });
    assert.equal(rendered.html.includes('<script>'), false);
    assert.equal(rendered.html.includes('<img'), false);
    assert.ok(rendered.html.includes('href="http://127.0.0.1/console/accept-invitation?token=a&amp;b=&quot;c&quot;"'));
    assert.equal(/[\r\n]/.test(rendered.subject), false);
  });
});

describe('SMTP delivery (a real SMTP server on loopback)', () => {
  let smtp: TestSmtpServer;
  let refusing: TestSmtpServer;
  before(async () => {
    smtp = await startSmtpServer();
    refusing = await startSmtpServer({ refuse: true });
  });
  after(async () => {
    await smtp.close();
    await refusing.close();
  });

  test('each template arrives with its recipient, sender, subject and link in the text and HTML parts', async () => {
    const mailer = createMailer(undefined as never, { smtpUrl: smtp.url, mailFrom: FROM });
    try {
      for (const message of messagesOfEveryTemplate(`${nextName()}@example.com`)) {
        const delivery = await mailer.send(message);
        assert.equal(delivery.status, 'sent', JSON.stringify(delivery));
        const received = await smtp.next(message.to);
        assert.equal(received.to, message.to);
        assert.deepEqual(received.parsed.from?.value, [{ name: 'Tessera Test', address: 'tessera@example.org' }]);
        assert.equal(received.subject, renderMail(message.template, message.data as never).subject);
        assert.ok(received.text.includes(message.data.link), `${message.template}: the text part lacks the link`);
        assert.ok(received.html.includes(message.data.link), `${message.template}: the HTML part lacks the link`);
      }
    } finally {
      mailer.close();
    }
  });

  test('a mail server that refuses the message is a failed delivery with its answer, not a throw', async () => {
    const mailer = createMailer(undefined as never, { smtpUrl: refusing.url, mailFrom: FROM });
    try {
      const [message] = messagesOfEveryTemplate('nobody@example.com');
      const delivery = await mailer.send(message!);
      assert.equal(delivery.status, 'failed');
      assert.equal(delivery.id, null);
      assert.match(delivery.error ?? '', /550/);
    } finally {
      mailer.close();
    }
  });
});

let counter = 0;
function nextName(): string {
  counter += 1;
  return `person${counter}`;
}

describe('invitations by mail (HTTP, SQLite)', () => {
  let smtp: TestSmtpServer;
  let refusing: TestSmtpServer;
  let server: TestServer;
  let refused: TestServer;
  before(async () => {
    smtp = await startSmtpServer();
    refusing = await startSmtpServer({ refuse: true });
    server = await startTestServer('SQLite', { smtpUrl: smtp.url, mailFrom: FROM });
    refused = await startTestServer('SQLite', { smtpUrl: refusing.url, mailFrom: FROM });
  });
  after(async () => {
    await server.close();
    await refused.close();
    await smtp.close();
    await refusing.close();
  });
  const developers = (s: TestServer) => s.store.engine.findGroup(s.home.id, 'Developer')!.id;

  test('an invitation is mailed: the message that arrives carries the accept link in its text and HTML parts', async () => {
    const created = await server.admin.post('/v1/invitations', {
      email: 'nina@example.com',
      group: developers(server),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.delivery.status, 'sent');
    const message = await smtp.next('nina@example.com');
    assert.equal(message.to, 'nina@example.com');
    assert.equal(message.subject, `You are invited to ${server.home.name}`);
    const link = `${server.url}/console/accept-invitation?token=${created.body.token}`;
    assert.equal(created.body.acceptUrl, link);
    assert.ok(message.text.includes(link), message.text);
    assert.ok(message.html.includes(`href="${link}"`), message.html);
    assert.ok(message.text.includes('the group "Developer"'));
    const [entry] = await server.store.audit({ actorName: 'PRIMARY/admin', limit: 1 });
    assert.equal(entry?.action, 'mail.send');
    const effect = entry?.effects[0]?.after as Record<string, unknown>;
    assert.deepEqual(
      { to: effect.to, template: effect.template, about: effect.about, status: effect.status },
      {
        to: 'nina@example.com',
        template: 'invitation',
        about: `invitation:${created.body.invitation.id}`,
        status: 'sent',
      },
    );
    assert.equal(JSON.stringify(entry).includes(created.body.token), false, 'the audit log never holds the link');
  });

  test('a mail server that refuses the invitation: the invitation exists, the answer and the audit log say the delivery failed', async () => {
    const created = await refused.admin.post('/v1/invitations', {
      email: 'omar@example.com',
      group: developers(refused),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.delivery.status, 'failed');
    assert.match(created.body.delivery.error, /550/);
    const listed = await refused.admin.get(`/v1/invitations?organization=${refused.home.id}&status=pending`);
    assert.ok(listed.body.items.some((i: { id: string }) => i.id === created.body.invitation.id));
    const [entry] = await refused.store.audit({ actorName: 'PRIMARY/admin', limit: 1 });
    assert.equal(entry?.action, 'mail.failed');
    assert.match(String((entry?.effects[0]?.after as { error?: string } | undefined)?.error), /550/);
    // Resending to a server that still refuses: 502 mail-refused, and the first link still works.
    const resent = await refused.admin.post(`/v1/invitations/${created.body.invitation.id}/resend`);
    assertProblem(resent, 502, 'mail-refused');
    const lookup = await refused.anonymous.get(`/v1/invitations/lookup?token=${created.body.token}`);
    assert.equal(lookup.status, 200);
    assert.equal(lookup.body.status, 'pending');
  });

  test('resending mails a new link: the old one stops working, the new one is accepted', async () => {
    const created = await server.admin.post('/v1/invitations', { email: 'pia@example.com', group: developers(server) });
    await smtp.next('pia@example.com');
    const resent = await server.admin.post(`/v1/invitations/${created.body.invitation.id}/resend`);
    assert.equal(resent.status, 200, JSON.stringify(resent.body));
    assert.equal(resent.body.delivery.status, 'sent');
    assert.notEqual(resent.body.token, created.body.token);
    const message = await smtp.next('pia@example.com');
    assert.ok(message.text.includes(resent.body.acceptUrl));
    assertProblem(
      await server.anonymous.get(`/v1/invitations/lookup?token=${created.body.token}`),
      410,
      'invitation-invalid',
    );
    const accepted = await server.anonymous.post('/v1/invitations/accept', {
      token: resent.body.token,
      username: 'pia',
      password: 'pia-secret-1',
    });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assertProblem(
      await server.admin.post(`/v1/invitations/${created.body.invitation.id}/resend`),
      410,
      'invitation-invalid',
    );
  });
});

for (const kind of DATABASES) {
  describe(`the development outbox (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    test('without SMTP an invitation goes to the outbox, which only the super admin reads', async () => {
      const group = server.store.engine.findGroup(server.home.id, 'Developer')!.id;
      const created = await server.admin.post('/v1/invitations', { email: 'quinn@example.com', group });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.delivery.status, 'outbox');
      const outbox = await server.admin.get('/v1/outbox?to=QUINN@example.com');
      assert.equal(outbox.status, 200, JSON.stringify(outbox.body));
      assert.equal(outbox.body.mailer, 'outbox');
      assert.equal(outbox.body.items.length, 1);
      const [message] = outbox.body.items;
      assert.equal(message.id, created.body.delivery.id);
      assert.equal(message.to, 'quinn@example.com');
      assert.equal(message.template, 'invitation');
      assert.ok(message.text.includes(created.body.acceptUrl));
      assert.ok(message.html.includes(`href="${created.body.acceptUrl}"`));
      // Messages carry links that are credentials: a user without user:takeover may not read them.
      const { client } = await server.user('rita', { groups: ['Developer'] });
      assertProblem(await client.get('/v1/outbox'), 403, 'forbidden');
      assertProblem(await server.anonymous.get('/v1/outbox'), 401, 'unauthorized');
    });
  });
}
