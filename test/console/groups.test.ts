import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, type Page, PHONE, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: groups', () => {
  let t: ConsoleTest;
  let page: Page;
  let home: string;
  let engineering: { id: string; path: string };
  let marketing: { id: string; path: string };
  let alice: { id: string };

  before(async () => {
    t = await startConsoleTest();
    home = t.server.home.name;
    const created = async (name: string) => {
      const answer = await t.server.admin.post(`/v1/organizations/${t.server.home.id}/projects`, { name });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body.project as { id: string; path: string };
    };
    engineering = await created('Engineering');
    marketing = await created('Marketing');
    alice = (await t.server.user('alice')).user;
    page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('heading', { name: `Groups of ${home}`, level: 1 }).waitFor();
  });
  after(() => t.close());

  const createForm = () => page.getByRole('form', { name: 'Create a group' });
  const groupTable = () => page.getByRole('table', { name: `Groups of ${home}` });
  const mayEdit = async (project: string) => {
    const answer = await t.server.admin.post('/v1/check', {
      user: alice.id,
      permission: 'project:edit',
      resource: { type: 'project', id: project },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.allowed as boolean;
  };

  test('the list shows the organization groups the API lists, with their roles', async () => {
    await groupTable().getByRole('link', { name: 'Developer', exact: true }).waitFor();
    const listed = await t.server.admin.get(`/v1/organizations/${t.server.home.id}/groups?limit=25`);
    const shown = await groupTable().getByRole('link').allInnerTexts();
    // The table sorts by name as people read it (any case), the API by code point.
    const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    assert.deepEqual(shown, listed.body.items.map((g: { name: string }) => g.name).sort(byName.compare));
    const developerRow = groupTable()
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Developer', exact: true }) });
    assert.match(await developerRow.innerText(), new RegExp(`Developer at organization ${home}`));
    // Each group's members and roles are counted, as the API counts them, with the total.
    const developer = (listed.body.items as { name: string; members: number; roles: unknown[] }[]).find(
      (g) => g.name === 'Developer',
    )!;
    assert.equal(await developerRow.locator('td[data-label="Members"]').innerText(), String(developer.members));
    assert.equal(
      await developerRow.locator('td[data-label="Number of roles"]').innerText(),
      String(developer.roles.length),
    );
    assert.equal(await page.getByTestId('range').innerText(), `1–${shown.length} of ${shown.length}`);
    await screenshot(page, 'groups');
  });

  test('creating "Engineering" with Developer at project Engineering maps the role at that project', async () => {
    const form = createForm();
    await form.getByText('No role is chosen').waitFor();
    await form.getByLabel('Group name').fill('Engineering');
    await form.getByLabel('Description').fill('Builds the product');
    await form.getByRole('checkbox', { name: 'Developer', exact: true }).check();
    assert.equal(await form.getByText('No role is chosen').count(), 0, 'the warning goes once a role is chosen');
    await form.getByLabel('Mapping level').selectOption({ label: `Project ${engineering.path}` });
    await form.getByRole('button', { name: 'Create group' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `Created group Engineering with Developer at project ${engineering.path}.` })
      .waitFor();
    const row = groupTable()
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Engineering', exact: true }) });
    await row.getByText(`Developer at project ${engineering.path}`).waitFor();

    const listed = await t.server.admin.get(`/v1/organizations/${t.server.home.id}/groups?name=Engineering`);
    assert.equal(listed.body.items.length, 1);
    const [group] = listed.body.items;
    assert.equal(group.flagged, false);
    assert.equal(group.description, 'Builds the product');
    assert.deepEqual(
      group.roles.map((r: { role: { name: string }; target: { level: string; id: string } }) => [
        r.role.name,
        r.target.level,
        r.target.id,
      ]),
      [['Developer', 'project', engineering.id]],
    );
  });

  test('a group created without a role is warned about and flagged', async () => {
    const form = createForm();
    await form.getByLabel('Group name').fill('Auditors');
    await form.getByRole('button', { name: 'Create group' }).click();
    await form.getByRole('status').filter({ hasText: 'Created group Auditors with no role.' }).waitFor();
    await form.getByText('group "Auditors" has no role').waitFor();
    const row = groupTable()
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Auditors', exact: true }) });
    await row.getByText('No role', { exact: true }).waitFor();
    await screenshot(page, 'groups-created');
    const listed = await t.server.admin.get(`/v1/organizations/${t.server.home.id}/groups?name=Auditors`);
    assert.equal(listed.body.items[0].flagged, true);
  });

  test('adding alice to Engineering lets her edit that project and not another', async () => {
    assert.equal(await mayEdit(engineering.id), false, 'not before she joins');
    await groupTable().getByRole('link', { name: 'Engineering', exact: true }).click();
    await page.getByRole('heading', { name: 'Group Engineering', level: 1 }).waitFor();
    const levels = page.getByRole('region', { name: 'Role mappings by level' });
    await levels
      .getByRole('table', { name: 'Project level' })
      .getByRole('cell', { name: `project ${engineering.path}` })
      .waitFor();
    await page.getByText('Engineering has no members yet.').waitFor();

    const add = page.getByRole('form', { name: 'Add a member' });
    await add.getByLabel('Username contains').fill('ali');
    await add.getByRole('button', { name: 'Find users' }).click();
    await add.getByRole('button', { name: 'Add PRIMARY/alice to Engineering' }).click();
    await add.getByRole('status').filter({ hasText: 'Added PRIMARY/alice to Engineering.' }).waitFor();
    await page
      .getByRole('table', { name: 'Members of Engineering' })
      .getByRole('link', { name: 'PRIMARY/alice' })
      .waitFor();
    await screenshot(page, 'groups-engineering');

    assert.equal(await mayEdit(engineering.id), true, 'alice may project:edit Engineering');
    assert.equal(await mayEdit(marketing.id), false, 'and not Marketing');
    assert.equal(t.server.store.engine.allowed(alice.id, 'project:edit', 'project', engineering.id), true);
  });

  test('removing alice takes the access away again', async () => {
    const members = page.getByRole('table', { name: 'Members of Engineering' });
    await members.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await page
      .getByRole('region', { name: 'Members' })
      .getByRole('status')
      .filter({ hasText: 'Removed PRIMARY/alice from Engineering.' })
      .waitFor();
    await page.getByText('Engineering has no members yet.').waitFor();
    assert.equal(await mayEdit(engineering.id), false);
  });

  test('the page works at phone width', async () => {
    const phone = await t.newPage(PHONE);
    await signIn(phone, t.server);
    await phone.goto('/console/groups');
    await phone
      .getByRole('table', { name: `Groups of ${home}` })
      .getByRole('link', { name: 'Engineering', exact: true })
      .waitFor();
    const width = await phone.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
    await screenshot(phone, 'groups-phone');
  });
});
