/**
 * Approval workflows (docs/approvals.md): an operation that would take effect at once (publishing an
 * API, subscribing an application to an API, registering an application) becomes a request, and
 * the effect exists only once a holder of the flow's approver permission approves it. Pure: no I/O.
 *
 * Which flows an installation has follows its permission tree: a flow is offered when the tree
 * holds the permission that approves it (WSO2's `admin:manage:workflowadmin`, Akana's
 * `api:approve` and `api:contract:approve`, Choreo's `workflow:approve:api-subscription`), so each
 * preset brings its own, and a custom tree can take one up by adding the permission.
 */
import type { AccessEngine } from './engine.js';

export const APPROVAL_FLOWS = ['api-publish', 'subscription', 'application-create'] as const;
/** What a request asks for: publishing an API, an application's subscription (Akana: contract) to an API, a new application. */
export type ApprovalFlow = (typeof APPROVAL_FLOWS)[number];

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** One platform's form of a flow: who approves, who may configure it, and what it is called there. */
export interface WorkflowDefinition {
  readonly flow: ApprovalFlow;
  /** The platform whose preset defines `approver`. */
  readonly platform: 'wso2-apim' | 'akana' | 'choreo';
  /** The platform's name for the flow. */
  readonly title: string;
  /** The permission an approver holds, judged at the request's target (the API, or the organization). */
  readonly approver: string;
  /** The permission that turns the flow on or off for an organization, judged at that organization. */
  readonly configure: string;
  /** Whether an organization that never configured the flow has it on. */
  readonly defaultEnabled: boolean;
}

/**
 * Every known form, most specific first. None is on by default: WSO2 ships its workflow executors
 * as the "Simple" (no approval) ones, Choreo's approvals are configured by an organization admin,
 * and Akana requires contract approval only where an API's settings ask for it.
 */
export const WORKFLOW_DEFINITIONS: readonly WorkflowDefinition[] = [
  {
    flow: 'api-publish',
    platform: 'akana',
    title: 'API approval for publishing (API Approver)',
    approver: 'api:approve',
    configure: 'organization:update',
    defaultEnabled: false,
  },
  {
    flow: 'api-publish',
    platform: 'wso2-apim',
    title: 'API state change workflow (publishing)',
    approver: 'admin:manage:workflowadmin',
    configure: 'admin:manage:workflowadmin',
    defaultEnabled: false,
  },
  {
    flow: 'subscription',
    platform: 'akana',
    title: 'App/API contract approval (Provision Manager)',
    approver: 'api:contract:approve',
    configure: 'organization:update',
    defaultEnabled: false,
  },
  {
    flow: 'subscription',
    platform: 'choreo',
    title: 'API subscription approval',
    approver: 'workflow:approve:api-subscription',
    configure: 'workflow:configure',
    defaultEnabled: false,
  },
  {
    flow: 'subscription',
    platform: 'wso2-apim',
    title: 'Subscription creation workflow',
    approver: 'admin:manage:workflowadmin',
    configure: 'admin:manage:workflowadmin',
    defaultEnabled: false,
  },
  {
    flow: 'application-create',
    platform: 'wso2-apim',
    title: 'Application creation workflow',
    approver: 'admin:manage:workflowadmin',
    configure: 'admin:manage:workflowadmin',
    defaultEnabled: false,
  },
];

/** The form of `flow` this installation's permission tree offers, or undefined when it offers none. */
export function workflowOf(engine: AccessEngine, flow: ApprovalFlow): WorkflowDefinition | undefined {
  return WORKFLOW_DEFINITIONS.find((d) => d.flow === flow && engine.permission(d.approver) !== undefined);
}

/** Every flow the installation offers. */
export function offeredWorkflows(engine: AccessEngine): WorkflowDefinition[] {
  return APPROVAL_FLOWS.flatMap((flow) => {
    const definition = workflowOf(engine, flow);
    return definition === undefined ? [] : [definition];
  });
}

/**
 * Whether a flow is on for an organization: the nearest setting on it or its parents, else the
 * flow's default. `settings` maps organization id → enabled, for this flow.
 */
export function workflowEnabled(
  engine: AccessEngine,
  definition: WorkflowDefinition,
  organization: string,
  settings: ReadonlyMap<string, boolean>,
): boolean {
  const parents = new Map(engine.organizations().map((o) => [o.id, o.parent]));
  const seen = new Set<string>();
  for (let at: string | null | undefined = organization; at != null && !seen.has(at); at = parents.get(at)) {
    seen.add(at);
    const setting = settings.get(at);
    if (setting !== undefined) return setting;
  }
  return definition.defaultEnabled;
}

/** What a decision is judged on. */
export interface ApprovalSubject {
  readonly flow: ApprovalFlow;
  readonly status: ApprovalStatus;
  readonly requester: string;
  /** Where the approver permission is judged: the API (`api`, id) or the organization. */
  readonly targetType: string;
  readonly targetId: string;
}

export type DecisionRefusal =
  | { readonly ok: false; readonly reason: 'self-approval'; readonly message: string }
  | { readonly ok: false; readonly reason: 'not-approver'; readonly message: string; readonly permission: string }
  | { readonly ok: false; readonly reason: 'decided'; readonly message: string }
  | { readonly ok: false; readonly reason: 'not-offered'; readonly message: string };

/**
 * Whether `actor` may approve or reject a request: it must be pending, the actor must hold the
 * flow's approver permission at the request's target, and never be its requester (maker/checker,
 * whatever the actor holds, `*` included).
 */
export function canDecide(
  engine: AccessEngine,
  actor: string,
  request: ApprovalSubject,
): { readonly ok: true } | DecisionRefusal {
  if (request.status !== 'pending')
    return { ok: false, reason: 'decided', message: `the request was ${request.status} already` };
  if (request.requester === actor)
    return {
      ok: false,
      reason: 'self-approval',
      message:
        'a request cannot be approved or rejected by its own requester (maker/checker), whatever roles they hold',
    };
  const definition = workflowOf(engine, request.flow);
  if (definition === undefined)
    return {
      ok: false,
      reason: 'not-offered',
      message: `the permission tree no longer offers the ${request.flow} flow`,
    };
  if (!engine.allowed(actor, definition.approver, request.targetType, request.targetId))
    return {
      ok: false,
      reason: 'not-approver',
      message: `deciding this request requires the permission "${definition.approver}" at its ${request.targetType === 'organization' ? 'organization' : 'API'}`,
      permission: definition.approver,
    };
  return { ok: true };
}

/** Whether `actor` would be offered the request to decide: it is pending and `canDecide` says yes. */
export function mayDecide(engine: AccessEngine, actor: string, request: ApprovalSubject): boolean {
  return canDecide(engine, actor, request).ok;
}
