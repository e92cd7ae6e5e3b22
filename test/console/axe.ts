import assert from 'node:assert/strict';
import axe from 'axe-core';
import type { Page } from './harness.js';

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/**
 * Runs axe-core's default rules (WCAG 2.x A and AA and best practices; not its experimental ones) on
 * the page as it stands and fails on any serious or critical violation, naming each rule and the
 * elements it found.
 */
export async function assertAccessible(page: Page, state: string): Promise<void> {
  // Evaluated, not added as a script tag: the console's Content-Security-Policy refuses inline scripts.
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.evaluate(axe.source);
  // A string, run in the page: the tests are compiled without the DOM's types.
  const violations = await page.evaluate<Violation[]>(`axe
    .run(document)
    .then((result) => result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: [...n.target] })),
    })))`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    serious.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `accessibility violations on ${state}`,
  );
}
