import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, type Page, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: an edit made against a stale role is refused, not lost', () => {
  let t: ConsoleTest;
  let page: Page;
  let roleId: string;
  before(async () => {
    t = await startConsoleTest();
    const created = await t.server.admin.post('/v1/roles', { name: 'Shared editors', permissions: ['api:create'] });
    assert.equal(created.status, 201);
    roleId = created.body.role.id;
    page = await t.newPage();
    await signIn(page, t.server);
  });
  after(() => t.close());

  test('saving permissions after someone else changed the role shows "changed by someone else" and keeps their change', async () => {
    const sent: (string | null)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') sent.push(request.headers()['if-match'] ?? null);
    });
    await page.goto(`/console/roles/${roleId}`);
    await page.getByRole('heading', { name: 'Shared editors', level: 2 }).waitFor();
    const form = page.getByRole('form', { name: 'Permissions' });
    await form.locator('[role="treeitem"][data-key="api"] .permission-fold').click();

    // Another admin adds a permission while the page is open.
    const other = await t.server.admin.patch(`/v1/roles/${roleId}`, { permissions: ['api:create', 'api:publish'] });
    assert.equal(other.status, 200);

    await form.getByRole('checkbox', { name: 'api:delete', exact: true }).check();
    await form.getByRole('button', { name: 'Save permissions' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-problem'), 'precondition-failed');
    assert.match(await alert.innerText(), /changed by someone else[\s\S]*Reload/);
    await screenshot(page, 'roles-stale-edit');
    assert.equal(sent.length, 1);
    assert.match(sent[0] ?? '', /^"\d+"$/, 'the console sent the ETag it loaded');
    // Nothing of the other admin's change was lost.
    const role = await t.server.admin.get(`/v1/roles/${roleId}`);
    assert.deepEqual([...role.body.permissions].sort(), ['api:create', 'api:publish']);

    // After a reload, the same edit goes through on top of theirs.
    await page.reload();
    await page.getByRole('heading', { name: 'Shared editors', level: 2 }).waitFor();
    const fresh = page.getByRole('form', { name: 'Permissions' });
    await fresh.locator('[role="treeitem"][data-key="api"] .permission-fold').click();
    await fresh.getByRole('checkbox', { name: 'api:delete', exact: true }).check();
    await fresh.getByRole('button', { name: 'Save permissions' }).click();
    await fresh.getByRole('status').filter({ hasText: 'Saved the permissions of Shared editors.' }).waitFor();
    const saved = await t.server.admin.get(`/v1/roles/${roleId}`);
    assert.deepEqual([...saved.body.permissions].sort(), ['api:create', 'api:delete', 'api:publish']);
  });

  test('renaming an organization someone else renamed meanwhile is refused with "changed by someone else"', async () => {
    const created = await t.server.admin.post('/v1/organizations', { name: 'shared-org' });
    assert.equal(created.status, 201);
    const id = created.body.organization.id as string;
    const read = page.waitForResponse(
      (response) => response.request().method() === 'GET' && response.url().endsWith(`/v1/organizations/${id}`),
    );
    await page.goto('/console/organizations');
    await page.getByRole('navigation', { name: 'Organizations' }).getByRole('button', { name: 'shared-org' }).click();
    await page.getByRole('heading', { name: 'shared-org', level: 2 }).waitFor();
    await read; // the rename form read the organization's version

    const other = await t.server.admin.patch(`/v1/organizations/${id}`, { name: 'renamed-by-other' });
    assert.equal(other.status, 200);

    const rename = page.getByRole('form', { name: 'Rename' });
    await rename.getByLabel('New name').fill('renamed-by-me');
    await rename.getByRole('button', { name: 'Rename' }).click();
    const alert = rename.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-problem'), 'precondition-failed');
    assert.equal((await t.server.admin.get(`/v1/organizations/${id}`)).body.name, 'renamed-by-other');
  });
});
