import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import {
  APPROVAL_FLOWS,
  APPROVAL_STATUSES,
  type ApprovalFlow,
  offeredWorkflows,
  workflowEnabled,
  workflowOf,
} from '../../core/approvals.js';
import type { AccessEngine } from '../../core/engine.js';
import { qualifiedUserName } from '../../core/model.js';
import type { ApprovalRow } from '../../store/schema.js';
import {
  type Actor,
  ApprovalRefusal,
  approveRequest,
  findApproval,
  listApprovals,
  mayView,
  payloadOf,
  rejectRequest,
  setWorkflow,
  workflowSettings,
} from '../approvals/service.js';
import type { App, ServerContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import {
  After,
  Limit,
  OrganizationParam,
  PageOf,
  Problem,
  Revision,
  actorOf,
  notFound,
  organizationOf,
  organizationTarget,
  page,
  pathParameter,
} from './common.js';

const FlowSchema = Type.Union(
  APPROVAL_FLOWS.map((f) => Type.Literal(f)),
  {
    description:
      '`api-publish` (an API becomes public), `subscription` (an application subscribed to an API; Akana: an app/API contract), `application-create` (an application registered).',
  },
);
const StatusSchema = Type.Union(APPROVAL_STATUSES.map((s) => Type.Literal(s)));
const Named = Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) });

export const ApprovalSchema = Type.Object(
  {
    id: Type.String(),
    flow: FlowSchema,
    title: Type.String({ description: "The platform's name for the flow." }),
    status: StatusSchema,
    organization: Named,
    target: Type.Object(
      { type: Type.String(), id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) },
      { description: 'Where the approver permission is judged: the API, or the organization (application-create).' },
    ),
    summary: Type.String({ description: 'What approving the request does, in words.' }),
    requester: Named,
    requestedAt: Type.String(),
    decidedBy: Type.Union([Named, Type.Null()]),
    decidedAt: Type.Union([Type.String(), Type.Null()]),
    reason: Type.Union([Type.String(), Type.Null()]),
    effect: Type.Union([Type.String(), Type.Null()], {
      description: '`kind:key` of the record approving it created (`subscription:…`, `application:…`, `resource:…`).',
    }),
    mayDecide: Type.Boolean({ description: 'Whether the caller may approve or reject it now.' }),
  },
  { $id: 'Approval' },
);

const WorkflowSchema = Type.Object(
  {
    flow: FlowSchema,
    title: Type.String(),
    approver: Type.String({ description: 'The permission that approves requests of this flow.' }),
    configure: Type.String({ description: 'The permission that turns the flow on or off.' }),
    enabled: Type.Boolean(),
    inherited: Type.Boolean({ description: 'No setting at this organization: from a parent, or the default.' }),
  },
  { $id: 'ApprovalWorkflow' },
);

const ApprovalParam = pathParameter(
  Type.String({ minLength: 1, maxLength: 100 }),
  'The id of the approval request.',
  '3c9e2f4a-8b1d-4e6f-a2c7-5d0b9e1f4a83',
);
const Reason = Type.String({ minLength: 1, maxLength: 2000 });

function userName(engine: AccessEngine, id: string | null): { id: string; name: string | null } | null {
  if (id === null) return null;
  const user = engine.user(id);
  return { id, name: user === undefined || user.id !== id ? null : qualifiedUserName(user) };
}

function targetName(engine: AccessEngine, type: string, id: string): string | null {
  return engine.describeTarget({ type, id })?.name ?? null;
}

/** What approving the request does, in words. */
function summaryOf(engine: AccessEngine, row: ApprovalRow): string {
  const payload = payloadOf(row);
  if (payload.kind === 'api-publish')
    return `publish the API "${targetName(engine, row.target_type, payload.resource) ?? payload.resource}"`;
  if (payload.kind === 'subscription')
    return `subscribe application ${payload.application} to the API "${targetName(engine, row.target_type, payload.resource) ?? payload.resource}"`;
  return `register the application "${payload.application.name}"`;
}

export function approvalView(engine: AccessEngine, row: ApprovalRow, caller: string) {
  const definition = workflowOf(engine, row.flow as ApprovalFlow);
  const organization = engine.organizations().find((o) => o.id === row.organization);
  return {
    id: row.id,
    flow: row.flow as ApprovalFlow,
    title: definition?.title ?? row.flow,
    status: row.status as (typeof APPROVAL_STATUSES)[number],
    organization: { id: row.organization, name: organization?.name ?? null },
    target: { type: row.target_type, id: row.target_id, name: targetName(engine, row.target_type, row.target_id) },
    summary: summaryOf(engine, row),
    requester: userName(engine, row.requester)!,
    requestedAt: row.requested_at,
    decidedBy: userName(engine, row.decided_by),
    decidedAt: row.decided_at,
    reason: row.reason,
    effect: row.effect,
    mayDecide:
      row.status === 'pending' &&
      row.requester !== caller &&
      definition !== undefined &&
      engine.allowed(caller, definition.approver, row.target_type, row.target_id),
  };
}

/** A refusal of the approval rules as problem+json. */
export function problemOfRefusal(error: unknown): unknown {
  if (!(error instanceof ApprovalRefusal)) return error;
  switch (error.reason) {
    case 'self-approval':
      return new HttpProblem('self-approval', error.message);
    case 'decided':
      return new HttpProblem('approval-decided', error.message);
    case 'gone':
      return new HttpProblem('approval-target-gone', error.message);
    default:
      return new HttpProblem(
        'forbidden',
        error.message,
        error.permission === undefined ? {} : { permission: error.permission },
      );
  }
}

/**
 * Approval workflows (docs/approvals.md): the requests a caller may decide or made, approving and
 * rejecting them, and each organization's choice of flows.
 */
export function approvalRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const actor = (request: FastifyRequest): Actor => {
    const { id, name } = actorOf(request);
    return { id, name };
  };
  const visible = async (request: FastifyRequest, id: string): Promise<ApprovalRow> => {
    const row = await findApproval(context.store, id);
    if (row === undefined || !mayView(engine(), actorOf(request).id, row)) throw notFound('approval', id);
    return row;
  };

  app.get(
    '/v1/approvals',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Approval requests: those the caller may decide, or (mine=true) those the caller made',
        description:
          "Without `mine`, lists the requests the caller may approve or reject (the flow's approver permission at the request's API or organization, and not its requester) and those the caller decided. " +
          "`status=pending` is the approver's queue.",
        querystring: Type.Object(
          {
            status: Type.Optional(StatusSchema),
            mine: Type.Optional(
              Type.Boolean({ description: "Only the caller's own requests, whatever their status." }),
            ),
            limit: Limit,
            after: Type.Optional(Type.String({ maxLength: 400, description: After.description })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(ApprovalSchema), '4xx': Problem },
      },
    },
    async (request) => {
      const caller = actorOf(request).id;
      const { status, mine, limit, after } = request.query;
      const rows = await listApprovals(context.store, caller, {
        ...(status === undefined ? {} : { status }),
        ...(mine === undefined ? {} : { mine }),
      });
      // Newest first: the cursor is the request time and id, descending.
      const keyed = rows.map((r) => ({ row: r, key: `${invert(r.requested_at)}|${r.id}` }));
      const listed = page(keyed, (k) => k.key, limit, after);
      return {
        items: listed.items.map((k) => approvalView(engine(), k.row, caller)),
        next: listed.next,
        revision: context.store.revision,
      };
    },
  );

  app.get(
    '/v1/approvals/:approval',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Read an approval request (its requester, its decider, or an approver)',
        params: Type.Object({ approval: ApprovalParam }),
        response: { 200: ApprovalSchema, '4xx': Problem },
      },
    },
    async (request) => approvalView(engine(), await visible(request, request.params.approval), actorOf(request).id),
  );

  app.post(
    '/v1/approvals/:approval/approve',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Approve a pending request: its effect is created now',
        description:
          "Needs the flow's approver permission at the request's API (or organization, for application-create). Its requester is refused " +
          '(`self-approval`, 403), whatever roles they hold; a decided request answers `approval-decided` (409).',
        params: Type.Object({ approval: ApprovalParam }),
        body: Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false }),
        response: { 200: Type.Object({ approval: ApprovalSchema, revision: Revision }), '4xx': Problem },
      },
    },
    async (request) => {
      await visible(request, request.params.approval);
      try {
        const row = await approveRequest(
          context.store,
          actor(request),
          request.params.approval,
          request.body.reason ?? null,
          context.home(),
        );
        return { approval: approvalView(engine(), row, actorOf(request).id), revision: context.store.revision };
      } catch (error) {
        throw problemOfRefusal(error);
      }
    },
  );

  app.post(
    '/v1/approvals/:approval/reject',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Reject a pending request, with a reason: nothing takes effect',
        description: 'The same rules as approving: an approver, never the requester.',
        params: Type.Object({ approval: ApprovalParam }),
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: Type.Object({ approval: ApprovalSchema, revision: Revision }), '4xx': Problem },
      },
    },
    async (request) => {
      await visible(request, request.params.approval);
      try {
        const row = await rejectRequest(context.store, actor(request), request.params.approval, request.body.reason);
        return { approval: approvalView(engine(), row, actorOf(request).id), revision: context.store.revision };
      } catch (error) {
        throw problemOfRefusal(error);
      }
    },
  );

  // ── each organization's flows ──

  const workflowsOf = async (organization: string) => {
    const e = engine();
    return Promise.all(
      offeredWorkflows(e).map(async (definition) => {
        const settings = await workflowSettings(context.store, definition.flow);
        return {
          flow: definition.flow,
          title: definition.title,
          approver: definition.approver,
          configure: definition.configure,
          enabled: workflowEnabled(e, definition, organization, settings),
          inherited: !settings.has(organization),
        };
      }),
    );
  };

  app.get(
    '/v1/organizations/:organization/approval-workflows',
    {
      schema: {
        tags: ['approvals'],
        summary: 'The approval flows the permission tree offers, and whether each is on for the organization',
        params: Type.Object({ organization: OrganizationParam }),
        response: { 200: Type.Object({ items: Type.Array(WorkflowSchema), revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'organization:view',
          at: 'the organization',
          target: (request) => organizationTarget((request.params as { organization: string }).organization),
        },
      },
    },
    async (request) => {
      const organization = organizationOf(engine(), request.params.organization);
      return { items: await workflowsOf(organization.id), revision: context.store.revision };
    },
  );

  app.put(
    '/v1/organizations/:organization/approval-workflows/:flow',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Turn an approval flow on or off for the organization and the organizations below it',
        description:
          "Needs the flow's configure permission at the organization: `workflow:configure` (Choreo), `admin:manage:workflowadmin` (WSO2 API-M), `organization:update` (Akana). " +
          'A flow the permission tree does not offer answers 404. Requests already made stay pending until decided.',
        params: Type.Object({
          organization: OrganizationParam,
          flow: pathParameter(FlowSchema, 'The flow.', 'subscription'),
        }),
        body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(WorkflowSchema), revision: Revision }), '4xx': Problem },
      },
      config: {
        guard: {
          permission: 'workflow:configure',
          at: "the organization (the flow's configure permission, which each preset names)",
          target: () => null,
        },
      },
    },
    async (request) => {
      const e = engine();
      const organization = organizationOf(e, request.params.organization);
      const definition = workflowOf(e, request.params.flow);
      if (definition === undefined) throw notFound('approval workflow', request.params.flow);
      const caller = actorOf(request).id;
      if (!e.allowed(caller, definition.configure, 'organization', organization.id))
        throw new HttpProblem(
          'forbidden',
          `requires the permission "${definition.configure}" at organization "${organization.name}"`,
          { permission: definition.configure, target: { type: 'organization', id: organization.id } },
        );
      await setWorkflow(context.store, actor(request), organization.id, definition.flow, request.body.enabled);
      return { items: await workflowsOf(organization.id), revision: context.store.revision };
    },
  );
}

/** A string that sorts in the reverse order of an ISO 8601 time of the same length. */
function invert(iso: string): string {
  return [...iso].map((c) => (/\d/.test(c) ? String(9 - Number(c)) : c)).join('');
}
