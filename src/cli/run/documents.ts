import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { stringify } from 'yaml';
import { AccessEngine } from '../../core/engine.js';
import {
  type DocumentError,
  InvalidDocumentError,
  type PlanReport,
  formatError,
  parseText,
  planDocument,
  runPolicyTests,
} from '../../document/index.js';
import { parseTargetRef } from '../../document/policy-tests.js';
import { presetResolver } from '../../presets/index.js';
import { applyDocumentToStore, exportStoreDocument } from '../../store/documents.js';
import { CliError, print } from '../context.js';
import { explanationLines } from '../format.js';
import { cliAudit, withStore } from './store.js';

/** Reads a document file; a missing or unreadable file is one readable line. */
function readDocument(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file`);
    if (code === 'EISDIR') throw new CliError(`${file}: is a directory, not a document`);
    throw new CliError(`${file}: cannot be read (${code ?? 'unknown error'})`);
  }
}

/** Every problem of an invalid document, one per line with its path; the caller exits 1. */
function printInvalid(file: string, errors: readonly DocumentError[]): void {
  process.stderr.write(
    `tessera: ${file} is not a valid document (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n`,
  );
  for (const error of errors) process.stderr.write(`  ${formatError(error)}\n`);
  process.exitCode = 1;
}

function printReport(report: PlanReport, revision: number, dryRun: boolean, verbose: boolean): void {
  const { created, changed, unchanged, deleted } = report;
  const verb = dryRun ? 'would be ' : '';
  const pruned = deleted === undefined ? '' : `, ${deleted.length} ${verb}deleted`;
  print(`${created.length} ${verb}created, ${changed.length} ${verb}changed${pruned}, ${unchanged.length} unchanged`);
  for (const item of created) print(`  + ${item}`);
  for (const item of changed) print(`  ~ ${item}`);
  for (const item of deleted ?? []) print(`  - ${item}`);
  if (verbose) for (const item of unchanged) print(`  = ${item}`);
  print(dryRun ? `dry run: nothing written (the database is at revision ${revision})` : `revision ${revision}`);
}

/** Same ids on every run, so an explanation's ids name records of an engine built from the same fixture. */
function sequentialIds(): () => string {
  let next = 0;
  return () => `00000000-0000-4000-8000-${(++next).toString(16).padStart(12, '0')}`;
}

/** The target an expectation named (its type is what the explanation prints for a resource). */
function explanationRef(
  explanation: { target: { id: string; name: string } | null },
  document: unknown,
  path: string,
): { type: string; id: string } {
  const index = Number(/\[(\d+)\]/.exec(path)?.[1] ?? -1);
  const on = (document as { expectations: { on: string | { type: string; id: string } }[] }).expectations[index]?.on;
  const ref = on === undefined ? undefined : parseTargetRef(on);
  return ref ?? { type: 'target', id: explanation.target?.name ?? '' };
}

export async function apply(
  file: string,
  flags: { database?: string; dryRun?: boolean; verbose?: boolean; force?: boolean; prune?: boolean },
): Promise<void> {
  const prune = flags.prune === true;
  const text = readDocument(file);
  const parsed = parseText(text);
  if (parsed.errors.length > 0) return printInvalid(file, parsed.errors);
  await withStore(flags, async (store) => {
    if (flags.dryRun === true) {
      const plan = planDocument(store.engine, parsed.value, { presets: presetResolver, prune });
      if (!plan.ok) return printInvalid(file, plan.errors);
      printReport(plan.report, store.revision, true, flags.verbose === true);
      return;
    }
    try {
      const result = await applyDocumentToStore(store, parsed.value, {
        presets: presetResolver,
        prune,
        source: file,
        write: {
          // The operator of the machine: the invariants hold; `--force` (recorded in the audit
          // action) skips the lock-out rule only, to recover an installation nobody can administer.
          actor: { kind: 'operator', force: flags.force === true },
          audit: cliAudit(
            flags.force === true ? 'document.apply.force' : 'document.apply',
            `document:${basename(file)}`,
          ),
        },
      });
      printReport(result, result.revision, false, flags.verbose === true);
    } catch (error) {
      if (error instanceof InvalidDocumentError) return printInvalid(file, error.errors);
      throw error;
    }
  });
}

export async function exportDocument(flags: {
  database?: string;
  output?: string;
  format?: 'yaml' | 'json';
}): Promise<void> {
  const format =
    flags.format ?? (flags.output !== undefined && extname(flags.output).toLowerCase() === '.json' ? 'json' : 'yaml');
  const text = await withStore(flags, async (store) => {
    const document = exportStoreDocument(store);
    return format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : stringify(document, { lineWidth: 0 });
  });
  if (flags.output === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(flags.output, text);
  } catch (error) {
    throw new CliError(
      `${flags.output}: cannot be written (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  }
  print(`wrote ${flags.output}`);
}

export async function test(file: string): Promise<void> {
  const parsed = parseText(readDocument(file));
  if (parsed.errors.length > 0) return printInvalid(file, parsed.errors);
  const run = runPolicyTests(parsed.value, {
    presets: presetResolver,
    newId: sequentialIds(),
    stopAtFirstFailure: true,
  });
  if (!run.ok) return printInvalid(file, run.errors);
  // The fixture again, with the same ids, to name the records in explanations.
  const engine = new AccessEngine();
  const fixture = (parsed.value as { fixture: unknown }).fixture;
  const plan = planDocument(engine, fixture, { presets: presetResolver, newId: sequentialIds() });
  if (plan.ok) engine.apply(plan.changes);
  for (const result of run.results) {
    if (result.passed) {
      print(`✓ ${result.name}`);
      continue;
    }
    print(`✗ ${result.name}`);
    print(`  expected: ${result.expected ? 'allowed' : 'denied'}, but it is ${result.allowed ? 'allowed' : 'denied'}`);
    const ref = explanationRef(result.explanation, parsed.value, result.path);
    for (const line of explanationLines(engine, result.explanation, result.explanation.user?.name ?? null, ref))
      print(`  ${line}`);
  }
  const total = (parsed.value as { expectations: unknown[] }).expectations.length;
  const skipped = total - run.results.length;
  print(`${run.passed} passed, ${run.failed} failed${skipped > 0 ? `, ${skipped} not run` : ''}`);
  if (run.failed > 0) process.exitCode = 1;
}
