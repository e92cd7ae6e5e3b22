import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actionsOffered, openPage, visitAs } from './access-views.js';
import { type ConsoleTest, screenshot, startConsoleTest } from './harness.js';

const OWN = ['My access', 'Approvals', 'Security'];

describe('console access: each kind of Akana user sees the pages they may use', () => {
  let t: ConsoleTest;
  const passwords = new Map<string, string>();

  before(async () => {
    t = await startConsoleTest({ preset: 'akana' });
    const admin = t.server.admin;
    const acme = await admin.post('/v1/organizations', { name: 'acme' });
    assert.equal(acme.status, 201, JSON.stringify(acme.body));
    const organization = acme.body.organization.id as string;
    const weather = await admin.post('/v1/resources', { type: 'api', name: 'weather', organization: 'acme' });
    assert.equal(weather.status, 201, JSON.stringify(weather.body));
    // An API ava does not administer: listed to her (public), not hers to change.
    const payments = await admin.post('/v1/resources', { type: 'api', name: 'payments', organization: 'acme' });
    assert.equal(payments.status, 201, JSON.stringify(payments.body));
    for (const [username, roles] of [
      ['bea', ['Business Administrator']],
      ['dev', ['Developer']],
      ['ava', []],
      ['sam', []],
      ['gus', []],
    ] as const) {
      const { user, client, password } = await t.server.user(username, { organization, roles: [...roles] });
      passwords.set(username, password);
      if (username === 'ava') {
        // An API Administrator of one API: invited to it, not to the organization.
        const mapped = await admin.post('/v1/mappings', {
          role: 'API Administrator',
          subject: { kind: 'user', id: user.id },
          target: { type: 'api', id: weather.body.resource.id },
        });
        assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
      }
      if (username === 'sam') {
        // A subscriber: every signed-in user registers applications.
        const created = await client.post('/v1/applications', { name: 'forecast', organization: 'acme' });
        assert.equal(created.status, 201, JSON.stringify(created.body));
      }
    }
  });
  after(() => t.close());

  test('an API Administrator sees the API they administer, explained, and manages it on APIs and resources', async () => {
    const seen = await visitAs(t, 'akana-api-administrator', 'ava', passwords.get('ava')!);
    assert.deepEqual(seen.links, ['My access', 'APIs and resources', 'Approvals', 'Security']);
    const page = seen.page;
    assert.match(await page.getByRole('table', { name: 'Your APIs and other resources' }).innerText(), /weather/);
    assert.match(
      await page.getByRole('table', { name: 'Each role you hold, where, and how it reaches you' }).innerText(),
      /API Administrator, given to you directly, at api acme\/api\/weather\./,
    );
    await screenshot(page, 'access-akana-api-administrator-roles');

    // APIs and resources: her API's visibility and administrators are hers to change; another API's are not.
    await openPage(page, 'APIs and resources');
    const table = page.getByRole('table', { name: 'Resources of acme' });
    await table.waitFor();
    assert.deepEqual(await actionsOffered(page), ['Make private', 'Allow']);
    assert.equal(await page.getByRole('button', { name: 'Make private: weather' }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Make private: payments' }).count(), 0);
    await page.getByRole('button', { name: 'weather', exact: true }).click();
    const administrators = page.getByRole('region', { name: 'Administrators of weather' });
    await administrators.getByRole('listitem', { name: /^Administrator (PRIMARY\/)?ava$/ }).waitFor();
    await administrators.getByLabel('Username').fill('bea');
    await administrators.getByRole('button', { name: 'Add administrator' }).click();
    await administrators.getByText('bea is now an administrator of weather.').waitFor();
    // The list is read again after the addition is said to be done.
    await administrators.getByRole('listitem', { name: /^Administrator (PRIMARY\/)?bea$/ }).waitFor();
    await screenshot(page, 'access-akana-api-administrator-resources');
    // Of an API she was not invited to administer, she only sees who does.
    await page.getByRole('button', { name: 'payments', exact: true }).click();
    const others = page.getByRole('region', { name: 'Administrators of payments' });
    await others.getByText(/takes api:admins:manage on payments itself/).waitFor();
    assert.equal(await others.getByRole('button').count(), 0);
  });

  test('a subscriber sees their application on My access', async () => {
    const seen = await visitAs(t, 'akana-subscriber', 'sam', passwords.get('sam')!);
    assert.deepEqual(seen.links, OWN);
    const applications = seen.page.getByRole('table', { name: 'Applications you own' });
    await applications.waitFor();
    assert.match(await applications.innerText(), /forecast\s+acme/);
  });

  test('the super admin sees every page; a Business Administrator administers roles in the organization', async () => {
    const admin = await visitAs(t, 'akana-super-admin', 'admin', t.server.adminPassword, { everyPage: false });
    for (const label of ['Organizations', 'Users', 'Groups', 'Roles', 'Scopes', 'Audit log', 'Outbox'])
      assert.ok(admin.links.includes(label), label);
    const business = await visitAs(t, 'akana-organization-admin', 'bea', passwords.get('bea')!);
    assert.deepEqual(business.links, [
      'Organizations',
      'My access',
      'Roles',
      'Role memberships',
      'APIs and resources',
      'Approvals',
      'Security',
    ]);
    assert.deepEqual(business.organizations, ['acme']);
    // Every API of the organization is hers to change; adding API administrators takes an invitation.
    await openPage(business.page, 'APIs and resources');
    await business.page.getByRole('table', { name: 'Resources of acme' }).waitFor();
    assert.equal(await business.page.getByRole('button', { name: /^Make private: / }).count(), 2);
    assert.equal(await business.page.getByRole('button', { name: 'Create resource' }).count(), 1);
  });

  test('a Developer and a guest see their own pages only', async () => {
    for (const [kind, username] of [
      ['developer', 'dev'],
      ['guest', 'gus'],
    ] as const) {
      const seen = await visitAs(t, `akana-${kind}`, username, passwords.get(username)!);
      assert.deepEqual(seen.links, OWN, kind);
    }
  });
});
