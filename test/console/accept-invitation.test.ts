import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, type Page, screenshot, startConsoleTest } from './harness.js';

describe('console: accepting an invitation', () => {
  let t: ConsoleTest;
  let page: Page;
  let acceptPath: string;
  before(async () => {
    t = await startConsoleTest();
    page = await t.newPage();
    const developers = t.server.store.engine.findGroup(t.server.home.id, 'Developer')!;
    const invited = await t.server.admin.post('/v1/invitations', { email: 'nina@example.com', group: developers.id });
    assert.equal(invited.status, 201);
    acceptPath = new URL(invited.body.acceptUrl as string).pathname + new URL(invited.body.acceptUrl as string).search;
  });
  after(() => t.close());

  test('the link shows what the invitation is for; a new account accepts it once and then holds the access', async () => {
    await page.goto(t.server.url + acceptPath);
    await page.getByRole('heading', { name: 'Accept an invitation' }).waitFor();
    await page.getByText(`nina@example.com is invited to join the group Developer of ${t.server.home.name}.`).waitFor();
    await page.getByLabel('Username').fill('nina');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    // The API's refusal, in words beside the field.
    await page
      .getByText(/at least 8|fewer than 8|must NOT have fewer/i)
      .first()
      .waitFor();
    await page.getByLabel('Password').fill('nina-secret-1');
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await page.getByRole('status').filter({ hasText: 'Accepted.' }).waitFor();
    await screenshot(page, 'accept-invitation');

    const nina = t.server.store.engine.user('nina');
    assert.ok(nina !== undefined && nina.email === 'nina@example.com');
    assert.equal(
      t.server.store.engine.allowed(nina.id, 'project:edit', 'organization', t.server.home.id),
      true,
      'the Developer group grants project:edit',
    );
    await page.goto(t.server.url + acceptPath);
    await page.getByText('This invitation was accepted: ask for a new one.').waitFor();
  });
});
