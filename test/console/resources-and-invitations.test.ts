import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { assertAccessible } from './axe.js';
import { type ConsoleTest, type Page, screenshot, signIn, startConsoleTest } from './harness.js';

const PENDING = 30;

describe('console: APIs and resources, invitations and the organization switcher (Akana)', () => {
  let t: ConsoleTest;
  let page: Page;
  before(async () => {
    t = await startConsoleTest({ preset: 'akana' });
    await t.server.user('bob');
    page = await t.newPage();
    await signIn(page, t.server);
  });
  after(() => t?.close());

  const resource = (name: string) => t.server.store.engine.resources().find((r) => r.name === name);

  test('an API is created, made private, opened to anonymous access, and its administrators managed', async () => {
    await page.getByRole('link', { name: 'APIs and resources' }).click();
    await page.getByRole('heading', { name: 'APIs and resources', level: 1 }).waitFor();
    await page.getByText('There are no resources in this organization yet.').waitFor();
    await assertAccessible(page, 'the empty resources page');

    const form = page.getByRole('form', { name: 'Create a resource' });
    await form.getByLabel('Type').fill('api');
    await form.getByLabel('Name', { exact: true }).fill('payments');
    await form.getByRole('button', { name: 'Create resource' }).click();
    await form.getByRole('status').filter({ hasText: 'Created api payments.' }).waitFor();
    assert.equal(resource('payments')?.private, false);

    const table = page.getByRole('table', { name: `Resources of ${t.server.home.name}` });
    await table.getByRole('button', { name: 'Make private: payments' }).click();
    await page.getByRole('status').filter({ hasText: 'payments is now private.' }).waitFor();
    assert.equal(resource('payments')?.private, true);
    await table.getByRole('button', { name: 'Allow anonymous access to payments' }).click();
    await page.getByRole('status').filter({ hasText: 'Anonymous access to payments is now allowed.' }).waitFor();
    assert.equal(resource('payments')?.anonymousAccess, true);
    await table.getByRole('button', { name: 'Refuse anonymous access to payments' }).waitFor();

    // The new API is the chosen one; its creator is its first administrator (Akana's API Administrator on it).
    assert.equal(
      await table.getByRole('button', { name: 'payments', exact: true }).getAttribute('aria-pressed'),
      'true',
    );
    const admins = page.getByRole('region', { name: 'Administrators of payments' });
    await admins.getByRole('listitem', { name: 'Administrator PRIMARY/admin' }).waitFor();
    const add = admins.getByRole('form', { name: 'Add an administrator to payments' });
    await add.getByLabel('Username').fill('bob');
    await add.getByRole('button', { name: 'Add administrator' }).click();
    await admins.getByRole('listitem', { name: 'Administrator PRIMARY/bob' }).waitFor();
    await assertAccessible(page, 'an API with two administrators');

    await admins
      .getByRole('listitem', { name: 'Administrator PRIMARY/bob' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await admins.getByRole('button', { name: 'Yes, remove' }).click();
    await admins.getByRole('status').filter({ hasText: 'PRIMARY/bob no longer administers payments.' }).waitFor();
    // The list is read again after the removal is said to be done.
    await admins.getByRole('listitem', { name: 'Administrator PRIMARY/bob' }).waitFor({ state: 'detached' });

    // The last administrator stays: the server refuses, the page says why.
    await admins
      .getByRole('listitem', { name: 'Administrator PRIMARY/admin' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await admins.getByRole('button', { name: 'Yes, remove' }).click();
    await admins.getByRole('alert').waitFor();
    await admins.getByRole('listitem', { name: 'Administrator PRIMARY/admin' }).waitFor();

    const invite = admins.getByRole('form', { name: 'Invite an administrator of payments' });
    await invite.getByLabel('Email').fill('carol@example.com');
    await invite.getByRole('button', { name: 'Invite administrator' }).click();
    await invite.getByRole('status').filter({ hasText: 'Invited carol@example.com to administer payments.' }).waitFor();
    await screenshot(page, 'resources');
  });

  test('pending invitations are listed with names, counted, sorted, and one is revoked', async () => {
    const created = await t.server.admin.post(`/v1/organizations/${t.server.home.id}/groups`, { name: 'Partners' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const group = (created.body as { group: { id: string; name: string } }).group;
    for (let i = 0; i < PENDING - 1; i++) {
      const email = `user${String(i).padStart(2, '0')}@example.com`;
      const answer = await t.server.admin.post('/v1/invitations', { email, group: group.id });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
    }

    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('heading', { name: 'Invitations', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: `Invitations of ${t.server.home.name}` });
    await table.waitFor();
    await page
      .getByTestId('range')
      .filter({ hasText: `1–25 of ${PENDING}` })
      .waitFor();
    // Newest first: the first page holds the latest 25 invitations.
    assert.match(await table.getByRole('row').nth(1).innerText(), /^user28@example\.com/);
    await assertAccessible(page, 'the pending invitations');

    // Sorted by email: ascending, then descending.
    const email = table.getByRole('columnheader', { name: 'Email' });
    await email.getByRole('button').click();
    assert.equal(await email.getAttribute('aria-sort'), 'ascending');
    assert.match(await table.getByRole('row').nth(1).innerText(), /^carol@example\.com/);
    const carol = table.getByRole('row').filter({ hasText: 'carol@example.com' });
    assert.match(await carol.innerText(), /API Administrator on api payments/);
    assert.match(
      await table.getByRole('row').filter({ hasText: 'user00@example.com' }).innerText(),
      new RegExp(`Group ${group.name}`),
    );
    await email.getByRole('button').click();
    assert.equal(await email.getAttribute('aria-sort'), 'descending');
    assert.match(await table.getByRole('row').nth(1).innerText(), /^user28@example\.com/);
    await page.getByRole('button', { name: 'Next' }).click();
    await page
      .getByTestId('range')
      .filter({ hasText: `26–${PENDING} of ${PENDING}` })
      .waitFor();
    assert.match(await table.getByRole('row').last().innerText(), /^carol@example\.com/);

    await carol.getByRole('button', { name: 'Revoke' }).click();
    await carol.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked the invitation of carol@example.com.' }).waitFor();
    await page
      .getByTestId('range')
      .filter({ hasText: `of ${PENDING - 1}` })
      .waitFor();
    const revoked = await t.server.admin.get(`/v1/invitations?organization=${t.server.home.id}&status=revoked`);
    assert.deepEqual(
      (revoked.body as { items: { email: string }[] }).items.map((i) => i.email),
      ['carol@example.com'],
    );

    // The revoked one, with the column the picker adds.
    await page.getByRole('combobox', { name: 'Status' }).selectOption('revoked');
    await table.getByRole('row').filter({ hasText: 'carol@example.com' }).waitFor();
    await page.getByText('Columns', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'Accepted or revoked' }).check();
    await table.getByRole('columnheader', { name: 'Accepted or revoked' }).waitFor();
    await assertAccessible(page, 'the revoked invitations with the column picker open');
    await screenshot(page, 'invitations');
  });

  test('the organization switcher shows business organizations under their root, and finds one beyond the first 200', async () => {
    // Business organizations under the home (root) organization, one with two of its own.
    const organization = (name: string, parent: string = t.server.home.id) => ({
      op: 'organization.put' as const,
      organization: { id: randomUUID(), name, parent, requireTwoFactor: false, adminRole: null },
    });
    const acme = organization('acme');
    await t.server.write([
      acme,
      organization('acme-retail', acme.organization.id),
      organization('acme-wholesale', acme.organization.id),
      ...Array.from({ length: 200 }, (_, i) => organization(`filler-${String(i).padStart(3, '0')}`)),
      organization('zeta-corp'),
    ]);
    await page.reload();
    const switcher = page.getByLabel('Organization', { exact: true });
    await switcher.locator('option', { hasText: 'acme-retail' }).waitFor({ state: 'attached' });
    const options = await switcher.locator('option').allTextContents();
    assert.equal(options[0], t.server.home.name, 'the root first, by its name');
    const at = options.findIndex((o) => o.trim() === '↳ acme');
    assert.ok(at > 0, 'a business organization under the root');
    assert.deepEqual(
      options.slice(at + 1, at + 3).map((o) => o.trim()),
      ['↳ acme-retail', '↳ acme-wholesale'],
    );
    const indent = (o: string) => o.length - o.trimStart().length;
    assert.ok(indent(options[at + 1]!) > indent(options[at]!), 'one level deeper than its parent');
    assert.equal(
      options.some((o) => o.includes('zeta-corp')),
      false,
      'beyond the first 200',
    );

    await page.getByRole('searchbox', { name: 'Find an organization' }).fill('zeta');
    await page.getByRole('list', { name: 'Organizations found' }).getByRole('button', { name: 'zeta-corp' }).click();
    await switcher.locator('option:checked', { hasText: 'zeta-corp' }).waitFor({ state: 'attached' });
    await assertAccessible(page, 'the switcher after a search');
    // The choice survives a reload, though the list still stops at 200.
    await page.reload();
    await switcher.locator('option:checked', { hasText: 'zeta-corp' }).waitFor({ state: 'attached' });
  });
});
