import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { visitAs, WIDE } from './access-views.js';
import { assertAccessible } from './axe.js';
import { type ConsoleTest, screenshot, startConsoleTest } from './harness.js';

const OWN = ['My access', 'Approvals', 'Security'];

describe('console access: each kind of WSO2 API Manager user sees the pages they may use', () => {
  let t: ConsoleTest;
  const passwords = new Map<string, string>();

  before(async () => {
    t = await startConsoleTest({ preset: 'wso2-apim' });
    const acme = await t.server.admin.post('/v1/organizations', { name: 'acme' });
    assert.equal(acme.status, 201, JSON.stringify(acme.body));
    for (const [username, roles, organization] of [
      ['tina', ['admin'], acme.body.organization.id as string],
      ['dev', ['Internal/creator'], t.server.home.id],
      ['sam', ['Internal/subscriber'], t.server.home.id],
    ] as const) {
      // Roles held directly (WSO2's roles are tenant-wide; its login permission gates sign-in).
      const { password } = await t.server.user(username, { organization, roles: [...roles] });
      passwords.set(username, password);
    }
    // gus holds no role but Internal/everyone, so no login permission: made without signing in.
    const gus = {
      id: randomUUID(),
      username: 'gus',
      store: 'PRIMARY',
      email: 'gus@example.com',
      status: 'active',
    } as const;
    await t.server.write([{ op: 'user.put', user: gus }]);
    passwords.set('gus', 'gus-secret-password-1');
    await t.server.server.context.credentials.setPassword(gus.id, passwords.get('gus')!);
  });
  after(() => t.close());

  test('a creator (developer) and a subscriber see their own pages only', async () => {
    for (const [kind, username] of [
      ['developer', 'dev'],
      ['subscriber', 'sam'],
    ] as const) {
      const seen = await visitAs(t, `wso2-${kind}`, username, passwords.get(username)!);
      assert.deepEqual(seen.links, OWN, kind);
      assert.deepEqual(seen.organizations, [t.server.home.name], kind);
    }
  });

  test('a tenant admin administers their tenant; the super admin sees every page', async () => {
    const tenant = await visitAs(t, 'wso2-organization-admin', 'tina', passwords.get('tina')!);
    assert.deepEqual(tenant.links, [
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
    assert.ok(tenant.organizations?.includes('acme'));
    const admin = await visitAs(t, 'wso2-super-admin', 'admin', t.server.adminPassword, { everyPage: false });
    for (const label of ['Organizations', 'Users', 'Groups', 'Roles', 'Scopes', 'Audit log', 'Outbox'])
      assert.ok(admin.links.includes(label), label);
  });

  test('a guest without the login permission is refused at sign-in, in words', async () => {
    const page = await t.newPage(WIDE);
    await page.goto('/console/');
    await page.getByLabel('Username').fill('gus');
    await page.getByLabel('Password').fill(passwords.get('gus')!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /admin:login/);
    assert.doesNotMatch(await alert.innerText(), /[0-9a-f]{8}-[0-9a-f]{4}-/);
    await assertAccessible(page, 'wso2 guest: refused sign-in');
    await screenshot(page, 'access-wso2-guest-refused');
  });
});
