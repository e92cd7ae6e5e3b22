import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible } from './axe.js';
import { type ConsoleTest, type Page, PHONE, screenshot, signIn, startConsoleTest } from './harness.js';

/**
 * Issue 15: every object an organization admin manages is editable from the console after it is
 * created. Signed in as olga, a member of the home organization's Admin group (not the super admin).
 */
describe('console: an organization admin edits groups, users, roles and scopes', () => {
  let t: ConsoleTest;
  let page: Page;
  let home: { id: string; name: string };
  let project: { id: string; path: string };

  before(async () => {
    t = await startConsoleTest();
    home = t.server.home;
    const created = await t.server.admin.post(`/v1/organizations/${home.id}/projects`, { name: 'Engineering' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    project = created.body.project;
    const olga = await t.server.user('olga', { groups: ['Admin'] });
    page = await t.newPage();
    await signIn(page, t.server, 'olga', olga.password);
  });
  after(() => t.close());

  const open = async (path: string, heading: string | RegExp) => {
    await page.goto(`/console/${path}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  const groupNamed = async (name: string) => {
    const listed = await t.server.admin.get(`/v1/organizations/${home.id}/groups?name=${encodeURIComponent(name)}`);
    return (listed.body.items as { id: string; name: string; flagged: boolean; roles: unknown[] }[]).find(
      (g) => g.name === name,
    );
  };

  test('a group created with no role gets roles at the organization and a project, loses one, is renamed and deleted', async () => {
    const made = await t.server.admin.post(`/v1/organizations/${home.id}/groups`, { name: 'Auditors' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const id: string = made.body.group.id;
    await open(`groups?group=${encodeURIComponent(id)}`, 'Group Auditors No role');
    const mappings = page.getByRole('region', { name: 'Role mappings by level' });
    const form = page.getByRole('form', { name: 'Map a role to Auditors' });
    await assertAccessible(page, 'a flagged group');

    // Organization level.
    await form.getByLabel('Role').selectOption({ label: 'Developer' });
    await form.getByRole('button', { name: 'Map role' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `Mapped Developer to Auditors at organization ${home.name}.` })
      .waitFor();
    await mappings
      .getByRole('table', { name: 'Organization level' })
      .getByRole('cell', { name: 'Developer' })
      .waitFor();
    // Project level.
    await form.getByLabel('Role').selectOption({ label: 'Admin' });
    await form.getByLabel('Target type').selectOption('project');
    await form.getByLabel('At').fill(project.path);
    await form.getByRole('button', { name: 'Map role' }).click();
    await mappings.getByRole('table', { name: 'Project level' }).getByRole('cell', { name: 'Admin' }).waitFor();
    let group = await groupNamed('Auditors');
    assert.equal(group?.flagged, false);
    assert.equal(group?.roles.length, 2);
    await assertAccessible(page, 'a group with two mappings');

    // Remove the organization-level mapping, after the confirmation.
    const organizationTable = mappings.getByRole('table', { name: 'Organization level' });
    await organizationTable.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await organizationTable.waitFor({ state: 'detached' });
    group = await groupNamed('Auditors');
    assert.deepEqual(
      ((group?.roles ?? []) as { role: { name: string }; target: { level: string } }[]).map((r) => [
        r.role.name,
        r.target.level,
      ]),
      [['Admin', 'project']],
    );

    // Rename.
    const rename = page.getByRole('form', { name: 'Name and description' });
    await rename.getByLabel('Group name').fill('Reviewers');
    await rename.getByLabel('Description').fill('Reviews releases');
    await rename.getByRole('button', { name: 'Save name and description' }).click();
    await page.getByRole('heading', { name: 'Group Reviewers', level: 1 }).waitFor();
    assert.equal(await groupNamed('Auditors'), undefined);
    assert.equal((await t.server.admin.get(`/v1/groups/${id}`)).body.description, 'Reviews releases');

    // Delete, after the confirmation: back on the list, which says so.
    await page.getByRole('button', { name: 'Delete group' }).click();
    await assertAccessible(page, 'the delete confirmation');
    await page.getByRole('button', { name: 'Yes, delete group' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted group Reviewers.' }).waitFor();
    assert.equal((await t.server.admin.get(`/v1/groups/${id}`)).status, 404);
    await screenshot(page, 'group-edited');
  });

  test('a user is created with a password, then given a new one and sent a reset link', async () => {
    await open('users', 'Users');
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Username').fill('dave');
    await form.getByLabel('Email').fill('dave@example.com');
    await form.getByLabel('Password').fill('dave-first-secret');
    await form.getByRole('button', { name: 'Create user' }).click();
    await form.getByRole('status').filter({ hasText: 'Created user PRIMARY/dave.' }).waitFor();
    await assertAccessible(page, 'the users page');
    await t.server.signIn('dave', 'dave-first-secret');

    await page.getByRole('link', { name: 'PRIMARY/dave' }).click();
    await page.getByRole('heading', { name: 'PRIMARY/dave', level: 1 }).waitFor();
    const set = page.getByRole('form', { name: 'Set a new password for PRIMARY/dave' });
    await set.getByLabel('New password', { exact: true }).fill('dave-second-secret');
    await set.getByLabel('New password again').fill('dave-other-secret');
    await set.getByRole('button', { name: 'Set password' }).click();
    await set.getByRole('alert').filter({ hasText: 'the two passwords differ' }).waitFor();
    await set.getByLabel('New password again').fill('dave-second-secret');
    await set.getByRole('button', { name: 'Set password' }).click();
    await set.getByRole('status').filter({ hasText: 'Set a new password for PRIMARY/dave' }).waitFor();
    const refused = await t.server.anonymous.post('/v1/session', {
      username: 'dave',
      password: 'dave-first-secret',
      mode: 'token',
    });
    assert.equal(refused.status, 401, 'the old password no longer works');
    await t.server.signIn('dave', 'dave-second-secret');

    await page.getByRole('button', { name: 'Email a reset link to dave@example.com' }).click();
    await page.getByRole('status').filter({ hasText: 'A password-reset link is on its way' }).waitFor();
    await assertAccessible(page, 'a user with the password panel');
    let mailed = false;
    for (let i = 0; i < 50 && !mailed; i++) {
      const outbox = await t.server.admin.get('/v1/outbox?to=dave%40example.com');
      mailed = outbox.body.items.length > 0;
      if (!mailed) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(mailed, 'the reset link reached the outbox');
  });

  test('role memberships list the holders through a group beside the direct ones, and read well on a phone', async () => {
    const roles = await t.server.admin.get(`/v1/roles?organization=${home.id}&name=Admin`);
    const admin = (roles.body.items as { id: string; name: string }[]).find((r) => r.name === 'Admin');
    assert.ok(admin !== undefined);
    await open(`role-memberships/${encodeURIComponent(admin.id)}`, 'Role memberships');
    const assigned = page.getByRole('region', { name: 'Assigned users' });
    const through = assigned.getByRole('list', { name: /^Holding Admin through groups \(\d+\)$/ });
    await through
      .getByRole('listitem')
      .filter({ hasText: 'PRIMARY/olga' })
      .filter({ hasText: 'Via group Admin' })
      .waitFor();
    // olga holds it through the group only: she is not among the direct holders Save edits.
    await assigned.getByText(/^Holding Admin directly \(\d+\)$/).waitFor();
    assert.equal(await assigned.getByRole('checkbox', { name: 'PRIMARY/olga' }).count(), 0);
    await assertAccessible(page, 'role memberships');

    await page.setViewportSize(PHONE);
    const assign = page.getByRole('button', { name: /^Assign/ });
    assert.match(await assign.innerText(), /Assign\s*↓/, 'the stacked panes: the assigned users are below');
    assert.match(await assigned.getByRole('button', { name: /Remove/ }).innerText(), /↑\s*Remove/);
    await screenshot(page, 'role-memberships-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.match(await assign.innerText(), /Assign\s*→/, 'side by side: the assigned users are to the right');
  });

  test('a predefined role offers a copy into a custom role and no Delete', async () => {
    const roles = await t.server.admin.get(`/v1/roles?organization=${home.id}&name=Developer`);
    const developer = (roles.body.items as { id: string; name: string; predefined: boolean }[]).find(
      (r) => r.name === 'Developer',
    );
    assert.ok(developer?.predefined);
    await open(`roles/${encodeURIComponent(developer.id)}`, 'Roles');
    await page.getByRole('heading', { name: 'Developer', level: 2 }).waitFor();
    const copy = page.getByRole('form', { name: 'Copy into a custom role' });
    await copy.getByRole('button', { name: 'Copy into a custom role' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Delete role' }).count(), 0);
    assert.equal(await page.getByRole('region', { name: 'Delete' }).count(), 0);
    await assertAccessible(page, 'a predefined role');

    await copy.getByLabel('Name of the copy').fill('Developer plus');
    await copy.getByRole('button', { name: 'Copy into a custom role' }).click();
    await page.getByRole('heading', { name: 'Developer plus', level: 2 }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'Copied Developer into the custom role Developer plus.' })
      .waitFor();
    // The copy is the organization's own: editable, deletable, granting what Developer grants.
    await page.getByRole('button', { name: 'Delete role' }).waitFor();
    const listed = await t.server.admin.get(`/v1/roles?organization=${home.id}&name=Developer%20plus`);
    const copied = listed.body.items[0];
    assert.equal(copied.organization, home.id);
    assert.equal(copied.predefined, false);
    const granted = async (id: string) =>
      ((await t.server.admin.get(`/v1/roles/${id}/permissions`)).body.permissions as string[]).sort();
    assert.deepEqual(await granted(copied.id), await granted(developer.id));
  });

  test('a scope allowed a role directly can be removed from it in the matrix', async () => {
    const put = await t.server.admin.put('/v1/scopes/reports:read', { roles: ['Developer', 'Admin'] });
    assert.ok(put.status === 201 || put.status === 200, JSON.stringify(put.body));
    await open('scopes', 'Scopes');
    await page.getByLabel('Scope name contains').fill('reports');
    const remove = page.getByRole('button', { name: 'Remove scope reports:read from Developer' });
    await remove.waitFor();
    await assertAccessible(page, 'the scope matrix');
    await remove.click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Developer is no longer allowed the scope reports:read.' })
      .waitFor();
    await remove.waitFor({ state: 'detached' });
    const scope = await t.server.admin.get('/v1/scopes/reports:read');
    assert.deepEqual(
      (scope.body.roles as { name: string }[]).map((r) => r.name),
      ['Admin'],
    );
  });

  test('the permission tree is one tab stop navigated with the arrow keys', async () => {
    await open('roles/new', 'Roles');
    const form = page.getByRole('form', { name: 'Create a role' });
    const tree = form.getByRole('tree', { name: 'Permissions the role grants' });
    const focused = () => page.evaluate<string | undefined>('document.activeElement?.dataset?.key');
    const item = (key: string) => tree.locator(`[role="treeitem"][data-key="${key}"]`);
    await item('*').waitFor();
    assert.equal(await tree.locator('[role="treeitem"][tabindex="0"]').count(), 1, 'one tab stop');

    const foldAll = form.getByRole('button', { name: 'Fold all', exact: true });
    await foldAll.click();
    await foldAll.focus();
    await page.keyboard.press('Tab');
    assert.equal(await focused(), '*', 'Tab enters the tree at its first item');
    await page.keyboard.press('ArrowDown');
    const first = await focused();
    assert.ok(first !== undefined && first !== '*', 'Down goes to the first top-level permission');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), '*');

    await item('api').focus();
    assert.equal(await item('api').getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('ArrowRight');
    assert.equal(await item('api').getAttribute('aria-expanded'), 'true', 'Right unfolds');
    await page.keyboard.press('ArrowRight');
    const child = await focused();
    assert.match(child ?? '', /^api:/, 'Right again goes to the first child');
    await page.keyboard.press(' ');
    assert.equal(await item(child!).getAttribute('aria-checked'), 'true', 'Space ticks');
    assert.equal(await item('api').getAttribute('aria-checked'), 'mixed');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focused(), 'api', 'Left goes to the parent');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await item('api').getAttribute('aria-expanded'), 'false', 'Left again folds');
    await page.keyboard.press('Home');
    assert.equal(await focused(), '*');
    await page.keyboard.press('End');
    const last = await tree.locator('[role="treeitem"]').last().getAttribute('data-key');
    assert.equal(await focused(), last);
    assert.equal(await tree.locator('[role="treeitem"][tabindex="0"]').getAttribute('data-key'), last);
    await assertAccessible(page, 'the permission tree');
  });

  test("the access checker's answer takes the focus", async () => {
    await open('access-checker', 'Access checker');
    await page.getByLabel('Find a user').fill('olga');
    await page.getByRole('radio', { name: 'PRIMARY/olga' }).check();
    await page.getByLabel('Permission', { exact: true }).selectOption('project:edit');
    await page.getByLabel('Target type').selectOption('project');
    await page.getByLabel('Project', { exact: true }).fill(project.path);
    await page.getByRole('button', { name: 'Check access' }).click();
    await page.getByRole('heading', { name: 'Allowed', level: 2 }).waitFor();
    assert.equal(await page.evaluate<string | undefined>('document.activeElement?.id'), 'decision-title');
    await assertAccessible(page, 'an access decision');
  });
});
