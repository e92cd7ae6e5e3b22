import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import type { ServerSettings } from '../../src/server/config.js';
import { CONSOLE_DIRECTORY } from '../../src/server/console.js';
import { type TestServer, startTestServer } from '../server/harness.js';

export type { Page } from 'playwright-core';

/**
 * Debian's Chromium; playwright-core brings no browser of its own. Its headless shell (Debian's
 * chromium-headless-shell: the same Blink, without the desktop browser's per-profile services) when
 * installed: a fresh context and page there cost a tenth of the CPU of the full browser's.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const CHROMIUM =
  process.env.TESSERA_TEST_CHROMIUM ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results');
export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface ConsoleTest {
  readonly server: TestServer;
  readonly browser: Browser;
  /** `http://127.0.0.1:port/console`. */
  readonly consoleUrl: string;
  /** A fresh browser context (no cookies) with one page, at the given viewport. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A real Tessera server on loopback with a fresh SQLite file, serving the built console, and a
 * headless Chromium. The console must have been built (`npm run build:console`).
 */
export async function startConsoleTest(overrides: Partial<ServerSettings> = {}): Promise<ConsoleTest> {
  assert.ok(
    existsSync(join(CONSOLE_DIRECTORY, 'index.html')),
    'the console is not built: run `npm run build:console` first',
  );
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y chromium-headless-shell`);
  const server = await startTestServer('SQLite', overrides);
  let browser: Browser;
  try {
    browser = await sharedBrowser.acquire();
  } catch (error) {
    await server.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    consoleUrl: `${server.url}/console`,
    async newPage(viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, baseURL: server.url });
      contexts.push(context);
      const page = await context.newPage();
      // Generous: the test files run in parallel on two cores, several with a browser each; a wait
      // only ends early when something is wrong, so a long limit costs nothing on a green run.
      page.setDefaultTimeout(30_000);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      sharedBrowser.release();
      await server.close();
    },
  };
}

/**
 * One headless Chromium per test process, shared by the test files that run in it (scripts/run-tests.mjs
 * runs several in one process): a launch costs seconds of CPU. Each test still gets fresh contexts and
 * its own server. The browser closes shortly after its last user lets go, unless another file takes it.
 */
const sharedBrowser = (() => {
  let launched: Promise<Browser> | null = null;
  let users = 0;
  let closing: NodeJS.Timeout | null = null;
  return {
    acquire(): Promise<Browser> {
      users += 1;
      if (closing !== null) clearTimeout(closing);
      closing = null;
      launched ??= chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage'],
      });
      const current = launched;
      return current.catch((error: unknown) => {
        users -= 1;
        if (launched === current) launched = null;
        throw error;
      });
    },
    release(): void {
      users -= 1;
      if (users > 0 || launched === null) return;
      const browser = launched;
      closing = setTimeout(() => {
        closing = null;
        if (users > 0 || launched !== browser) return;
        launched = null;
        void browser.then((b) => b.close()).catch(() => undefined);
      }, 500);
    },
  };
})();

/** Signs in through the sign-in page as the bootstrapped admin; resolves on the first signed-in page. */
export async function signIn(
  page: Page,
  server: TestServer,
  username = 'admin',
  password = server.adminPassword,
): Promise<void> {
  await page.goto('/console/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Saves a full-page screenshot as test-results/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
