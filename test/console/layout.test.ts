import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, DESKTOP, PHONE, type Page, screenshot, signIn, startConsoleTest } from './harness.js';

const PAGES = [
  'Organizations',
  'Users',
  'User stores',
  'Groups',
  'Roles',
  'Role memberships',
  'Project access',
  'Scopes',
  'Access checker',
  'Audit log',
  'Security',
];

describe('console: layout', () => {
  let t: ConsoleTest;
  before(async () => {
    t = await startConsoleTest();
  });
  after(() => t.close());

  test('at 1280 px the navigation sits beside the page and leads to every page', async () => {
    const page = await t.newPage(DESKTOP);
    await signIn(page, t.server);
    const navigation = page.getByRole('navigation', { name: 'Main' });
    assert.ok(await navigation.isVisible());
    assert.equal(await page.getByRole('button', { name: 'Menu' }).isVisible(), false);
    for (const name of PAGES) {
      await navigation.getByRole('link', { name }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      assert.equal(await navigation.getByRole('link', { name }).getAttribute('aria-current'), 'page');
      await screenshot(page, `page-${name.toLowerCase().replaceAll(' ', '-')}`);
    }
    assert.equal(await noHorizontalScroll(page), true);
  });

  test('at phone width (390 px) the navigation collapses behind Menu', async () => {
    const page = await t.newPage(PHONE);
    await signIn(page, t.server);
    await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
    const navigation = page.getByRole('navigation', { name: 'Main' });
    const menu = page.getByRole('button', { name: 'Menu' });
    assert.equal(await navigation.isVisible(), false, 'the navigation is hidden');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await noHorizontalScroll(page), true, 'nothing is wider than the phone');
    await screenshot(page, 'phone-organizations');

    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await navigation.waitFor({ state: 'visible' });
    await screenshot(page, 'phone-menu-open');
    await navigation.getByRole('link', { name: 'Access checker' }).click();
    await page.getByRole('heading', { name: 'Access checker', level: 1 }).waitFor();
    assert.equal(await navigation.isVisible(), false, 'following a link closes the menu');
    assert.equal(await noHorizontalScroll(page), true);
    await screenshot(page, 'phone-access-checker');

    // The phone works too: a project created here is in the API.
    await page.getByRole('button', { name: 'Menu' }).click();
    await navigation.getByRole('link', { name: 'Organizations' }).click();
    const form = page.getByRole('form', { name: 'Create a project' });
    await form.getByLabel('Project name').fill('mobile');
    await form.getByRole('button', { name: 'Create project' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `Created project ${t.server.home.name}/mobile.` })
      .waitFor();
    assert.equal(
      (await t.server.admin.get(`/v1/projects/${encodeURIComponent(`${t.server.home.name}/mobile`)}`)).status,
      200,
    );
  });

  test('an unknown console page says so, inside the console', async () => {
    const page = await t.newPage();
    await signIn(page, t.server);
    await page.goto('/console/no-such-page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await screenshot(page, 'page-not-found');
  });
});

function noHorizontalScroll(page: Page): Promise<boolean> {
  // Evaluated in the page (a string: the server's type-check has no DOM library).
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}
