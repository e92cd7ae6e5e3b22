import type { FastifyRequest } from 'fastify';
import { TesseraError } from '../../core/errors.js';
import type { Resource } from '../../core/model.js';
import type { ApplicationRow } from '../../store/schema.js';
import type { ServerContext } from '../context.js';
import { actorOf } from '../routes/common.js';
import { approvalView } from '../routes/approvals.js';
import { createRequest, pendingLike, workflowOn } from './service.js';

/**
 * The operations that become requests when their organization has the flow on: each answers the
 * request's view, or undefined when the operation takes effect at once as before.
 */

type View = ReturnType<typeof approvalView>;

/** Publishing an API (making it public) under `api-publish`. */
export async function publishRequest(
  context: ServerContext,
  request: FastifyRequest,
  api: Resource,
): Promise<View | undefined> {
  if (api.type !== 'api' || (await workflowOn(context.store, 'api-publish', api.organization)) === undefined)
    return undefined;
  const actor = actorOf(request);
  const row = await createRequest(
    context.store,
    actor,
    {
      flow: 'api-publish',
      organization: api.organization,
      targetType: api.type,
      targetId: api.id,
      payload: { kind: 'api-publish', resource: api.id },
    },
    async (tx) => {
      const pending = await pendingLike(tx, 'api-publish', (p) => p.kind === 'api-publish' && p.resource === api.id);
      if (pending !== undefined)
        throw new TesseraError(
          'DUPLICATE',
          `publishing "${api.name}" awaits approval already (request ${pending.id})`,
          {
            entity: 'approval',
            id: pending.id,
          },
        );
    },
  );
  return approvalView(context.store.engine, row, actor.id);
}

/** An application's subscription to an API (Akana: its contract) under `subscription`. */
export async function subscriptionRequest(
  context: ServerContext,
  request: FastifyRequest,
  application: ApplicationRow,
  api: Resource,
): Promise<View | undefined> {
  if ((await workflowOn(context.store, 'subscription', api.organization)) === undefined) return undefined;
  const actor = actorOf(request);
  const row = await createRequest(
    context.store,
    actor,
    {
      flow: 'subscription',
      organization: api.organization,
      targetType: api.type,
      targetId: api.id,
      payload: { kind: 'subscription', application: application.id, resource: api.id },
    },
    async (tx) => {
      const pending = await pendingLike(
        tx,
        'subscription',
        (p) => p.kind === 'subscription' && p.application === application.id && p.resource === api.id,
      );
      if (pending !== undefined)
        throw new TesseraError(
          'DUPLICATE',
          `the application's subscription to "${api.name}" awaits approval already (request ${pending.id})`,
          { entity: 'approval', id: pending.id },
        );
    },
  );
  return approvalView(context.store.engine, row, actor.id);
}

/** Registering an application under `application-create`: the row is written only when approved. */
export async function applicationRequest(
  context: ServerContext,
  request: FastifyRequest,
  application: ApplicationRow,
): Promise<View | undefined> {
  if ((await workflowOn(context.store, 'application-create', application.organization)) === undefined) return undefined;
  const actor = actorOf(request);
  const row = await createRequest(
    context.store,
    actor,
    {
      flow: 'application-create',
      organization: application.organization,
      targetType: 'organization',
      targetId: application.organization,
      payload: { kind: 'application-create', application },
    },
    async (tx) => {
      const pending = await pendingLike(
        tx,
        'application-create',
        (p) =>
          p.kind === 'application-create' &&
          p.application.owner === application.owner &&
          p.application.name === application.name,
      );
      if (pending !== undefined)
        throw new TesseraError(
          'DUPLICATE',
          `your application "${application.name}" awaits approval already (request ${pending.id})`,
          { entity: 'approval', id: pending.id },
        );
    },
  );
  return approvalView(context.store.engine, row, actor.id);
}
