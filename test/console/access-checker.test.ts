import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, type Page, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: access checker', () => {
  let t: ConsoleTest;
  let page: Page;
  before(async () => {
    t = await startConsoleTest();
    await t.server.user('alice', { groups: ['Developer'] });
    page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'Access checker' }).click();
    await page.getByRole('heading', { name: 'Access checker', level: 1 }).waitFor();
  });
  after(() => t.close());

  const ask = async (permission: string, type: string, target: string) => {
    await page.getByLabel('Permission', { exact: true }).selectOption(permission);
    await page.getByLabel('Target type').selectOption(type);
    await page
      .getByLabel(type === 'organization' ? 'Organization' : 'Project', { exact: true })
      .last()
      .fill(target);
    await page.getByRole('button', { name: 'Check access' }).click();
  };

  test('a user found by name is allowed, with the mapping that grants it in words; the API agrees', async () => {
    await page.getByLabel('Find a user').fill('ali');
    await page.getByRole('radio', { name: 'PRIMARY/alice' }).check();
    await page.getByText('Checking for PRIMARY/alice.').waitFor();
    await ask('project:view', 'organization', t.server.home.name);
    const decision = page.getByRole('region', { name: 'Allowed' });
    await decision.waitFor();
    const text = await decision.innerText();
    await screenshot(page, 'access-checker-allowed');

    const answer = await t.server.admin.post('/v1/check', {
      user: 'PRIMARY/alice',
      permission: 'project:view',
      resource: { type: 'organization', id: t.server.home.name },
      explain: true,
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.allowed, true);
    const grant = answer.body.explanation.grant;
    assert.match(
      text,
      new RegExp(
        `Granted by the role ${grant.role.name}, mapped to the group ${grant.group.name} at organization ${t.server.home.name}`,
      ),
    );
    assert.match(text, /PRIMARY\/alice is a member of the group Developer/);
    const facts = Object.fromEntries(
      await decision
        .locator('dl.explanation dt')
        .evaluateAll((terms) => terms.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])),
    );
    assert.deepEqual(facts, {
      Role: grant.role.name,
      Subject: `The group ${grant.group.name}`,
      Level: `organization ${t.server.home.name}`,
      Group: grant.group.name,
      'Permission-tree node': grant.node,
    });
  });

  test('a denial gives the reason in words; the API agrees', async () => {
    await ask('organization:delete', 'organization', t.server.home.name);
    const decision = page.getByRole('region', { name: 'Denied' });
    await decision.waitFor();
    await screenshot(page, 'access-checker-denied');
    const answer = await t.server.admin.post('/v1/check', {
      user: 'PRIMARY/alice',
      permission: 'organization:delete',
      resource: { type: 'organization', id: t.server.home.name },
      explain: true,
    });
    assert.equal(answer.body.allowed, false);
    const reason: string = answer.body.explanation.denial.reason;
    const shown = await decision.locator('.denial').innerText();
    assert.equal(shown.toLowerCase().replace(/\.$/, ''), reason.toLowerCase().replace(/\.$/, ''));
  });

  test('an unknown project is denied with the reason, not an error', async () => {
    await ask('project:view', 'project', `${t.server.home.name}/no-such-project`);
    const decision = page.getByRole('region', { name: 'Denied' });
    await decision.waitFor();
    const answer = await t.server.admin.post('/v1/check', {
      user: 'PRIMARY/alice',
      permission: 'project:view',
      resource: { type: 'project', id: `${t.server.home.name}/no-such-project` },
      explain: true,
    });
    assert.equal(answer.body.allowed, false);
    assert.equal(answer.body.explanation.denial.code, 'UNKNOWN_TARGET');
    assert.match(
      await decision.innerText(),
      new RegExp(answer.body.explanation.denial.reason.slice(1, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
  });

  test('a caller without user:view and role:view is not offered the access checker, and is told why', async () => {
    const { password } = await t.server.user('bob', { groups: ['Developer'] });
    const other = await t.newPage();
    await signIn(other, t.server, 'bob', password);
    const navigation = other.getByRole('navigation', { name: 'Main' });
    await navigation.getByRole('link', { name: 'My access' }).waitFor();
    assert.equal(await navigation.getByRole('link', { name: 'Access checker' }).count(), 0);
    // Reached by its address, the page says so in words instead of showing refusals.
    await other.goto('/console/access-checker');
    await other.getByRole('heading', { name: 'Access checker', level: 1 }).waitFor();
    assert.match(await other.locator('main').innerText(), /Your roles do not include this page/);
    assert.equal(await other.locator('[data-problem="forbidden"]').count(), 0);
    await screenshot(other, 'access-checker-not-offered');
    const answer = await other.request.get('/v1/users?name=ali');
    assert.equal(answer.status(), 403);
  });
});
