import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, type Page, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: organizations and projects', () => {
  let t: ConsoleTest;
  let page: Page;
  before(async () => {
    t = await startConsoleTest();
    page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { name: 'Organization tree' }).waitFor();
  });
  after(() => t.close());

  const createForm = () => page.getByRole('form', { name: 'Create an organization' });
  const tree = () => page.getByRole('navigation', { name: 'Organizations' });

  test('the tree shows the organizations the API lists', async () => {
    await tree().getByRole('button', { name: t.server.home.name }).waitFor();
    const listed = await t.server.admin.get('/v1/organizations');
    const shown = await tree().getByRole('button').allInnerTexts();
    assert.deepEqual(shown.sort(), listed.body.items.map((o: { name: string }) => o.name).sort());
    await screenshot(page, 'organizations');
  });

  test('the table of organizations counts each one’s projects, as the API does, with the total', async () => {
    const table = page.getByRole('table', { name: 'Every organization you may see' });
    const listed = await t.server.admin.get('/v1/organizations?limit=500');
    const items = listed.body.items as { name: string; projects: number }[];
    const home = items.find((o) => o.name === t.server.home.name)!;
    const row = table.getByRole('row').filter({ has: page.getByRole('button', { name: home.name, exact: true }) });
    assert.equal(await row.locator('td[data-label="Projects"]').innerText(), String(home.projects));
    const range = page
      .getByRole('navigation', { name: 'Pages of Every organization you may see' })
      .getByTestId('range');
    assert.equal(await range.innerText(), `1–${items.length} of ${items.length}`);
  });

  test('creating a root organization shows it in the tree and the API has it', async () => {
    await createForm().getByLabel('Name').fill('acme');
    await createForm().getByRole('button', { name: 'Create organization' }).click();
    await createForm().getByRole('status').filter({ hasText: 'Created organization acme.' }).waitFor();
    await tree().getByRole('button', { name: 'acme', exact: true }).waitFor();
    // The new organization becomes the current one, in the switcher too.
    await page.getByRole('heading', { name: 'acme', level: 2 }).waitFor();
    assert.equal(await page.getByLabel('Organization', { exact: true }).locator('option:checked').innerText(), 'acme');
    const answer = await t.server.admin.get('/v1/organizations/acme');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.name, 'acme');
    assert.equal(answer.body.parent, null);
  });

  test('a taken name is refused in words, in place', async () => {
    await createForm().getByLabel('Name').fill('acme');
    await createForm().getByRole('button', { name: 'Create organization' }).click();
    const alert = createForm().getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /name\s+is taken/);
    assert.doesNotMatch(text, /[{}]|problems\//, 'no raw JSON');
    assert.equal(await createForm().getByLabel('Name').getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'organizations-name-taken');
    const listed = await t.server.admin.get('/v1/organizations?name=acme');
    assert.deepEqual(
      listed.body.items.map((o: { name: string }) => o.name),
      ['acme'],
    );
  });

  test('creating a child organization places it under its parent', async () => {
    await createForm().getByLabel('Name').fill('acme-eu');
    await createForm().getByLabel('Parent organization').selectOption({ label: 'acme (selected)' });
    await createForm().getByRole('button', { name: 'Create organization' }).click();
    await createForm().getByRole('status').filter({ hasText: 'Created organization acme-eu.' }).waitFor();
    // Nested: the child's item is inside the parent's list item.
    await tree()
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: 'acme', exact: true }) })
      .getByRole('button', { name: 'acme-eu' })
      .waitFor();
    const acme = await t.server.admin.get('/v1/organizations/acme');
    const child = await t.server.admin.get('/v1/organizations/acme-eu');
    assert.equal(child.status, 200);
    assert.equal(child.body.parent, acme.body.id);
  });

  test('renaming an organization renames it in the tree and in the API', async () => {
    await tree().getByRole('button', { name: 'acme-eu' }).click();
    await page.getByRole('heading', { name: 'acme-eu', level: 2 }).waitFor();
    const id = (await t.server.admin.get('/v1/organizations/acme-eu')).body.id as string;
    const rename = page.getByRole('form', { name: 'Rename' });
    await rename.getByLabel('New name').fill('acme-europe');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await rename.getByRole('status').filter({ hasText: 'Renamed to acme-europe.' }).waitFor();
    await tree().getByRole('button', { name: 'acme-europe' }).waitFor();
    const answer = await t.server.admin.get(`/v1/organizations/${id}`);
    assert.equal(answer.body.name, 'acme-europe');
    assert.equal((await t.server.admin.get('/v1/organizations/acme-eu')).status, 404);
  });

  test('creating a project lists it under its organization, and the API has it', async () => {
    await tree().getByRole('button', { name: 'acme', exact: true }).click();
    await page.getByRole('heading', { name: 'acme', level: 2 }).waitFor();
    await page.getByText('acme has no projects yet.').waitFor();
    const form = page.getByRole('form', { name: 'Create a project' });
    await form.getByLabel('Project name').fill('engineering');
    await form.getByRole('button', { name: 'Create project' }).click();
    await form.getByRole('status').filter({ hasText: 'Created project acme/engineering.' }).waitFor();
    const table = page.getByRole('table', { name: 'Projects of acme' });
    await table.getByRole('cell', { name: 'acme/engineering' }).waitFor();
    const answer = await t.server.admin.get('/v1/projects/acme%2Fengineering');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.name, 'engineering');
  });

  test('a project name with a slash is refused in words', async () => {
    const form = page.getByRole('form', { name: 'Create a project' });
    await form.getByLabel('Project name').fill('a/b');
    await form.getByRole('button', { name: 'Create project' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    assert.match(
      await alert.innerText(),
      /^Some of what was entered was refused\.\s+name contains a character that is not allowed here/,
    );
    const listed = await t.server.admin.get('/v1/organizations/acme/projects');
    assert.deepEqual(
      listed.body.items.map((p: { name: string }) => p.name),
      ['engineering'],
    );
  });

  test('restricting a project to chosen groups maps their role at the project', async () => {
    await page.getByRole('button', { name: 'Restrict to groups for engineering' }).click();
    const section = page.getByRole('region', { name: 'Restrict acme/engineering to chosen groups' });
    await section.getByText('No role is mapped at this project').waitFor();
    await section.getByRole('checkbox', { name: 'Developer' }).check();
    await section.getByLabel('Role at the project').selectOption({ label: 'Developer' });
    await section.getByRole('button', { name: 'Map role to chosen groups' }).click();
    await section
      .getByRole('status')
      .filter({ hasText: 'Mapped Developer at acme/engineering to Developer.' })
      .waitFor();
    const table = section.getByRole('table', { name: 'Role mappings at acme/engineering' });
    await table.getByRole('cell', { name: 'Group Developer' }).waitFor();
    await screenshot(page, 'organizations-restrict-project');

    const project = (await t.server.admin.get('/v1/projects/acme%2Fengineering')).body;
    const mappings = await t.server.admin.get(`/v1/mappings?level=project&target=${project.id}`);
    assert.equal(mappings.status, 200);
    assert.equal(mappings.body.items.length, 1);
    const [mapping] = mappings.body.items;
    assert.equal(mapping.role.name, 'Developer');
    assert.equal(mapping.subject.kind, 'group');
    assert.equal(mapping.subject.name, 'Developer');
    const group = (await t.server.admin.get(`/v1/groups/${mapping.subject.id}`)).body;
    assert.equal(
      group.organization,
      (await t.server.admin.get('/v1/organizations/acme')).body.id,
      "the acme group, not another organization's",
    );
  });

  test("the organization's members are listed, searched and removed in place", async () => {
    // acme is still chosen: its creator (the super admin) is its first member.
    const members = page.getByRole('region', { name: 'Members' });
    const table = () => members.getByRole('table', { name: 'Members of acme' });
    await table().getByRole('cell', { name: 'PRIMARY/admin' }).waitFor();
    const group = (await t.server.admin.get('/v1/organizations/acme/groups?name=Developer')).body.items[0];
    await t.server.admin.post('/v1/users', { username: 'mira', email: 'mira@example.com' });
    assert.equal((await t.server.admin.put(`/v1/groups/${group.id}/members/mira`)).status, 200);
    await members.getByLabel('Search members').fill('mira');
    await table().getByRole('cell', { name: 'PRIMARY/mira' }).waitFor();
    assert.equal(await table().getByRole('cell', { name: 'PRIMARY/admin' }).count(), 0);
    await members.getByRole('button', { name: 'Remove member' }).click();
    await members.getByRole('button', { name: 'Yes, remove member' }).click();
    await members.getByRole('status').filter({ hasText: 'Removed mira from acme.' }).waitFor();
    await members.getByText('No member matches.').waitFor();
    const listed = await t.server.admin.get('/v1/organizations/acme/members?search=mira');
    assert.deepEqual(listed.body.items, []);
  });
});
