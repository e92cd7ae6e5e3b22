import assert from 'node:assert/strict';
import axe from 'axe-core';
import type { Page } from './harness.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/**
 * Runs axe-core on the page as it stands and fails on any serious or critical violation (WCAG 2.x A
 * and AA rules), naming each rule and the elements it found.
 */
export async function assertAccessible(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.addScriptTag({ content: axe.source });
  // A string, run in the page: the tests are compiled without the DOM's types.
  const violations = await page.evaluate<Violation[]>(`axe
    .run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} } })
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
