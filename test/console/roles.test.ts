import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, type Page, PHONE, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: roles', () => {
  let t: ConsoleTest;
  let page: Page;
  before(async () => {
    t = await startConsoleTest();
    page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'Roles', exact: true }).click();
  });
  after(() => t.close());

  const isIndeterminate = (name: string) =>
    page
      .getByRole('checkbox', { name, exact: true })
      .evaluate((input) => (input as unknown as { indeterminate: boolean }).indeterminate);

  test('the list shows the roles usable here, with their badges', async () => {
    const table = page.getByRole('table', { name: `Roles usable in ${t.server.home.name}` });
    await table.getByRole('link', { name: 'Admin', exact: true }).waitFor();
    const listed = await t.server.admin.get(`/v1/roles?organization=${t.server.home.id}`);
    const shown = await table.getByRole('link').allInnerTexts();
    assert.deepEqual(
      shown,
      listed.body.items.map((r: { name: string }) => r.name),
    );
    const deprecated = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Environment Manager' }) });
    assert.match(await deprecated.innerText(), /Predefined[\s\S]*Deprecated[\s\S]*Defined at the root/);
    await screenshot(page, 'roles');
  });

  test('creating a role with the permission tree grants what was ticked', async () => {
    await page.getByRole('link', { name: 'Create a role' }).click();
    const form = page.getByRole('form', { name: 'Create a role', exact: true });
    await form.getByLabel('Name', { exact: true }).fill('Catalogue editor');

    // Ticking a parent ticks its subtree.
    await form.getByRole('checkbox', { name: 'api', exact: true }).check();
    await form.locator('[role="treeitem"][data-key="api"] .permission-fold').click();
    assert.equal(await form.getByRole('checkbox', { name: 'api:create', exact: true }).isChecked(), true);
    assert.equal(await form.getByRole('checkbox', { name: 'api:delete', exact: true }).isChecked(), true);
    assert.equal(await isIndeterminate('All permissions'), true, 'the root is partly ticked');

    // Unticking one child leaves the parent partly ticked.
    await form.getByRole('checkbox', { name: 'api:delete', exact: true }).uncheck();
    assert.equal(await form.getByRole('checkbox', { name: 'api', exact: true }).isChecked(), false);
    assert.equal(await isIndeterminate('api'), true);

    // The search narrows the tree to what matches, with its ancestors.
    await form.getByLabel('Search permissions').fill('payment method');
    await form.getByRole('checkbox', { name: 'billing:payment-method:view', exact: true }).check();
    assert.equal(await form.getByRole('checkbox', { name: 'api:create', exact: true }).count(), 0);
    assert.equal(await isIndeterminate('billing'), true);
    await form.getByLabel('Search permissions').fill('');
    await screenshot(page, 'roles-create');

    await form.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { name: 'Catalogue editor', level: 2 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Created role Catalogue editor.' }).waitFor();

    const answer = await t.server.admin.get(
      `/v1/roles/${encodeURIComponent('Catalogue editor')}?organization=${t.server.home.id}`,
    );
    assert.equal(answer.status, 200);
    assert.equal(answer.body.organization, t.server.home.id);
    assert.deepEqual([...answer.body.permissions].sort(), [
      'api:create',
      'api:discover',
      'api:manage',
      'api:publish',
      'api:subscription-plan',
      'api:test',
      'billing:payment-method:view',
    ]);
    // The saved role reads back into the tree as it was ticked.
    assert.equal(await isIndeterminate('api'), true);
    assert.equal(await page.getByRole('region', { name: 'Delete' }).getByText('is predefined').count(), 0);
  });

  test('editing the permissions saves the new set', async () => {
    const form = page.getByRole('form', { name: 'Permissions' });
    await form.locator('[role="treeitem"][data-key="api"] .permission-fold').click();
    await form.getByRole('checkbox', { name: 'api:delete', exact: true }).check();
    assert.equal(
      await form.getByRole('checkbox', { name: 'api', exact: true }).isChecked(),
      true,
      'every child ticked ticks the parent',
    );
    await form.getByRole('button', { name: 'Save permissions' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved the permissions of Catalogue editor.' }).waitFor();
    const answer = await t.server.admin.get(
      `/v1/roles/${encodeURIComponent('Catalogue editor')}?organization=${t.server.home.id}`,
    );
    assert.deepEqual([...answer.body.permissions].sort(), ['api', 'billing:payment-method:view']);
  });

  test('renaming the role keeps its id', async () => {
    const id = (
      await t.server.admin.get(`/v1/roles/${encodeURIComponent('Catalogue editor')}?organization=${t.server.home.id}`)
    ).body.id as string;
    const rename = page.getByRole('form', { name: 'Rename' });
    await rename.getByLabel('New name').fill('Catalogue editors');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await rename.getByRole('status').filter({ hasText: 'Renamed to Catalogue editors.' }).waitFor();
    await page.getByRole('heading', { name: 'Catalogue editors', level: 2 }).waitFor();
    assert.equal((await t.server.admin.get(`/v1/roles/${id}`)).body.name, 'Catalogue editors');
  });

  test('a predefined role offers a copy into a custom role, and no Delete the server would refuse', async () => {
    await page.getByRole('link', { name: 'Back to the roles' }).click();
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('heading', { name: 'Admin', level: 2 }).waitFor();
    // Users with this role: the bootstrapped admin holds it.
    await page.getByRole('table', { name: 'Users with Admin' }).getByRole('cell', { name: 'PRIMARY/admin' }).waitFor();

    const copy = page.getByRole('form', { name: 'Copy into a custom role' });
    await copy.getByText('Admin is predefined: the server keeps it as it is.').waitFor();
    await copy.getByRole('button', { name: 'Copy into a custom role' }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Delete' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Delete role' }).count(), 0);
    await screenshot(page, 'roles-predefined');
    const admin = await t.server.admin.get(`/v1/roles/Admin?organization=${t.server.home.id}`);
    assert.equal(admin.status, 200);

    await page.setViewportSize(PHONE);
    await screenshot(page, 'roles-phone');
  });
});
