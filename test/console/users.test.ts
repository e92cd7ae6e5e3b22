import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, type Page, PHONE, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: users', () => {
  let t: ConsoleTest;
  let page: Page;
  let home: string;
  let alice: { id: string };
  let bob: { id: string };

  before(async () => {
    t = await startConsoleTest();
    home = t.server.home.name;
    alice = (await t.server.user('alice', { groups: ['Developer'] })).user;
    bob = (await t.server.user('bob')).user;
    page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
  });
  after(() => t.close());

  const search = () => page.getByRole('search', { name: 'Search users' });
  const rowOf = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

  test('the list shows the users the API lists', async () => {
    const table = page.getByRole('table', { name: 'Users' });
    await table.getByRole('link', { name: 'PRIMARY/bob' }).waitFor();
    const listed = await t.server.admin.get('/v1/users?limit=25');
    const shown = await table.getByRole('link').allInnerTexts();
    assert.deepEqual(
      shown,
      listed.body.items.map((u: { store: string; username: string }) => `${u.store}/${u.username}`),
    );
    await screenshot(page, 'users');
  });

  test("each user's number of groups is shown and sorted on a click, with the total", async () => {
    const table = page.getByRole('table', { name: 'Users' });
    const groupsOf = (name: string) => rowOf(name).locator('td[data-label="Groups"]').innerText();
    assert.equal(await groupsOf('PRIMARY/alice'), '1');
    assert.equal(await groupsOf('PRIMARY/bob'), '0');
    const total = (await t.server.admin.get('/v1/users?limit=500')).body.items.length as number;
    assert.equal(await page.getByTestId('range').innerText(), `1–${total} of ${total}`);
    // A count sorts highest first: bob, in no group, comes last.
    await table.getByRole('button', { name: 'Groups', exact: true }).click();
    assert.equal(await table.getByRole('columnheader', { name: 'Groups' }).getAttribute('aria-sort'), 'descending');
    assert.equal(await table.locator('tbody tr').last().getByRole('link').innerText(), 'PRIMARY/bob');
    await table.getByRole('button', { name: 'User', exact: true }).click();
  });

  test('searching by name and status narrows the list as the API does', async () => {
    await search().getByLabel('Name').fill('ali');
    await search().getByRole('button', { name: 'Search' }).click();
    const table = page.getByRole('table', { name: 'Matching users' });
    await table.waitFor();
    // One row left: no second row, and a first. Locators, not an evaluated string, which the
    // console's Content-Security-Policy (no 'unsafe-eval') may refuse.
    await table.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
    await table.locator('tbody tr').first().waitFor();
    assert.deepEqual(await table.getByRole('link').allInnerTexts(), ['PRIMARY/alice']);
    const listed = await t.server.admin.get('/v1/users?name=ali');
    assert.deepEqual(
      listed.body.items.map((u: { id: string }) => u.id),
      [alice.id],
    );

    await search().getByLabel('Status').selectOption('disabled');
    await search().getByRole('button', { name: 'Search' }).click();
    await page.getByText('No user matches this search.').waitFor();
    await search().getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('table', { name: 'Users' }).getByRole('link', { name: 'PRIMARY/bob' }).waitFor();
  });

  test('disabling and enabling bob changes his status in the API', async () => {
    await rowOf('PRIMARY/bob').getByRole('button', { name: 'Disable' }).click();
    await rowOf('PRIMARY/bob').getByRole('button', { name: 'Yes, disable' }).click();
    await page.getByRole('status').filter({ hasText: 'PRIMARY/bob is now disabled.' }).waitFor();
    await rowOf('PRIMARY/bob').getByText('Disabled', { exact: true }).waitFor();
    assert.equal((await t.server.admin.get(`/v1/users/${bob.id}`)).body.status, 'disabled');

    await rowOf('PRIMARY/bob').getByRole('button', { name: 'Enable PRIMARY/bob' }).click();
    await page.getByRole('status').filter({ hasText: 'PRIMARY/bob is now enabled.' }).waitFor();
    assert.equal((await t.server.admin.get(`/v1/users/${bob.id}`)).body.status, 'active');
  });

  test('disabling the last admin is refused in words, in place', async () => {
    await rowOf('PRIMARY/admin').getByRole('button', { name: 'Disable' }).click();
    await rowOf('PRIMARY/admin').getByRole('button', { name: 'Yes, disable' }).click();
    const alert = page.locator('main').getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.equal(text.trim(), `This would leave organization "${home}" without an active "Admin".`);
    assert.doesNotMatch(text, /[{}]|problems\//, 'no raw JSON');
    await screenshot(page, 'users-refused');
    assert.equal((await t.server.admin.get('/v1/users/admin')).body.status, 'active');
  });

  test('inviting by email shows the acceptance link, which the API knows', async () => {
    const form = page.getByRole('form', { name: 'Invite by email' });
    await form.getByLabel('Email').fill('carol@example.com');
    await form.getByLabel('Group').selectOption({ label: 'Developer' });
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await form.getByRole('status').filter({ hasText: 'Invited carol@example.com to the group Developer' }).waitFor();
    const link = await form.getByLabel('Acceptance link').inputValue();
    assert.match(link, /\/console\/accept-invitation\?token=/);
    await screenshot(page, 'users-invited');
    const token = new URL(link).searchParams.get('token')!;
    const lookup = await t.server.anonymous.get(`/v1/invitations/lookup?token=${encodeURIComponent(token)}`);
    assert.equal(lookup.status, 200);
    assert.equal(lookup.body.email, 'carol@example.com');
    assert.equal(lookup.body.group.name, 'Developer');
    assert.equal(lookup.body.organization.id, t.server.home.id);
    assert.equal(lookup.body.status, 'pending');
  });

  test("a user's page shows groups, mappings by level, and effective access with explanations", async () => {
    await rowOf('PRIMARY/alice').getByRole('link', { name: 'PRIMARY/alice' }).click();
    await page.getByRole('heading', { name: 'PRIMARY/alice', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('user'), alice.id);
    await page
      .getByRole('table', { name: 'Groups of PRIMARY/alice' })
      .getByRole('link', { name: 'Developer' })
      .waitFor();
    const organizationLevel = page.getByRole('table', { name: 'Organization level' });
    await organizationLevel
      .getByRole('row')
      .filter({ hasText: 'Developer' })
      .filter({ hasText: 'The group Developer' })
      .waitFor();

    const access = page.getByRole('region', { name: 'Effective access' });
    assert.equal(
      await access.getByLabel('Target', { exact: true }).inputValue(),
      home,
      'the current organization is the first target',
    );
    await access.getByRole('button', { name: 'Show effective access' }).click();
    const held = await t.server.admin.post('/v1/permissions-at', {
      user: alice.id,
      resource: { type: 'organization', id: t.server.home.id },
      explain: true,
    });
    assert.equal(held.status, 200);
    const count = held.body.permissions.length as number;
    assert.ok(count > 0);
    await access
      .getByRole('status')
      .filter({ hasText: `PRIMARY/alice holds ${count} permissions at organization ${home}.` })
      .waitFor();
    const list = access.getByRole('list', { name: `Permissions of PRIMARY/alice at organization ${home}` });
    const shownKeys = await list.locator('li > code').allInnerTexts();
    assert.deepEqual(
      shownKeys,
      held.body.permissions.slice(0, 50).map((p: { key: string }) => p.key),
    );
    const edit = list.getByRole('listitem').filter({ has: page.locator('code', { hasText: /^project:edit$/ }) });
    const grant = held.body.permissions.find((p: { key: string }) => p.key === 'project:edit').grant;
    assert.equal(
      (await edit.locator('p').innerText()).trim(),
      `The role Developer is mapped at organization ${home} to the group Developer (PRIMARY/alice is a member); it grants the permission-tree node ${grant.node}${grant.node === 'project:edit' ? '' : ', which covers project:edit'}.`,
    );
    await screenshot(page, 'users-alice');
  });

  test('the pages work at phone width', async () => {
    const phone = await t.newPage(PHONE);
    await signIn(phone, t.server);
    await phone.goto(`/console/users?user=${alice.id}`);
    await phone.getByRole('heading', { name: 'PRIMARY/alice', level: 1 }).waitFor();
    await phone.getByRole('table', { name: 'Organization level' }).waitFor();
    const width = await phone.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
    await screenshot(phone, 'users-phone');
  });
});
