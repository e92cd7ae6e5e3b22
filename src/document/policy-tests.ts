import { AccessEngine } from '../core/engine.js';
import type { Explanation, TargetRef } from '../core/decision.js';
import { type PlanOptions, planDocument } from './plan.js';
import { PolicyTestDocument } from './schema.js';
import { type DocumentError, schemaErrors } from './validate.js';

export interface PolicyTestResult {
  /** `alice may api:publish on api/pizza-shack`, or the expectation's own name. */
  readonly name: string;
  readonly path: string;
  readonly expected: boolean;
  readonly allowed: boolean;
  readonly passed: boolean;
  readonly explanation: Explanation;
}

export type PolicyTestRun =
  | { readonly ok: true; readonly results: PolicyTestResult[]; readonly passed: number; readonly failed: number }
  | { readonly ok: false; readonly errors: DocumentError[] };

/** `api/pizza-shack` → `{ type: 'api', id: 'pizza-shack' }`; `project/acme/engineering` → project `acme/engineering`. */
export function parseTargetRef(on: string | TargetRef): TargetRef | undefined {
  if (typeof on !== 'string') return on;
  const slash = on.indexOf('/');
  if (slash <= 0 || slash === on.length - 1) return undefined;
  return { type: on.slice(0, slash), id: on.slice(slash + 1) };
}

/**
 * Runs a policy-test document (docs/policy-tests.md): applies its fixture to a fresh engine and checks each
 * expectation. With `stopAtFirstFailure`, results end at the first unmet expectation.
 */
export function runPolicyTests(
  input: unknown,
  options: PlanOptions & { readonly stopAtFirstFailure?: boolean } = {},
): PolicyTestRun {
  const structural = schemaErrors(PolicyTestDocument, input);
  if (structural.length > 0) return { ok: false, errors: structural };
  const document = input as PolicyTestDocument;
  const engine = new AccessEngine();
  const plan = planDocument(engine, document.fixture, options);
  if (!plan.ok)
    return {
      ok: false,
      errors: plan.errors.map((e) => ({ ...e, path: e.path === '' ? 'fixture' : `fixture.${e.path}` })),
    };
  engine.apply(plan.changes);

  const errors: DocumentError[] = [];
  const cases: {
    path: string;
    name: string;
    user: string | null;
    permission: string;
    resource: TargetRef;
    expected: boolean;
  }[] = [];
  document.expectations.forEach((expectation, i) => {
    const path = `expectations[${i}]`;
    const given = [expectation.may, expectation.mayNot].filter((x) => x !== undefined);
    if (given.length !== 1) return errors.push({ path, message: 'give exactly one of may, mayNot' });
    const resource = parseTargetRef(expectation.on);
    if (resource === undefined)
      return errors.push({ path: `${path}.on`, message: `"${String(expectation.on)}" is not "type/id"` });
    if (engine.resolveTarget(resource) < 0)
      return errors.push({ path: `${path}.on`, message: `unknown ${resource.type} "${resource.id}"` });
    const user = expectation.user ?? null;
    if (user !== null && engine.findUser(user) === undefined)
      return errors.push({ path: `${path}.user`, message: `unknown user "${user}"` });
    const permission = (expectation.may ?? expectation.mayNot)!;
    if (engine.permission(permission) === undefined) {
      return errors.push({
        path: `${path}.${expectation.may === undefined ? 'mayNot' : 'may'}`,
        message: `unknown permission "${permission}"`,
      });
    }
    const expected = expectation.may !== undefined;
    const on = typeof expectation.on === 'string' ? expectation.on : `${resource.type}/${resource.id}`;
    const name = expectation.name ?? `${user ?? 'a guest'} ${expected ? 'may' : 'may not'} ${permission} on ${on}`;
    cases.push({ path, name, user, permission, resource, expected });
  });
  if (errors.length > 0) return { ok: false, errors };

  const results: PolicyTestResult[] = [];
  for (const item of cases) {
    const explanation = engine.explain({ user: item.user, permission: item.permission, resource: item.resource });
    const allowed = explanation.grant !== null;
    results.push({
      name: item.name,
      path: item.path,
      expected: item.expected,
      allowed,
      passed: allowed === item.expected,
      explanation,
    });
    if (allowed !== item.expected && options.stopAtFirstFailure === true) break;
  }
  const failed = results.filter((r) => !r.passed).length;
  return { ok: true, results, passed: results.length - failed, failed };
}
