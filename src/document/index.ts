import type { AccessEngine } from '../core/engine.js';
import { TesseraError } from '../core/errors.js';
import { type PlanOptions, type PlanReport, planDocument } from './plan.js';
import { type DocumentError, formatError, parseText } from './validate.js';

export { planDocument, type Plan, type PlanOptions, type PlanReport, type PresetResolver } from './plan.js';
export { exportDocument } from './export.js';
export { runPolicyTests, type PolicyTestResult } from './policy-tests.js';
export { type DocumentError, formatError, parseText, schemaErrors } from './validate.js';
export * from './schema.js';

/** A document that cannot be applied; `errors` lists every problem with its path. */
export class InvalidDocumentError extends TesseraError {
  readonly errors: readonly DocumentError[];

  constructor(errors: readonly DocumentError[], source?: string) {
    const where = source === undefined ? '' : `${source}: `;
    super('INVALID', `${where}${errors.map(formatError).join('; ')}`, { errors });
    this.name = 'InvalidDocumentError';
    this.errors = errors;
  }
}

/**
 * Parses (when given text), validates and applies a document in one atomic batch. Throws
 * `InvalidDocumentError` listing every problem; on success reports what was created, changed
 * and left alone, and the revision.
 */
export function applyDocument(
  engine: AccessEngine,
  input: unknown,
  options: PlanOptions & { readonly source?: string } = {},
): PlanReport & { revision: number } {
  let value = input;
  if (typeof input === 'string') {
    const parsed = parseText(input);
    if (parsed.errors.length > 0) throw new InvalidDocumentError(parsed.errors, options.source);
    value = parsed.value;
  }
  const plan = planDocument(engine, value, options);
  if (!plan.ok) throw new InvalidDocumentError(plan.errors, options.source);
  const revision = plan.changes.length > 0 ? engine.apply(plan.changes) : engine.revision;
  return { ...plan.report, revision };
}
