import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, screenshot, signIn, startConsoleTest } from './harness.js';

/** The newest outbox message to `to` (no SMTP server: the development outbox), read as the super admin. */
async function linkMailedTo(t: ConsoleTest, to: string, page: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const outbox = await t.server.admin.get(`/v1/outbox?to=${encodeURIComponent(to)}`);
    const text: string | undefined = outbox.body.items[0]?.text;
    const match = text === undefined ? null : new RegExp(`(http\\S+/console/${page}\\?token=\\S+)`).exec(text);
    if (match !== null) return match[1]!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`no ${page} link mailed to ${to}`);
}

describe('console: forgot password, sign-up and the outbox', () => {
  let t: ConsoleTest;
  before(async () => {
    t = await startConsoleTest();
  });
  after(() => t.close());

  test('"Forgot password?" on the sign-in page mails a link whose page sets a new password', async () => {
    await t.server.user('fay', { password: 'fay-old-secret' });
    const page = await t.newPage();
    await page.goto('/console/sign-in');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Username or email').fill('fay');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('status').waitFor();
    await screenshot(page, 'forgot-password');
    const link = await linkMailedTo(t, 'fay@example.com', 'reset-password');
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('fay-new-secret');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('status').waitFor();
    await screenshot(page, 'reset-password');
    await t.server.signIn('fay', 'fay-new-secret');
  });

  test('the sign-in page links to sign-up only for an organization that allows it; the mailed link activates the account', async () => {
    const org = t.server.home.name;
    const page = await t.newPage();
    await page.goto(`/console/sign-in?organization=${org}`);
    await page.getByRole('link', { name: 'Forgot password?' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Sign up' }).count(), 0, 'sign-up is off by default');
    const turned = await t.server.admin.put(`/v1/organizations/${org}/sign-up`, { enabled: true, role: 'Developer' });
    assert.equal(turned.status, 200, JSON.stringify(turned.body));
    await page.reload();
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Username').fill('gus');
    await page.getByLabel('Email').fill('gus@example.com');
    await page.getByLabel('Password').fill('gus-secret-1');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
    await screenshot(page, 'sign-up');
    await page.goto(await linkMailedTo(t, 'gus@example.com', 'verify-email'));
    await page.getByRole('button', { name: 'Confirm and activate my account' }).click();
    await page.getByRole('status').waitFor();
    await t.server.signIn('gus', 'gus-secret-1');
  });

  test('the Outbox page shows the kept messages to the super admin', async () => {
    const page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'Outbox' }).first().click();
    await page.getByRole('heading', { name: 'Outbox', level: 1 }).waitFor();
    await page.getByRole('article', { name: 'Reset your Tessera password' }).first().waitFor();
    await screenshot(page, 'outbox');
  });
});
