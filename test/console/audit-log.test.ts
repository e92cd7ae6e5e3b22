import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible } from './axe.js';
import { type ConsoleTest, type Page, PHONE, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: audit log', () => {
  let t: ConsoleTest;
  let page: Page;
  before(async () => {
    t = await startConsoleTest();
    // Writes by two actors: the admin creates and renames a project, another administrator creates one.
    const created = await t.server.admin.post(`/v1/organizations/${t.server.home.id}/projects`, { name: 'ledger' });
    assert.equal(created.status, 201);
    const renamed = await t.server.admin.patch(`/v1/projects/${created.body.project.id}`, { name: 'ledger-2' });
    assert.equal(renamed.status, 200);
    const auditor = await t.server.user('auditor', { groups: ['Admin'] });
    assert.equal(
      (await auditor.client.post(`/v1/organizations/${t.server.home.id}/projects`, { name: 'audited' })).status,
      201,
    );
    page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  });
  after(() => t.close());

  const entries = () =>
    page
      .getByRole('list', { name: 'Audit entries' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: /^(Show|Hide)/ }) });

  test('a write made in the test is listed, and opens to its fields before and after', async () => {
    const rename = page.getByRole('listitem', { name: 'project.update by PRIMARY/admin' });
    await rename.getByRole('button', { name: 'Show changes (1)' }).click();
    assert.equal(await rename.getByRole('button', { name: 'Hide changes' }).getAttribute('aria-expanded'), 'true');
    const changes = await rename.locator('.audit-details').innerText();
    assert.match(changes, /project ledger-2 changed/);
    assert.match(changes, /name: ledger → ledger-2/);
    assert.match(changes, /2 other fields unchanged/);
    assert.doesNotMatch(changes, /[{}"]/, 'no raw JSON');

    const creation = page.getByRole('listitem', { name: 'project.create by PRIMARY/admin' });
    await creation.getByRole('button', { name: 'Show changes (1)' }).click();
    const created = await creation.locator('.audit-details').innerText();
    assert.match(created, /project ledger created/);
    assert.match(created, /name: ledger/);
    await screenshot(page, 'audit-log');

    // The same entries the API answers, newest first.
    const log = await t.server.admin.get('/v1/audit?limit=25');
    assert.equal(await entries().count(), log.body.items.length);
    assert.equal(
      log.body.items.find((e: { action: string }) => e.action === 'project.update').effects[0].after.name,
      'ledger-2',
    );
  });

  test('filtering by action; a changed list shows only what was added and removed; targets are named', async () => {
    const role = await t.server.admin.post('/v1/roles', {
      name: 'Ledger keeper',
      organization: t.server.home.id,
      permissions: ['project:view', 'project:delete'],
    });
    assert.equal(role.status, 201, JSON.stringify(role.body));
    const changed = await t.server.admin.patch(`/v1/roles/${role.body.role.id}`, {
      permissions: ['project:view', 'project:edit'],
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    // The API names each entry's target as it is now.
    const log = await t.server.admin.get('/v1/audit?action=role.update&limit=5');
    assert.equal(log.status, 200);
    assert.deepEqual(
      log.body.items.map((e: { action: string; targetName: string | null }) => [e.action, e.targetName]),
      [['role.update', 'Ledger keeper']],
    );

    await page.reload();
    const filters = page.getByRole('search', { name: 'Filter the audit log' });
    await filters.getByLabel('Action').fill('role.update');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await entries().first().getByRole('button', { name: /^Show/ }).waitFor();
    assert.equal(await entries().count(), 1);
    const entry = page.getByRole('listitem', { name: 'role.update by PRIMARY/admin' });
    assert.match(await entry.innerText(), /role Ledger keeper/);
    await entry.getByRole('button', { name: /^Show changes/ }).click();
    const details = await entry.locator('.audit-details').innerText();
    assert.match(details, /permissions: added project:edit; removed project:delete/);
    assert.doesNotMatch(details, /project:view/, 'the unchanged item is not repeated');
    await assertAccessible(page, 'the audit log filtered by action, one entry open');
    await filters.getByRole('button', { name: 'Clear filters' }).click();
  });

  test('filtering by actor narrows the list to that actor’s entries', async () => {
    const before = await entries().count();
    const filters = page.getByRole('search', { name: 'Filter the audit log' });
    await filters.getByLabel('Actor').fill('auditor');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('listitem', { name: 'project.update by PRIMARY/admin' }).waitFor({ state: 'detached' });
    await page.getByRole('listitem', { name: 'project.create by PRIMARY/auditor' }).waitFor();
    const labels = await entries().evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')));
    assert.ok(labels.length > 0 && labels.length < before);
    for (const label of labels) assert.match(label ?? '', / by PRIMARY\/auditor$/);
    const log = await t.server.admin.get('/v1/audit?actor=auditor&limit=25');
    assert.equal(labels.length, log.body.items.length);
    await page.setViewportSize(PHONE);
    await screenshot(page, 'audit-log-phone');
  });

  test('an unknown actor is refused in words, in place', async () => {
    const filters = page.getByRole('search', { name: 'Filter the audit log' });
    await filters.getByLabel('Actor').fill('nobody-here');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /nobody-here/);
    assert.doesNotMatch(text, /[{}]|problems\//, 'no raw JSON');
  });
});
