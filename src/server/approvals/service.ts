import { randomUUID } from 'node:crypto';
import {
  type ApprovalFlow,
  type ApprovalStatus,
  type ApprovalSubject,
  type WorkflowDefinition,
  canDecide,
  workflowEnabled,
  workflowOf,
} from '../../core/approvals.js';
import type { AccessEngine } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import type { GateActor } from '../../core/gate.js';
import type { Resource } from '../../core/model.js';
import type { AuditEffect, Store, Transaction } from '../../store/index.js';
import type { ApplicationRow, ApprovalRow, SubscriptionRow } from '../../store/schema.js';

/**
 * The approval workflows' storage (docs/approvals.md): requests, decisions and their effects,
 * each audited in the transaction that writes it. Shared by the HTTP routes and the CLI.
 */

/** Who acts, for the audit log and for the rules. */
export interface Actor {
  readonly id: string;
  /** As the audit log names it (`PRIMARY/alice`, `cli:ops as PRIMARY/alice`). */
  readonly name: string;
}

/** What approving a request creates. */
export type ApprovalPayload =
  | { readonly kind: 'api-publish'; readonly resource: string }
  | { readonly kind: 'subscription'; readonly application: string; readonly resource: string }
  | { readonly kind: 'application-create'; readonly application: ApplicationRow };

/** Why a decision was refused: the rule's reason and its words. */
export class ApprovalRefusal extends Error {
  constructor(
    readonly reason: 'self-approval' | 'not-approver' | 'decided' | 'not-offered' | 'gone',
    message: string,
    readonly permission?: string,
  ) {
    super(message);
    this.name = 'ApprovalRefusal';
  }
}

export function subjectOf(row: ApprovalRow): ApprovalSubject {
  return {
    flow: row.flow as ApprovalFlow,
    status: row.status as ApprovalStatus,
    requester: row.requester,
    targetType: row.target_type,
    targetId: row.target_id,
  };
}

export function payloadOf(row: ApprovalRow): ApprovalPayload {
  return JSON.parse(row.payload) as ApprovalPayload;
}

/** The audit log's copy of a request. */
function auditRecord(row: ApprovalRow) {
  return { ...row, payload: payloadOf(row) };
}

/**
 * The flow's definition when it is on for `organization` (its own setting, else its nearest
 * parent's, else the flow's default); undefined when requests take effect at once.
 */
export async function workflowOn(
  store: Store,
  flow: ApprovalFlow,
  organization: string,
): Promise<WorkflowDefinition | undefined> {
  const definition = workflowOf(store.engine, flow);
  if (definition === undefined) return undefined;
  const rows = await store.database
    .selectFrom('approval_workflows')
    .select(['organization', 'enabled'])
    .where('flow', '=', flow)
    .execute();
  const settings = new Map(rows.map((r) => [r.organization, Number(r.enabled) === 1]));
  return workflowEnabled(store.engine, definition, organization, settings) ? definition : undefined;
}

/** Every organization's explicit settings of `flow`. */
export async function workflowSettings(store: Store, flow: ApprovalFlow): Promise<Map<string, boolean>> {
  const rows = await store.database
    .selectFrom('approval_workflows')
    .select(['organization', 'enabled'])
    .where('flow', '=', flow)
    .execute();
  return new Map(rows.map((r) => [r.organization, Number(r.enabled) === 1]));
}

/** Turns a flow on or off for an organization (and the organizations below it that set nothing), audited. */
export async function setWorkflow(
  store: Store,
  actor: Actor,
  organization: string,
  flow: ApprovalFlow,
  enabled: boolean,
): Promise<void> {
  const at = new Date().toISOString();
  const before = await store.database
    .selectFrom('approval_workflows')
    .selectAll()
    .where('organization', '=', organization)
    .where('flow', '=', flow)
    .executeTakeFirst();
  const row = { organization, flow, enabled: enabled ? 1 : 0, updated_by: actor.id, updated_at: at };
  await store.transact(
    async (tx) => {
      await tx
        .deleteFrom('approval_workflows')
        .where('organization', '=', organization)
        .where('flow', '=', flow)
        .execute();
      await tx.insertInto('approval_workflows').values(row).execute();
    },
    {
      actor: actor.id,
      actorName: actor.name,
      action: 'approval-workflow.update',
      target: `organization:${organization}`,
      effects: [{ kind: 'approvalWorkflow', key: `${organization}/${flow}`, before: before ?? null, after: row }],
    },
  );
}

/**
 * Records a request instead of its effect. `check` runs in the same transaction, under the write
 * lock, before the row is written (a duplicate refused there leaves nothing behind).
 */
export async function createRequest(
  store: Store,
  actor: Actor,
  request: {
    readonly flow: ApprovalFlow;
    readonly organization: string;
    readonly targetType: string;
    readonly targetId: string;
    readonly payload: ApprovalPayload;
  },
  check?: (tx: Transaction) => Promise<void>,
): Promise<ApprovalRow> {
  const row: ApprovalRow = {
    id: randomUUID(),
    flow: request.flow,
    status: 'pending',
    organization: request.organization,
    target_type: request.targetType,
    target_id: request.targetId,
    requester: actor.id,
    requested_at: new Date().toISOString(),
    payload: JSON.stringify(request.payload),
    decided_by: null,
    decided_at: null,
    reason: null,
    effect: null,
  };
  await store.transact(
    async (tx) => {
      await check?.(tx);
      await tx.insertInto('approvals').values(row).execute();
    },
    {
      actor: actor.id,
      actorName: actor.name,
      action: 'approval.request',
      target: `approval:${row.id}`,
      effects: [{ kind: 'approval', key: row.id, before: null, after: auditRecord(row) }],
    },
  );
  return row;
}

export async function findApproval(store: Store, id: string): Promise<ApprovalRow | undefined> {
  return store.database.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A pending request with this payload's key, for refusing a second identical one. */
export async function pendingLike(
  tx: Transaction,
  flow: ApprovalFlow,
  matches: (payload: ApprovalPayload) => boolean,
): Promise<ApprovalRow | undefined> {
  const rows = await tx
    .selectFrom('approvals')
    .selectAll()
    .where('flow', '=', flow)
    .where('status', '=', 'pending')
    .execute();
  return rows.find((r) => matches(payloadOf(r)));
}

function refuseUnlessAllowed(engine: AccessEngine, actor: string, row: ApprovalRow): void {
  const verdict = canDecide(engine, actor, subjectOf(row));
  if (!verdict.ok)
    throw new ApprovalRefusal(
      verdict.reason,
      verdict.message,
      'permission' in verdict ? verdict.permission : undefined,
    );
}

/** Marks the request decided, under the lock, unless another decision got there first. */
async function markDecided(
  tx: Transaction,
  engine: AccessEngine,
  actor: Actor,
  row: ApprovalRow,
  decided: Pick<ApprovalRow, 'status' | 'decided_by' | 'decided_at' | 'reason' | 'effect'>,
): Promise<void> {
  const current = await tx.selectFrom('approvals').selectAll().where('id', '=', row.id).executeTakeFirst();
  if (current === undefined) throw new ApprovalRefusal('gone', 'the request no longer exists');
  refuseUnlessAllowed(engine, actor.id, current);
  await tx.updateTable('approvals').set(decided).where('id', '=', row.id).where('status', '=', 'pending').execute();
}

/**
 * Rejects a pending request with a reason: nothing takes effect. Refused for its requester and for
 * anyone without the flow's approver permission at its target.
 */
export async function rejectRequest(store: Store, actor: Actor, id: string, reason: string): Promise<ApprovalRow> {
  const row = await findApproval(store, id);
  if (row === undefined) throw new ApprovalRefusal('gone', `approval request "${id}" does not exist`);
  refuseUnlessAllowed(store.engine, actor.id, row);
  const decided = {
    status: 'rejected',
    decided_by: actor.id,
    decided_at: new Date().toISOString(),
    reason,
    effect: null,
  } as const;
  const after: ApprovalRow = { ...row, ...decided };
  await store.transact((tx) => markDecided(tx, store.engine, actor, row, decided), {
    actor: actor.id,
    actorName: actor.name,
    action: 'approval.reject',
    target: `approval:${row.id}`,
    effects: [{ kind: 'approval', key: row.id, before: auditRecord(row), after: auditRecord(after) }],
  });
  return after;
}

/**
 * Approves a pending request and creates its effect in the same transaction: the API's published
 * state (it stops being private; a model write, judged by the gate as its requester, as an
 * invitation accepted later is judged as its inviter), the subscription, or the application.
 */
export async function approveRequest(
  store: Store,
  actor: Actor,
  id: string,
  reason: string | null,
  home: string,
): Promise<ApprovalRow> {
  const row = await findApproval(store, id);
  if (row === undefined) throw new ApprovalRefusal('gone', `approval request "${id}" does not exist`);
  refuseUnlessAllowed(store.engine, actor.id, row);
  const payload = payloadOf(row);
  const decidedAt = new Date().toISOString();
  const audit = { actor: actor.id, actorName: actor.name, action: 'approval.approve', target: `approval:${row.id}` };

  if (payload.kind === 'api-publish') {
    const resource = store.engine.resources().find((r) => r.id === payload.resource);
    if (resource === undefined) throw new ApprovalRefusal('gone', 'the API of this request was deleted since');
    const decided = {
      status: 'approved',
      decided_by: actor.id,
      decided_at: decidedAt,
      reason,
      effect: `resource:${resource.id}`,
    } as const;
    const published: Resource = { ...resource, private: false };
    const requester: GateActor = { kind: 'user', id: row.requester, rootScope: [home] };
    await store.write([{ op: 'resource.put', resource: published }], {
      actor: requester,
      audit,
      alongside: (tx) => markDecided(tx, store.engine, actor, row, decided),
    });
    return { ...row, ...decided };
  }

  const effects: AuditEffect[] = [];
  let effect: string;
  let work: (tx: Transaction) => Promise<void>;
  if (payload.kind === 'subscription') {
    const subscription: SubscriptionRow = {
      id: randomUUID(),
      application: payload.application,
      resource: payload.resource,
      created_by: row.requester,
      created_at: decidedAt,
    };
    effect = `subscription:${subscription.id}`;
    effects.push({ kind: 'subscription', key: subscription.id, before: null, after: subscription });
    work = async (tx) => {
      const application = await tx
        .selectFrom('applications')
        .select('id')
        .where('id', '=', payload.application)
        .executeTakeFirst();
      if (application === undefined) throw new ApprovalRefusal('gone', 'the application of this request was deleted');
      if (!store.engine.resources().some((r) => r.id === payload.resource))
        throw new ApprovalRefusal('gone', 'the API of this request was deleted since');
      const taken = await tx
        .selectFrom('subscriptions')
        .select('id')
        .where('application', '=', payload.application)
        .where('resource', '=', payload.resource)
        .executeTakeFirst();
      if (taken !== undefined)
        throw new TesseraError('DUPLICATE', 'the application is subscribed to the API already', {
          entity: 'subscription',
          id: taken.id,
        });
      await tx.insertInto('subscriptions').values(subscription).execute();
    };
  } else {
    const application = { ...payload.application, created_at: decidedAt };
    effect = `application:${application.id}`;
    effects.push({ kind: 'application', key: application.id, before: null, after: application });
    work = async (tx) => {
      const taken = await tx
        .selectFrom('applications')
        .select('id')
        .where('owner', '=', application.owner)
        .where('name', '=', application.name)
        .executeTakeFirst();
      if (taken !== undefined)
        throw new TesseraError('DUPLICATE', `the requester has an application named "${application.name}" already`, {
          entity: 'application',
          id: application.name,
        });
      await tx.insertInto('applications').values(application).execute();
    };
  }
  const decided = { status: 'approved', decided_by: actor.id, decided_at: decidedAt, reason, effect } as const;
  const after: ApprovalRow = { ...row, ...decided };
  effects.unshift({ kind: 'approval', key: row.id, before: auditRecord(row), after: auditRecord(after) });
  await store.transact(
    async (tx) => {
      await markDecided(tx, store.engine, actor, row, decided);
      await work(tx);
    },
    { ...audit, effects },
  );
  return after;
}

/** Requests, newest first: those `actor` may decide (pending ones only), or those `actor` made. */
export async function listApprovals(
  store: Store,
  actor: string,
  query: { readonly status?: ApprovalStatus; readonly mine?: boolean },
): Promise<ApprovalRow[]> {
  let select = store.database.selectFrom('approvals').selectAll();
  if (query.status !== undefined) select = select.where('status', '=', query.status);
  if (query.mine === true) select = select.where('requester', '=', actor);
  const rows = await select.execute();
  const engine = store.engine;
  const visible =
    query.mine === true ? rows : rows.filter((r) => canDecide(engine, actor, subjectOf(r)).ok || decidedBy(r, actor));
  return visible.sort((a, b) => (a.requested_at < b.requested_at ? 1 : a.requested_at > b.requested_at ? -1 : 0));
}

function decidedBy(row: ApprovalRow, actor: string): boolean {
  return row.decided_by === actor;
}

/** Whether `actor` may read the request: its requester, whoever decided it, or a holder of its approver permission. */
export function mayView(engine: AccessEngine, actor: string, row: ApprovalRow): boolean {
  if (row.requester === actor || row.decided_by === actor) return true;
  const definition = workflowOf(engine, row.flow as ApprovalFlow);
  return definition !== undefined && engine.allowed(actor, definition.approver, row.target_type, row.target_id);
}
