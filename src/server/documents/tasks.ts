import type { Change } from '../../core/changes.js';
import type { DocumentError, PlanReport, PolicyTestResult } from '../../document/index.js';

/** Work for the document worker: a document (text or value) to plan against a state, or policy tests to run. */
export type DocumentTask =
  | {
      readonly kind: 'plan';
      readonly input: unknown;
      /** Every record of the state to plan against, by kind (as the store's tables hold them). */
      readonly rows: unknown;
      readonly revision: number;
    }
  | { readonly kind: 'policy-tests'; readonly input: unknown };

export type DocumentTaskResult =
  | { readonly ok: false; readonly errors: readonly DocumentError[] }
  | { readonly ok: true; readonly changes: readonly Change[]; readonly report: PlanReport }
  | {
      readonly ok: true;
      readonly policyTests: {
        readonly results: readonly PolicyTestResult[];
        readonly passed: number;
        readonly failed: number;
      };
    };
