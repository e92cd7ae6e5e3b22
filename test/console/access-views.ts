// What each kind of user sees in the console, for the per-preset tests: the navigation, axe-core's
// verdict on every page state visited, and screenshots at desktop and phone sizes.
import assert from 'node:assert/strict';
import { assertAccessible } from './axe.js';
import type { ConsoleTest, Page } from './harness.js';
import { PHONE, screenshot, signIn } from './harness.js';

/** The desktop size; phones use the harness's PHONE (390x844). */
export const WIDE = { width: 1440, height: 900 } as const;

/** The navigation's links, in order (opening the phone menu first when it is collapsed). */
export async function navigationLinks(page: Page): Promise<string[]> {
  const navigation = page.getByRole('navigation', { name: 'Main' });
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) {
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
    await navigation.waitFor({ state: 'visible' });
  }
  return navigation.getByRole('link').allInnerTexts();
}

/** The organization switcher's choices, or null when the header shows none. */
export async function switcherChoices(page: Page): Promise<string[] | null> {
  const switcher = page.getByLabel('Organization', { exact: true });
  if ((await switcher.count()) === 0) return null;
  return switcher.locator('option').allInnerTexts();
}

export interface Seen {
  readonly links: string[];
  readonly organizations: string[] | null;
  /** The heading of the page the console opened on. */
  readonly landing: string;
  /** Still signed in, on My access at 1440x900, for the test's own checks (closed with the test). */
  readonly page: Page;
}

/**
 * Signs in as the user at 1440x900, records the navigation and the switcher, opens every page the
 * navigation offers (none may refuse, each passes axe-core), then checks My access at 390x844 too
 * (one sign-in: the same page, resized), with screenshots of both.
 */
export async function visitAs(
  t: ConsoleTest,
  name: string,
  username: string,
  password: string,
  options: { readonly everyPage?: boolean } = {},
): Promise<Seen> {
  const page = await t.newPage(WIDE);
  await signIn(page, t.server, username, password);
  const landing = await page.getByRole('heading', { level: 1 }).innerText();
  const links = await navigationLinks(page);
  const organizations = await switcherChoices(page);
  await assertAccessible(page, `${name}: the first page`);
  await screenshot(page, `access-${name}-landing`);
  const navigation = page.getByRole('navigation', { name: 'Main' });
  const visited =
    options.everyPage === false ? ['My access'] : [...links.filter((l) => l !== 'My access'), 'My access'];
  for (const label of visited) {
    await navigation.getByRole('link', { name: label, exact: true }).click();
    await page.getByRole('heading', { name: label, level: 1 }).waitFor();
    // Nothing offered refuses after a click: give the page's first requests time to answer.
    await page.waitForLoadState('networkidle');
    const refusals = await page.locator('[data-problem="forbidden"]').allInnerTexts();
    assert.deepEqual(refusals, [], `${name} opened ${label} and was refused`);
    await assertAccessible(page, `${name}: ${label}`);
  }
  await page.getByRole('heading', { name: 'Your roles, explained' }).waitFor();
  await screenshot(page, `access-${name}-my-access`);

  await page.setViewportSize(PHONE);
  await assertAccessible(page, `${name}: My access on a phone`);
  assert.equal(
    await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'),
    true,
    `${name}: nothing is wider than the phone`,
  );
  await screenshot(page, `access-${name}-my-access-phone`);
  await page.setViewportSize(WIDE);
  return { links, organizations, landing, page };
}

/**
 * The actions the page offers in its main region, by their visible words: buttons and button-like
 * links, leaving out what only moves around the page (sorting, paging, choosing a row or project,
 * searching and the column picker).
 */
export async function actionsOffered(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const texts = await page
    .locator('main button:visible:not(.sort):not(.link):not(.tree-item), main a.button-link:visible')
    .allInnerTexts();
  return texts
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter((t) => !/^(Previous|Next|Search|Clear|Find users|Show more organizations)$/.test(t));
}

/** Opens a page from the main navigation and waits for its heading. */
export async function openPage(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { name: label, level: 1 }).waitFor();
}
