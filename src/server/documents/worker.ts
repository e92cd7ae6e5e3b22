// The document worker: parses, validates and plans documents off the server's event loop.
import { parentPort } from 'node:worker_threads';
import { AccessEngine } from '../../core/engine.js';
import { parseText, planDocument, runPolicyTests } from '../../document/index.js';
import { presetResolver } from '../../presets/index.js';
import { type Rows, changesFromRows } from '../../store/rows.js';
import type { DocumentTask, DocumentTaskResult } from './tasks.js';

function run(task: DocumentTask): DocumentTaskResult {
  let value = task.input;
  if (typeof value === 'string') {
    const parsed = parseText(value);
    if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors };
    value = parsed.value;
  }
  if (task.kind === 'policy-tests') {
    const run = runPolicyTests(value, { presets: presetResolver });
    return run.ok ? { ok: true, policyTests: run } : { ok: false, errors: run.errors };
  }
  const engine = new AccessEngine();
  if (task.revision > 0) engine.apply(changesFromRows(task.rows as Rows), task.revision);
  const plan = planDocument(engine, value, { presets: presetResolver });
  return plan.ok ? { ok: true, changes: plan.changes, report: plan.report } : { ok: false, errors: plan.errors };
}

parentPort?.on('message', (task: DocumentTask) => {
  try {
    parentPort?.postMessage(run(task));
  } catch (error) {
    parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) });
  }
});
