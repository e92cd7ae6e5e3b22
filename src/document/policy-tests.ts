import { AccessEngine } from '../core/engine.js';
import type { Explanation, TargetRef } from '../core/decision.js';
import { SYSTEM_ACTOR, judge } from '../core/gate.js';
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
  // The fixture passes the gate's integrity rules (separation of duties among them) like any write.
  const refused = judge(engine, SYSTEM_ACTOR, plan.changes)[0];
  if (refused !== undefined) return { ok: false, errors: [{ path: 'fixture', message: refused.message }] };
  engine.apply(plan.changes);

  const errors: DocumentError[] = [];
  const cases: {
    path: string;
    name: string;
    user: string | null;
    permission: string;
    resource: TargetRef;
    expected: boolean;
    now?: number;
    activeRoles?: readonly string[];
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
    if (expectation.at !== undefined && Number.isNaN(Date.parse(expectation.at)))
      return errors.push({ path: `${path}.at`, message: `"${expectation.at}" is not an ISO 8601 date-time` });
    const expected = expectation.may !== undefined;
    const on = typeof expectation.on === 'string' ? expectation.on : `${resource.type}/${resource.id}`;
    const when = expectation.at === undefined ? '' : ` at ${expectation.at}`;
    const session = expectation.activeRoles === undefined ? '' : ` after using ${expectation.activeRoles.join(', ')}`;
    const name =
      expectation.name ??
      `${user ?? 'a guest'} ${expected ? 'may' : 'may not'} ${permission} on ${on}${when}${session}`;
    cases.push({
      path,
      name,
      user,
      permission,
      resource,
      expected,
      ...(expectation.at === undefined ? {} : { now: Date.parse(expectation.at) }),
      ...(expectation.activeRoles === undefined ? {} : { activeRoles: expectation.activeRoles }),
    });
  });
  if (errors.length > 0) return { ok: false, errors };

  const results: PolicyTestResult[] = [];
  for (const item of cases) {
    const explanation = engine.explain({
      user: item.user,
      permission: item.permission,
      resource: item.resource,
      ...(item.now === undefined ? {} : { now: item.now }),
      ...(item.activeRoles === undefined ? {} : { activeRoles: item.activeRoles }),
    });
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
  for (const [i, assignment] of (document.assignments ?? []).entries()) {
    if (options.stopAtFirstFailure === true && results.some((r) => !r.passed)) break;
    results.push(tryAssignment(engine, assignment, `assignments[${i}]`, options));
  }
  const failed = results.filter((r) => !r.passed).length;
  return { ok: true, results, passed: results.length - failed, failed };
}

/** Plans one mapping on top of the fixture and judges it: refused when the plan or the gate refuses it. */
function tryAssignment(
  engine: AccessEngine,
  assignment: NonNullable<PolicyTestDocument['assignments']>[number],
  path: string,
  options: PlanOptions,
): PolicyTestResult {
  const m = assignment.mapping;
  const subject =
    m.user ?? (m.group === undefined ? (m.everyone === true ? 'everyone' : 'a guest') : `group ${m.group}`);
  const where = m.organization ?? m.project ?? m.resource ?? '';
  const name =
    assignment.name ??
    `mapping ${m.role} to ${subject} at ${where} ${assignment.refused ? 'is refused' : 'is accepted'}`;
  const plan = planDocument(engine, { mappings: [m] }, options);
  const violation = plan.ok ? judge(engine, SYSTEM_ACTOR, plan.changes)[0] : undefined;
  const reason = plan.ok ? violation?.message : plan.errors.map((e) => e.message).join('; ');
  const refused = reason !== undefined;
  return {
    name,
    path,
    expected: !assignment.refused,
    allowed: !refused,
    passed: refused === assignment.refused,
    explanation: {
      user: null,
      permission: '',
      target: null,
      grant: null,
      grants: [],
      denial: refused ? { code: 'SEPARATION_OF_DUTIES', reason } : null,
      excluded: [],
    },
  };
}
