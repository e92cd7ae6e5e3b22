import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: sign-in', () => {
  let t: ConsoleTest;
  before(async () => {
    t = await startConsoleTest();
  });
  after(() => t.close());

  test('the server sends / to the console, and a visitor to the sign-in page', async () => {
    const page = await t.newPage();
    await page.goto('/');
    await page.waitForURL('**/console/sign-in');
    await page.getByRole('heading', { name: 'Sign in to Tessera' }).waitFor();
    await screenshot(page, 'sign-in');
    const session = await page.request.get('/v1/session');
    assert.equal(session.status(), 401, 'nobody is signed in yet');
  });

  test('a wrong password is shown in words, and no session is made', async () => {
    const page = await t.newPage();
    await page.goto('/console/');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.innerText()).trim(), 'The username or password is wrong, or the account cannot sign in.');
    await screenshot(page, 'sign-in-wrong-password');
    assert.equal((await page.request.get('/v1/session')).status(), 401);
  });

  test('signing in shows the console with the user and the organizations, and the API knows the session', async () => {
    const page = await t.newPage();
    await signIn(page, t.server);
    await page.waitForURL('**/console/organizations');
    const header = page.getByRole('banner');
    assert.match(await header.innerText(), /PRIMARY\/admin|admin/);
    const switcher = page.getByLabel('Organization', { exact: true });
    assert.equal(await switcher.locator('option:checked').innerText(), t.server.home.name);
    const session = await page.request.get('/v1/session');
    assert.equal(session.status(), 200);
    const body = (await session.json()) as { user: { username: string }; via: string; csrfToken: string };
    assert.equal(body.user.username, 'admin');
    assert.equal(body.via, 'session');
    assert.ok(body.csrfToken.length > 0);

    // After a reload the session and its CSRF token come back: an unsafe request still works.
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Tessera' }).waitFor();
    assert.equal((await page.request.get('/v1/session')).status(), 401, 'signing out ends the session');
  });

  test('signing in and out works by keyboard alone', async () => {
    const page = await t.newPage();
    await page.goto('/console/');
    await page.getByRole('heading', { name: 'Sign in to Tessera' }).waitFor();
    // The username field has focus on arrival.
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type(t.server.adminPassword);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    assert.equal((await page.request.get('/v1/session')).status(), 200);

    // Focus lands on the page; Shift+Tab walks back through the navigation to Sign out.
    assert.equal(await page.evaluate<string | undefined>('document.activeElement?.id'), 'content');
    let reached = false;
    for (let i = 0; i < 25 && !reached; i++) {
      await page.keyboard.press('Shift+Tab');
      reached = (await page.evaluate<string | null | undefined>('document.activeElement?.textContent')) === 'Sign out';
    }
    assert.ok(reached, 'Sign out is reachable by Tab');
    const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    assert.equal(outline, 'solid', 'the focused control shows a focus ring');
    await screenshot(page, 'keyboard-focus');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in to Tessera' }).waitFor();
    assert.equal((await page.request.get('/v1/session')).status(), 401);
  });

  test('throttled sign-ins are shown in words with the wait', async () => {
    const page = await t.newPage();
    await page.goto('/console/');
    await page.getByLabel('Username').fill('mallory');
    await page.getByLabel('Password').fill('guess');
    // Nine failures, each throttled wait waited out: from the sixth on, each attempt must wait twice as
    // long (1 s, 2 s, 4 s), so the click below meets an 8 s wait, longer than a click takes on a busy machine.
    let failures = 0;
    while (failures < 9) {
      const answer = await page.request.post('/v1/session', {
        data: { username: 'mallory', password: `guess-${failures}`, mode: 'cookie' },
      });
      if (answer.status() === 401) failures++;
      else {
        assert.equal(answer.status(), 429);
        await sleep(Number(answer.headers()['retry-after'] ?? '1') * 1000);
      }
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    // Asked at once, while the wait the alert names still runs (a screenshot first could outlast it).
    const answer = await page.request.post('/v1/session', {
      data: { username: 'mallory', password: 'again', mode: 'cookie' },
    });
    assert.equal(answer.status(), 429);
    assert.match((await alert.innerText()).trim(), /^Too many failed sign-ins; try again in \d+ s\.$/);
    await screenshot(page, 'sign-in-throttled');
  });
});
