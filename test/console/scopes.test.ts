import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible } from './axe.js';
import { type ConsoleTest, type Page, PHONE, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: scopes', () => {
  let t: ConsoleTest;
  let page: Page;
  before(async () => {
    t = await startConsoleTest();
    // The default preset brings no scopes: a few, as WSO2 API Manager names them.
    for (const [scope, roles] of [
      ['apim:api_create', ['Admin']],
      ['apim:api_view', ['Admin', 'Developer']],
      ['apim:subscribe', ['API Subscriber']],
    ] as const) {
      const answer = await t.server.admin.put(`/v1/scopes/${encodeURIComponent(scope)}`, { roles });
      assert.equal(answer.status, 201);
    }
    page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'Scopes' }).click();
    await page.getByRole('heading', { name: 'Scopes', level: 1 }).waitFor();
  });
  after(() => t.close());

  const matrix = () => page.getByRole('table', { name: 'Roles allowed each scope' });
  const cell = (scope: string, role: string) =>
    matrix().getByRole('row').filter({ hasText: scope }).locator(`td[data-label="${role}"]`);

  test('the matrix shows ✓ where a role is allowed a scope, and filters by role', async () => {
    await cell('apim:api_create', 'Admin').filter({ hasText: '✓' }).waitFor();
    assert.doesNotMatch(await cell('apim:api_create', 'Developer').innerText(), /✓/);
    assert.match(await cell('apim:api_view', 'Developer').innerText(), /✓/);

    const filters = page.getByRole('search', { name: 'Filter scopes' });
    await filters.getByLabel('Role').selectOption({ label: 'Developer' });
    await matrix().getByRole('row').filter({ hasText: 'apim:subscribe' }).waitFor({ state: 'detached' });
    const rows = await matrix().locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, /apim:api_view/);
    assert.deepEqual(await matrix().locator('thead th').allInnerTexts(), ['Scope', 'Developer']);
    await filters.getByLabel('Role').selectOption({ label: 'All roles' });
    await matrix().getByRole('row').filter({ hasText: 'apim:subscribe' }).waitFor();
  });

  test('the matrix scrolls in a focusable region, its header row and scope column sticky; axe finds nothing serious', async () => {
    await cell('apim:api_create', 'Admin').filter({ hasText: '✓' }).waitFor();
    const region = page.getByRole('region', { name: 'Roles and scopes' });
    await region.focus();
    assert.equal(await region.evaluate((e) => e === e.ownerDocument.activeElement), true);
    const position = (selector: string) =>
      matrix()
        .locator(selector)
        .first()
        .evaluate((e) => e.ownerDocument.defaultView?.getComputedStyle(e).position);
    assert.equal(await position('thead th[scope="col"]'), 'sticky');
    assert.equal(await position('tbody th[scope="row"]'), 'sticky');
    await assertAccessible(page, 'the roles × scopes matrix');
  });

  test('picking a scope for a role allows it, in the matrix and in the API', async () => {
    const form = page.getByRole('form', { name: 'Pick scopes for a role' });
    await form.getByLabel('Role', { exact: true }).selectOption({ label: 'Developer' });
    await form.getByRole('checkbox', { name: 'apim:api_create' }).check();
    await form.getByRole('button', { name: 'Allow picked scopes' }).click();
    await form.getByRole('status').filter({ hasText: 'Allowed Developer the scope apim:api_create.' }).waitFor();
    await cell('apim:api_create', 'Developer').filter({ hasText: '✓' }).waitFor();
    // Already allowed now: the checkbox shows it and cannot be picked again.
    assert.equal(await form.getByRole('checkbox', { name: 'apim:api_create' }).isDisabled(), true);
    await screenshot(page, 'scopes');

    const scope = await t.server.admin.get('/v1/scopes/apim%3Aapi_create');
    assert.equal(scope.status, 200);
    assert.deepEqual(scope.body.roles.map((r: { name: string }) => r.name).sort(), ['Admin', 'Developer']);
  });

  test('mapping a new role to an existing role gives it that role’s scopes', async () => {
    await page.getByRole('radio', { name: 'Map a new role to an existing role' }).check();
    const form = page.getByRole('form', { name: 'Map a new role to an existing role' });
    await form.getByLabel('New role name').fill('API Viewer');
    await form.getByLabel('Existing role').selectOption({ label: 'Developer' });
    await form.getByRole('button', { name: 'Create mapped role' }).click();
    await form.getByRole('status').filter({ hasText: 'Created role API Viewer, mapped to Developer' }).waitFor();
    await cell('apim:api_view', 'API Viewer')
      .filter({ hasText: /✓.*through Developer/ })
      .waitFor();
    await page.setViewportSize(PHONE);
    await screenshot(page, 'scopes-phone');

    const role = await t.server.admin.get('/v1/roles/API%20Viewer');
    const developer = await t.server.admin.get('/v1/roles/Developer');
    assert.equal(role.status, 200);
    assert.deepEqual(role.body.includes, [developer.body.id]);
    const allowed = await t.server.admin.get('/v1/scopes?role=API%20Viewer');
    assert.deepEqual(
      allowed.body.items.map((s: { name: string }) => s.name),
      ['apim:api_create', 'apim:api_view'],
    );
  });
});
