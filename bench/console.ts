/**
 * The console's first screen: from navigation to a usable sign-in form, in a fresh browser context
 * (no cache) on loopback, against a server on a temporary SQLite file serving the built console
 * (`npm run build:console` first). Chromium from /usr/bin/chromium (TESSERA_TEST_CHROMIUM elsewhere).
 * Run with `npm run bench:console`; `--loads=N` sets the timed loads (default 20).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../src/server/config.js';
import { startServer } from '../src/server/server.js';
import { createSqliteStore } from '../src/store/index.js';
import { formatTable } from './measure.js';

const LOADS = Number(process.argv.find((a) => a.startsWith('--loads='))?.split('=')[1] ?? 20);
const TARGET_MS = 1_000;
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const directory = mkdtempSync(join(tmpdir(), 'tessera-bench-console-'));
const store = await createSqliteStore({ database: join(directory, 'tessera.db'), followIntervalMs: 0 });
const server = await startServer(
  { ...DEFAULT_SETTINGS, port: 0, logLevel: 'silent', adminPassword: 'bench-admin-password' },
  { store },
);
const browser = await chromium.launch({
  executablePath: process.env.TESSERA_TEST_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  console.log(`Console first screen: ${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(2)}`);
  const times: number[] = [];
  for (let i = 0; i <= LOADS; i++) {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/console/');
    await page.getByLabel('Username').fill('admin');
    const elapsed = await page.evaluate(() => performance.now());
    if (i > 0) times.push(elapsed); // the first load warms the server and the browser
    await context.close();
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  console.log(
    `\n${formatTable(
      ['measure', 'p50', 'p95', 'target', 'met'],
      [
        [
          `sign-in form usable, fresh context (${LOADS} loads)`,
          `${Math.round(p50)} ms`,
          `${Math.round(p95)} ms`,
          `< ${TARGET_MS} ms`,
          p95 < TARGET_MS ? 'yes' : 'no',
        ],
      ],
    )}`,
  );
} finally {
  await browser.close();
  await server.close();
  await store.close();
  rmSync(directory, { recursive: true, force: true });
}
