import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { Counter } from 'prom-client';
import type { Change } from '../../core/changes.js';
import type { AccessEngine } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import { OPERATOR_ACTOR } from '../../core/gate.js';
import { type Level, type RoleMapping, mappingKey, qualifiedUserName } from '../../core/model.js';
import type { ElevationRow } from '../../store/schema.js';
import type { App, ServerContext } from '../context.js';
import { expirySweepSeconds, scheduleExpirySweeps } from '../expiry.js';
import { requirePermission } from '../app.js';
import { HttpProblem } from '../problem.js';
import {
  Problem,
  Reference,
  RoleParam,
  actorOf,
  auditOf,
  homeTarget,
  notFound,
  pathParameter,
  roleOf,
} from './common.js';

/** The permission an approver of temporary elevations holds at the elevation's target (presets/tessera.yaml). */
export const APPROVE_ELEVATION = 'role:approve-elevation';
/** The longest elevation when no policy for the role says otherwise. */
const DEFAULT_MAX_MINUTES = 8 * 60;
const POLICY_PREFIX = 'elevation-policy:';

/** What a role's elevation policy allows: self-granting in an emergency, and the longest duration. */
interface ElevationPolicy {
  readonly selfGrant: boolean;
  readonly maxMinutes: number;
}

const ElevationSchema = Type.Object(
  {
    id: Type.String(),
    requester: Type.Object({ id: Type.String(), name: Type.String() }),
    role: Type.Object({ id: Type.String(), name: Type.String() }),
    target: Type.Object({ level: Type.String(), id: Type.String(), name: Type.String() }),
    reason: Type.String(),
    durationMinutes: Type.Integer(),
    status: Type.Union([
      Type.Literal('pending'),
      Type.Literal('approved'),
      Type.Literal('rejected'),
      Type.Literal('self-granted'),
    ]),
    createdAt: Type.String(),
    decidedBy: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
    decidedAt: Type.Union([Type.String(), Type.Null()]),
    mapping: Type.Union([Type.String(), Type.Null()]),
    expiresAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Elevation' },
);
const PolicySchema = Type.Object({
  role: Type.Object({ id: Type.String(), name: Type.String() }),
  selfGrant: Type.Boolean(),
  maxMinutes: Type.Integer(),
});
const ElevationParam = pathParameter(
  Reference,
  'The id of the elevation request.',
  '0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17',
);

function levelOf(type: string): Level {
  return type === 'organization' || type === 'project' ? type : 'resource';
}

function typeOf(engine: AccessEngine, level: string, id: string): string {
  return level === 'resource' ? (engine.resources().find((r) => r.id === id)?.type ?? 'resource') : level;
}

function userRef(engine: AccessEngine, id: string): { id: string; name: string } {
  const user = engine.user(id);
  return { id, name: user === undefined ? id : qualifiedUserName(user) };
}

/**
 * What granting an elevation writes: the mapping of its role to its requester on its target,
 * expiring `duration_seconds` after `now`, and the elevation's row as decided.
 */
function granting(
  row: ElevationRow,
  now: number,
  decision: Pick<ElevationRow, 'status' | 'decided_by' | 'decided_at'>,
): { mapping: RoleMapping & { expiresAt: string }; decided: ElevationRow } {
  const expiresAt = new Date(now + row.duration_seconds * 1000).toISOString();
  const mapping = {
    id: randomUUID(),
    role: row.role,
    subject: { kind: 'user' as const, id: row.requester },
    target: { level: row.target_level as Level, id: row.target_id },
    expiresAt,
  };
  return { mapping, decided: { ...row, ...decision, mapping_id: mapping.id, expires_at: expiresAt } };
}

function view(engine: AccessEngine, row: ElevationRow) {
  const target = engine.describeTarget({ type: typeOf(engine, row.target_level, row.target_id), id: row.target_id });
  return {
    id: row.id,
    requester: userRef(engine, row.requester),
    role: { id: row.role, name: engine.role(row.role)?.name ?? row.role },
    target: { level: row.target_level, id: row.target_id, name: target?.name ?? row.target_id },
    reason: row.reason,
    durationMinutes: Math.round(row.duration_seconds / 60),
    status: row.status as 'pending' | 'approved' | 'rejected' | 'self-granted',
    createdAt: row.created_at,
    decidedBy: row.decided_by === null ? null : userRef(engine, row.decided_by),
    decidedAt: row.decided_at,
    mapping: row.mapping_id,
    expiresAt: row.expires_at,
  };
}

/**
 * Temporary elevation, "break glass" (docs/administration.md#temporary-elevation-break-glass): a
 * user asks for a role at a target for a bounded time, with a reason; a holder of
 * `role:approve-elevation` there (never the requester) grants it, or — when the role's policy
 * allows it — the requester self-grants it in an emergency, which is flagged loudly: audit action
 * `elevation.self-granted`, the `tessera_elevations_self_granted_total` counter and a warning in
 * the log. Either way the grant is a mapping with `expiresAt`, which the decision stops counting
 * then and the expiry sweeper removes (audited `mapping.expired`).
 */
export function elevationRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const selfGranted = new Counter({
    name: 'tessera_elevations_self_granted_total',
    help: 'Temporary elevations self-granted in an emergency (break glass), by role.',
    labelNames: ['role'],
    registers: [context.metrics.registry],
  });
  let stopSweeps = (): void => {};
  app.addHook('onReady', async () => {
    stopSweeps = scheduleExpirySweeps(context.store, expirySweepSeconds(), app.log);
  });
  app.addHook('onClose', async () => stopSweeps());

  const policyOf = async (role: string): Promise<ElevationPolicy | undefined> => {
    const row = await context.store.database
      .selectFrom('server_meta')
      .select('value')
      .where('key', '=', POLICY_PREFIX + role)
      .executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.value) as ElevationPolicy);
  };

  /** The changes that grant an elevation: its expiring mapping, after removing an expired one with the same key. */
  const grantChanges = (e: AccessEngine, mapping: RoleMapping, now: number): Change[] => {
    const key = mappingKey(mapping);
    const same = e.mappings().find((m) => mappingKey(m) === key);
    if (same === undefined) return [{ op: 'mapping.add', mapping }];
    if (typeof same.expiresAt === 'string' && Date.parse(same.expiresAt) <= now)
      return [
        { op: 'mapping.remove', id: same.id },
        { op: 'mapping.add', mapping },
      ];
    throw new TesseraError('DUPLICATE', `the user already holds "${e.role(mapping.role)?.name}" at this target`, {
      entity: 'mapping',
      name: same.id,
    });
  };

  const load = async (id: string): Promise<ElevationRow> => {
    const row = await context.store.database
      .selectFrom('elevations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) throw notFound('elevation', id);
    return row;
  };

  /** The approver's right: `role:approve-elevation` at the target, and not the requester (maker/checker). */
  const authorizeDecision = (request: FastifyRequest, row: ElevationRow): void => {
    const e = engine();
    requirePermission(context, request, APPROVE_ELEVATION, typeOf(e, row.target_level, row.target_id), row.target_id);
    if (actorOf(request).id === row.requester)
      throw new HttpProblem('forbidden', 'the requester of an elevation cannot approve or reject it', {
        permission: APPROVE_ELEVATION,
      });
    if (row.status !== 'pending')
      throw new HttpProblem('elevation-decided', `the elevation was already ${row.status}`, { current: row.status });
  };

  app.post(
    '/v1/elevations',
    {
      schema: {
        tags: ['roles'],
        summary: 'Ask for a role at a target for a bounded time, with a reason (break glass)',
        description:
          'Without `emergency`, the request waits for a holder of `role:approve-elevation` at the target. With `emergency: true`, it is ' +
          "granted at once when the role's elevation policy allows self-granting (403 `self-grant-not-allowed` otherwise), and flagged: " +
          'audit action `elevation.self-granted`, metric `tessera_elevations_self_granted_total`, a warning in the log. The grant is a ' +
          'mapping that expires after `durationMinutes`; separation-of-duties constraints hold as for any mapping.',
        body: Type.Object(
          {
            role: Reference,
            target: Type.Object({ type: Type.String({ minLength: 1, maxLength: 100 }), id: Reference }),
            durationMinutes: Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 }),
            reason: Type.String({ minLength: 3, maxLength: 2000 }),
            emergency: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ elevation: ElevationSchema }), '4xx': Problem },
      },
    },
    async (request, reply) => {
      const e = engine();
      const requester = actorOf(request);
      const body = request.body;
      const found = e.describeTarget(body.target);
      if (found === undefined) throw notFound(body.target.type, body.target.id);
      const organization = e.organizationChain({ type: found.type, id: found.id })[0] ?? null;
      const role = roleOf(e, body.role, organization);
      if (role.deprecated || !role.assignable)
        throw new TesseraError(
          role.deprecated ? 'ROLE_DEPRECATED' : 'ROLE_NOT_ASSIGNABLE',
          `"${role.name}" cannot be newly assigned, temporarily or not`,
          { role: role.id },
        );
      const policy = await policyOf(role.id);
      const maxMinutes = policy?.maxMinutes ?? DEFAULT_MAX_MINUTES;
      if (body.durationMinutes > maxMinutes)
        throw new TesseraError('INVALID', `"${role.name}" may be requested for at most ${maxMinutes} minutes`, {
          maxMinutes,
        });
      const now = Date.now();
      const row: ElevationRow = {
        id: randomUUID(),
        requester: requester.id,
        role: role.id,
        target_level: levelOf(found.type),
        target_id: found.id,
        reason: body.reason,
        duration_seconds: body.durationMinutes * 60,
        status: 'pending',
        created_at: new Date(now).toISOString(),
        decided_by: null,
        decided_at: null,
        mapping_id: null,
        expires_at: null,
      };
      if (body.emergency !== true) {
        await context.store.transact(async (tx) => void (await tx.insertInto('elevations').values(row).execute()), {
          ...auditOf(request, 'elevation.request', `elevation:${row.id}`),
          effects: [{ kind: 'elevation', key: row.id, before: null, after: view(e, row) }],
        });
        return reply.code(201).send({ elevation: view(e, row) });
      }
      if (policy?.selfGrant !== true)
        throw new TesseraError(
          'SELF_GRANT_NOT_ALLOWED',
          `no elevation policy allows self-granting "${role.name}"; ask an approver (holder of ${APPROVE_ELEVATION})`,
          { role: role.id },
        );
      const { mapping, decided: granted } = granting(row, now, {
        status: 'self-granted',
        decided_by: requester.id,
        decided_at: row.created_at,
      });
      await context.store.write(grantChanges(e, mapping, now), {
        actor: OPERATOR_ACTOR,
        audit: auditOf(request, 'elevation.self-granted', `mapping:${mapping.id}`),
        alongside: async (tx) => void (await tx.insertInto('elevations').values(granted).execute()),
      });
      selfGranted.inc({ role: role.name });
      request.log.warn(
        {
          elevation: granted.id,
          user: requester.name,
          role: role.name,
          target: found.name,
          expiresAt: mapping.expiresAt,
          reason: body.reason,
        },
        'break glass: elevation self-granted in an emergency',
      );
      return reply.code(201).send({ elevation: view(engine(), granted) });
    },
  );

  app.get(
    '/v1/elevations',
    {
      schema: {
        tags: ['roles'],
        summary: "Elevation requests: the caller's own, and those the caller may approve",
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([
              Type.Literal('pending'),
              Type.Literal('approved'),
              Type.Literal('rejected'),
              Type.Literal('self-granted'),
            ]),
          ),
        }),
        response: { 200: Type.Object({ items: Type.Array(ElevationSchema) }), '4xx': Problem },
      },
    },
    async (request) => {
      const e = engine();
      const caller = actorOf(request).id;
      let query = context.store.database.selectFrom('elevations').selectAll().orderBy('created_at', 'desc');
      if (request.query.status !== undefined) query = query.where('status', '=', request.query.status);
      const rows = await query.limit(1000).execute();
      const visible = rows.filter(
        (row) =>
          row.requester === caller ||
          e.allowed(caller, APPROVE_ELEVATION, typeOf(e, row.target_level, row.target_id), row.target_id),
      );
      return { items: visible.map((row) => view(e, row)) };
    },
  );

  app.post(
    '/v1/elevations/:id/approve',
    {
      schema: {
        tags: ['roles'],
        summary: 'Approve an elevation request: the role is granted until the requested duration has passed',
        description:
          'Requires `role:approve-elevation` at the target; the requester cannot approve their own request (403). The duration runs from the approval.',
        params: Type.Object({ id: ElevationParam }),
        response: { 200: Type.Object({ elevation: ElevationSchema }), '4xx': Problem },
      },
      // Judged in the handler, which reads the request's target from the database.
      config: { guard: { permission: APPROVE_ELEVATION, at: "the elevation's target", target: () => null } },
    },
    async (request) => {
      const row = await load(request.params.id);
      authorizeDecision(request, row);
      const e = engine();
      const approver = actorOf(request);
      const now = Date.now();
      const { mapping, decided } = granting(row, now, {
        status: 'approved',
        decided_by: approver.id,
        decided_at: new Date(now).toISOString(),
      });
      await context.store.write(grantChanges(e, mapping, now), {
        actor: OPERATOR_ACTOR,
        audit: auditOf(request, 'elevation.approve', `mapping:${mapping.id}`),
        alongside: async (tx) => {
          const result = await tx
            .updateTable('elevations')
            .set({
              status: decided.status,
              decided_by: decided.decided_by,
              decided_at: decided.decided_at,
              mapping_id: decided.mapping_id,
              expires_at: decided.expires_at,
            })
            .where('id', '=', row.id)
            .where('status', '=', 'pending')
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0)
            throw new HttpProblem('elevation-decided', 'the elevation was decided meanwhile');
        },
      });
      return { elevation: view(engine(), decided) };
    },
  );

  app.post(
    '/v1/elevations/:id/reject',
    {
      schema: {
        tags: ['roles'],
        summary: 'Reject an elevation request',
        params: Type.Object({ id: ElevationParam }),
        response: { 200: Type.Object({ elevation: ElevationSchema }), '4xx': Problem },
      },
      // Judged in the handler, which reads the request's target from the database.
      config: { guard: { permission: APPROVE_ELEVATION, at: "the elevation's target", target: () => null } },
    },
    async (request) => {
      const row = await load(request.params.id);
      authorizeDecision(request, row);
      const e = engine();
      const decided: ElevationRow = {
        ...row,
        status: 'rejected',
        decided_by: actorOf(request).id,
        decided_at: new Date().toISOString(),
      };
      await context.store.transact(
        async (tx) => {
          const result = await tx
            .updateTable('elevations')
            .set({ status: decided.status, decided_by: decided.decided_by, decided_at: decided.decided_at })
            .where('id', '=', row.id)
            .where('status', '=', 'pending')
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0)
            throw new HttpProblem('elevation-decided', 'the elevation was decided meanwhile');
        },
        {
          ...auditOf(request, 'elevation.reject', `elevation:${row.id}`),
          effects: [{ kind: 'elevation', key: row.id, before: view(e, row), after: view(e, decided) }],
        },
      );
      return { elevation: view(e, decided) };
    },
  );

  app.get(
    '/v1/elevation-policies/:role',
    {
      schema: {
        tags: ['roles'],
        summary: "A role's elevation policy",
        params: Type.Object({ role: RoleParam }),
        response: { 200: PolicySchema, '4xx': Problem },
      },
      config: { guard: { permission: 'role:view', at: 'the home organization', target: (_r, ctx) => homeTarget(ctx) } },
    },
    async (request) => {
      const role = roleOf(engine(), request.params.role);
      const policy = await policyOf(role.id);
      return {
        role: { id: role.id, name: role.name },
        selfGrant: policy?.selfGrant ?? false,
        maxMinutes: policy?.maxMinutes ?? DEFAULT_MAX_MINUTES,
      };
    },
  );

  app.put(
    '/v1/elevation-policies/:role',
    {
      schema: {
        tags: ['roles'],
        summary: 'Whether a role may be self-granted in an emergency, and for how long at most it may be asked',
        description: `Without a policy a role may be asked for at most ${DEFAULT_MAX_MINUTES} minutes and never self-granted.`,
        params: Type.Object({ role: RoleParam }),
        body: Type.Object(
          {
            selfGrant: Type.Boolean(),
            maxMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 60 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PolicySchema, '4xx': Problem },
      },
      config: {
        guard: { permission: 'role:manage', at: 'the home organization', target: (_r, ctx) => homeTarget(ctx) },
      },
    },
    async (request) => {
      const role = roleOf(engine(), request.params.role);
      const before = await policyOf(role.id);
      const policy: ElevationPolicy = {
        selfGrant: request.body.selfGrant,
        maxMinutes: request.body.maxMinutes ?? DEFAULT_MAX_MINUTES,
      };
      const key = POLICY_PREFIX + role.id;
      await context.store.transact(
        async (tx) => {
          await tx.deleteFrom('server_meta').where('key', '=', key).execute();
          await tx
            .insertInto('server_meta')
            .values({ key, value: JSON.stringify(policy) })
            .execute();
        },
        {
          ...auditOf(request, 'elevation-policy.set', `role:${role.id}`),
          effects: [{ kind: 'elevation-policy', key: role.id, before: before ?? null, after: policy }],
        },
      );
      return { role: { id: role.id, name: role.name }, ...policy };
    },
  );
}
