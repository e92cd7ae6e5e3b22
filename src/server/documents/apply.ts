import { TesseraError } from '../../core/errors.js';
import { InvalidDocumentError, type PlanReport, type PolicyTestResult } from '../../document/index.js';
import type { Store, WriteOptions } from '../../store/index.js';
import { plannedVersions } from '../../store/documents.js';
import { withOrganizationMembers } from '../../store/organization-member-rows.js';
import { type WorkerLimits, runInWorker, snapshotRows } from './offload.js';

/** How many times a document is planned again when the state moved while the worker planned it. */
const RETRIES = 3;

/**
 * Applies a document (YAML/JSON text or a parsed value) as `applyDocumentToStore` does, but parses,
 * validates and plans it in a worker thread, against a snapshot of the index: the event loop keeps
 * answering decisions meanwhile. The write expects every entity the plan changes at the version it
 * was planned against; when the state moved, the document is planned again.
 */
export async function applyDocumentInWorker(
  store: Store,
  input: unknown,
  options: { readonly write: WriteOptions; readonly dryRun?: boolean; readonly limits?: WorkerLimits },
): Promise<PlanReport & { revision: number; dryRun: boolean }> {
  const { write, dryRun = false, limits } = options;
  for (let attempt = 0; ; attempt++) {
    await store.sync();
    const revision = store.revision;
    const result = await runInWorker({ kind: 'plan', input, rows: snapshotRows(store), revision }, limits);
    if (!result.ok) throw new InvalidDocumentError(result.errors);
    if (!('changes' in result)) throw new Error('the document worker answered no plan');
    if (dryRun) return { ...result.report, revision, dryRun: true };
    if (result.changes.length === 0) return { ...result.report, revision: store.revision, dryRun: false };
    // Planned against an older state: plan again rather than write over what changed meanwhile.
    if (store.revision !== revision) {
      if (attempt < RETRIES) continue;
      throw new TesseraError('CONFLICT', 'the state kept changing while the document was planned; apply it again', {});
    }
    const expect = plannedVersions(store, result.changes, write.expect);
    try {
      const written = await store.write(result.changes, {
        ...write,
        expect,
        alongside: withOrganizationMembers(() => store.engine, result.changes, write.alongside),
      });
      return { ...result.report, revision: written.revision, dryRun: false };
    } catch (error) {
      const ours =
        error instanceof TesseraError &&
        error.code === 'CONFLICT' &&
        !(write.expect ?? []).some((e) => e.kind === error.details.kind && e.key === error.details.key);
      if (!ours || attempt >= RETRIES) throw error;
    }
  }
}

/** Runs a policy-test document (text or value) in a worker thread; it never touches the live state. */
export async function runPolicyTestsInWorker(
  input: unknown,
  limits?: WorkerLimits,
): Promise<{ results: readonly PolicyTestResult[]; passed: number; failed: number }> {
  const result = await runInWorker({ kind: 'policy-tests', input }, limits);
  if (!result.ok) throw new InvalidDocumentError(result.errors);
  if (!('policyTests' in result)) throw new Error('the document worker answered no test run');
  return result.policyTests;
}
