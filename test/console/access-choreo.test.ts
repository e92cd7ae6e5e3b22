import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actionsOffered, openPage, visitAs } from './access-views.js';
import { type ConsoleTest, screenshot, startConsoleTest } from './harness.js';

const OWN = ['My access', 'Approvals', 'Security'];

describe('console access: each kind of Choreo user sees the pages they may use', () => {
  let t: ConsoleTest;
  const passwords = new Map<string, string>();

  before(async () => {
    t = await startConsoleTest({ preset: 'choreo' });
    const admin = t.server.admin;
    const acme = await admin.post('/v1/organizations', { name: 'acme' });
    assert.equal(acme.status, 201, JSON.stringify(acme.body));
    const organization = acme.body.organization.id as string;
    for (const name of ['engineering', 'marketing'])
      assert.equal((await admin.post('/v1/organizations/acme/projects', { name })).status, 201);
    const group = await admin.post('/v1/organizations/acme/groups', {
      name: 'Engineering',
      roles: [{ role: 'Developer', project: 'acme/engineering' }],
    });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    for (const [username, groups] of [
      ['olivia', ['Admin']],
      ['dora', ['Choreo DevOps']],
      ['sam', ['API Subscriber']],
      ['gus', []],
      ['dev', []],
    ] as const) {
      const { password } = await t.server.user(username, { organization, groups: [...groups] });
      passwords.set(username, password);
    }
    assert.equal((await admin.put(`/v1/groups/${group.body.group.id}/members/dev`)).status, 200);
  });
  after(() => t.close());

  test('a project Developer sees their project and their access explained, and no page that refuses them', async () => {
    const seen = await visitAs(t, 'choreo-developer', 'dev', passwords.get('dev')!);
    assert.deepEqual(seen.links, ['My access', 'Project access', 'APIs and resources', ...OWN.slice(1)]);
    assert.deepEqual(seen.organizations, ['acme'], 'only the organization of their project, no "None"');

    // The console opens on My access: their project, and the role that gives it, in words.
    assert.equal(seen.landing, 'My access');
    const page = seen.page;
    const projects = page.getByRole('table', { name: 'Your projects' });
    assert.match(await projects.innerText(), /acme\/engineering/);
    assert.doesNotMatch(await projects.innerText(), /marketing/);
    const roles = page.getByRole('table', { name: 'Each role you hold, where, and how it reaches you' });
    assert.match(
      await roles.innerText(),
      /Developer, through your group Engineering, at project acme\/engineering, so it also counts for the resources in that project\./,
    );
    assert.doesNotMatch(
      await page.locator('main').innerText(),
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/,
      'names, not ids',
    );
    // A page outside their roles, reached by its address, says so instead of refusing.
    await page.goto('/console/groups');
    await page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
    assert.match(
      await page.locator('main').innerText(),
      /Your roles do not include this page in the organization acme/,
    );
    assert.equal(await page.locator('[data-problem]').count(), 0);
    await screenshot(page, 'access-choreo-developer-not-offered');

    // No action they cannot use is offered, on any page they see.
    await openPage(page, 'Project access');
    await page.getByRole('button', { name: 'engineering', exact: true }).click();
    await page.getByRole('table', { name: 'Role mappings at acme/engineering' }).waitFor();
    assert.deepEqual(await actionsOffered(page), [], 'Project access: no Remove, no Grant (role:assign)');
    assert.match(await page.locator('main').innerText(), /Granting or removing a role at acme\/engineering takes/);
    await openPage(page, 'APIs and resources');
    await page.getByText('There are no resources in this organization yet.').waitFor();
    assert.deepEqual(await actionsOffered(page), [], 'APIs and resources: no Create resource (resource:manage)');
    for (const label of ['Approvals', 'My access']) {
      await openPage(page, label);
      assert.deepEqual(await actionsOffered(page), [], label);
    }

    // An address the console does not know leads to a page they may open, not to a hidden one.
    await page.goto('/console/no-such-page');
    await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
    await page.locator('main').getByRole('link', { name: 'Go to My access' }).click();
    await page.getByRole('heading', { name: 'My access', level: 1 }).waitFor();
  });

  test('the super admin sees every page', async () => {
    const seen = await visitAs(t, 'choreo-super-admin', 'admin', t.server.adminPassword, { everyPage: false });
    for (const label of ['Organizations', 'Users', 'User stores', 'Groups', 'Roles', 'Scopes', 'Audit log', 'Outbox'])
      assert.ok(seen.links.includes(label), label);
    assert.ok(seen.organizations?.includes('acme'));
  });

  test('an organization Admin administers the organization, not the installation', async () => {
    const seen = await visitAs(t, 'choreo-organization-admin', 'olivia', passwords.get('olivia')!);
    assert.deepEqual(seen.links, [
      'Organizations',
      'My access',
      'Invitations',
      'Groups',
      'Roles',
      'Role memberships',
      'Project access',
      'APIs and resources',
      'Approvals',
      'Security',
    ]);
    assert.deepEqual(seen.organizations, ['acme']);
  });

  test('a DevOps member, a subscriber and a guest see their own pages only', async () => {
    for (const [kind, username] of [
      ['devops', 'dora'],
      ['subscriber', 'sam'],
      ['guest', 'gus'],
    ] as const) {
      const seen = await visitAs(t, `choreo-${kind}`, username, passwords.get(username)!);
      assert.deepEqual(seen.links, OWN, kind);
      // No action they cannot use is offered on the pages they see (Security is their own).
      assert.deepEqual(await actionsOffered(seen.page), [], `${kind}: My access`);
      await openPage(seen.page, 'Approvals');
      assert.deepEqual(await actionsOffered(seen.page), [], `${kind}: Approvals`);
    }
  });
});
