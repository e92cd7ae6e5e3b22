import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, type Page, PHONE, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: project access', () => {
  let t: ConsoleTest;
  let page: Page;
  let projectId: string;
  before(async () => {
    t = await startConsoleTest();
    const created = await t.server.admin.post(`/v1/organizations/${t.server.home.id}/projects`, { name: 'web' });
    assert.equal(created.status, 201);
    projectId = created.body.project.id;
    page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'Project access' }).click();
    await page.getByRole('heading', { name: 'Project access', level: 1 }).waitFor();
  });
  after(() => t.close());

  const path = () => `${t.server.home.name}/web`;

  test('an organization-level mapping shows as inherited, with the precedence note', async () => {
    await page
      .getByRole('navigation', { name: `Projects of ${t.server.home.name}` })
      .getByRole('button', { name: 'web' })
      .click();
    await page.getByRole('heading', { name: path(), level: 2 }).waitFor();
    assert.match(await page.getByRole('note').innerText(), /Organization-level grants take precedence/);
    const inherited = page.getByRole('table', { name: `Inherited role mappings reaching ${path()}` });
    const adminRow = inherited.getByRole('row').filter({ hasText: 'Group Admin' });
    await adminRow.waitFor();
    assert.match(await adminRow.innerText(), /Admin\s+Group Admin\s+Inherited organization/);
    await page.getByText('No role is mapped at this project itself').waitFor();
    const access = await t.server.admin.get(`/v1/projects/${projectId}/access`);
    const admin = access.body.mappings.find((m: { subject: { name: string } }) => m.subject.name === 'Admin');
    assert.equal(admin.inherited, true);
  });

  test('granting a group a role at the project maps it there, and the API has the mapping', async () => {
    const form = page.getByRole('form', { name: `Grant a group a role at ${path()}` });
    await form.getByLabel('Group', { exact: true }).selectOption({ label: 'Developer' });
    await form.getByLabel('Role at the project').selectOption({ label: 'Developer' });
    await form.getByRole('button', { name: 'Grant role' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `Granted Developer at ${path()} to group Developer.` })
      .waitFor();
    const own = page.getByRole('table', { name: `Role mappings at ${path()}` });
    await own.getByRole('row').filter({ hasText: 'Group Developer' }).waitFor();
    await screenshot(page, 'project-access');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'project-access-phone');

    const mappings = await t.server.admin.get(`/v1/mappings?level=project&target=${projectId}`);
    assert.equal(mappings.status, 200);
    assert.equal(mappings.body.items.length, 1);
    const [mapping] = mappings.body.items;
    assert.equal(mapping.role.name, 'Developer');
    assert.equal(mapping.subject.kind, 'group');
    assert.equal(mapping.subject.name, 'Developer');
    const access = await t.server.admin.get(`/v1/projects/${projectId}/access`);
    assert.ok(
      access.body.mappings.some(
        (m: { mapping: string; inherited: boolean }) => m.mapping === mapping.id && !m.inherited,
      ),
    );
  });

  test('removing the project-level mapping removes it from the API', async () => {
    const own = page.getByRole('table', { name: `Role mappings at ${path()}` });
    await own.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Removed Developer of group Developer at ${path()}.` })
      .waitFor();
    await page.getByText('No role is mapped at this project itself').waitFor();
    const mappings = await t.server.admin.get(`/v1/mappings?level=project&target=${projectId}`);
    assert.deepEqual(mappings.body.items, []);
  });
});
