import type { GateActor } from '../../core/gate.js';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Change } from '../../core/changes.js';
import type { TargetRef } from '../../core/decision.js';
import type { AccessEngine } from '../../core/engine.js';
import { TesseraError, type RuleResult } from '../../core/errors.js';
import { roleNotAvailable } from '../../core/role-availability.js';
import {
  type Group,
  type Organization,
  type Project,
  type Resource,
  type Role,
  type User,
  qualifiedUserName,
} from '../../core/model.js';
import type { AuditContext, WriteOptions } from '../../store/index.js';
import type { Guard, ServerContext } from '../context.js';
import { asPreconditionFailure, entityOfTarget, preconditionOf, tagged } from '../etag.js';
import { findGroupReference } from '../names.js';
import { HttpProblem } from '../problem.js';

export { tagged } from '../etag.js';

// ── schemas shared by the route modules ──

/** Names of organizations, projects, groups, roles…: no control characters, bounded. */
export const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f]+$' });
export const Description = Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]);
/** An id, or a name or path where the endpoint says so. */
export const Reference = Type.String({ minLength: 1, maxLength: 400 });

/** A path parameter: `schema`, with the description and example `/openapi.json` shows for it. */
export function pathParameter<T extends TSchema>(schema: T, description: string, example: string): T {
  return { ...schema, description, examples: [example] };
}

const EXAMPLE_ID = '0b6e1d1c-3f4a-4d7e-9a51-2c8f6e0d4b17';
export const OrganizationParam = pathParameter(Reference, 'The organization: its id or its name.', 'acme');
export const ProjectParam = pathParameter(
  Reference,
  'The project: its id or its `organization/project` path.',
  'acme/engineering',
);
export const ResourceParam = pathParameter(Reference, 'The id of the resource.', EXAMPLE_ID);
export const GroupParam = pathParameter(
  Reference,
  'The group: its id, or `ORGANIZATION/NAME` (its `/` sent as `%2F`).',
  EXAMPLE_ID,
);
export const UserParam = pathParameter(
  Reference,
  'The user: its id, its `STORE/username`, or its username in the PRIMARY store.',
  'alice',
);
export const RoleParam = pathParameter(
  Reference,
  'The role: its id, or its name or an alias (a root role, or one of the organization the `organization` query names).',
  'Developer',
);
export const MappingParam = pathParameter(Reference, 'The id of the role mapping.', EXAMPLE_ID);
export const InvitationParam = pathParameter(Reference, 'The id of the invitation.', EXAMPLE_ID);
export const TokenParam = pathParameter(Reference, 'The id of the personal access token.', EXAMPLE_ID);

export const Limit = Type.Integer({ minimum: 1, maximum: 500, default: 50 });
export const After = Type.String({ maxLength: 400, description: 'The `next` cursor of the previous page.' });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details.' },
);

/** A page of items and the cursor of the next page (null on the last). */
export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    next: Type.Union([Type.String(), Type.Null()]),
    revision: Type.Integer(),
  });
}

/** The revision a write produced, with what it returns. */
export const Revision = Type.Integer({ minimum: 0, description: 'The revision of the write (docs/concepts.md).' });

/** Slices a sorted list into a page, keyed by `key`, starting strictly after `after`. */
export function page<T>(
  items: readonly T[],
  key: (item: T) => string,
  limit: number,
  after: string | undefined,
): { items: T[]; next: string | null } {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const start = after === undefined ? 0 : sorted.findIndex((item) => key(item) > after);
  const from = start < 0 ? sorted.length : start;
  const slice = sorted.slice(from, from + limit);
  const next = from + limit < sorted.length && slice.length > 0 ? key(slice[slice.length - 1]!) : null;
  return { items: slice, next };
}

// ── the caller, the audit log and writes ──

export function actorOf(request: FastifyRequest): { id: string; name: string } {
  const principal = request.principal;
  if (principal === null) throw new HttpProblem('unauthorized');
  return { id: principal.user.id, name: qualifiedUserName(principal.user) };
}

export function auditOf(request: FastifyRequest, action: string, target: string | null): AuditContext {
  const principal = request.principal;
  return {
    actor: principal?.user.id ?? null,
    actorName: principal === null ? 'anonymous' : qualifiedUserName(principal.user),
    action,
    target,
  };
}

/** The caller as the administration gate judges it; root roles and takeover are judged at home. */
export function gateActorOf(context: ServerContext, request: FastifyRequest): GateActor {
  return { kind: 'user', id: actorOf(request).id, rootScope: [context.home()] };
}

/**
 * Writes a batch as the caller (judged by the gate), audited under `action`; answers the revision.
 * When `target` names an entity (`role:3f…`), the request's If-Match header is checked against its
 * version inside the write (412 `precondition-failed`), and the response carries its new ETag.
 */
export async function write(
  context: ServerContext,
  request: FastifyRequest,
  changes: readonly Change[],
  action: string,
  target: string | null,
  options: Omit<WriteOptions, 'audit' | 'actor'> = {},
): Promise<number> {
  const entity = entityOfTarget(target);
  const precondition = preconditionOf(context.store, request, entity);
  const expect = [...(options.expect ?? []), ...precondition];
  try {
    const { revision } = await context.store.write(changes, {
      ...options,
      actor: gateActorOf(context, request),
      ...(expect.length > 0 ? { expect } : {}),
      audit: auditOf(request, action, target),
    });
    if (entity !== null) tagged(request, entity.kind, entity.key, null);
    return revision;
  } catch (error) {
    throw asPreconditionFailure(error, precondition);
  }
}

/** Throws a rule's refusal. */
export function enforce(result: RuleResult): void {
  if (!result.ok) throw result.error;
}

// ── resolving references (an id, or a name or path) ──

export function notFound(entity: string, reference: string): TesseraError {
  return new TesseraError('NOT_FOUND', `${entity} "${reference}" does not exist`, { entity, id: reference });
}

/** An organization by id or name. */
export function organizationOf(engine: AccessEngine, reference: string): Organization {
  const found = engine.describeTarget({ type: 'organization', id: reference });
  const organization = found === undefined ? undefined : engine.organization(found.id);
  if (organization === undefined) throw notFound('organization', reference);
  return organization;
}

/** A project by id or `organization/project` path. */
export function projectOf(engine: AccessEngine, reference: string): Project {
  const found = engine.describeTarget({ type: 'project', id: reference });
  const project = found === undefined ? undefined : engine.project(found.id);
  if (project === undefined) throw notFound('project', reference);
  return project;
}

/** A resource by id. */
export function resourceOf(engine: AccessEngine, reference: string): Resource {
  const resource = engine.resource(reference);
  if (resource === undefined) throw notFound('resource', reference);
  return resource;
}

/** A user by id, `STORE/username` or bare username. */
export function userOf(engine: AccessEngine, reference: string): User {
  const user = engine.user(reference);
  if (user === undefined) throw notFound('user', reference);
  return user;
}

/** A group by id or `ORGANIZATION/NAME`. */
export function groupOf(engine: AccessEngine, reference: string): Group {
  const group = findGroupReference(engine, reference);
  if (group === undefined) throw notFound('group', reference);
  return group;
}

/**
 * A role by id, or by name or alias as usable in `organization` (root roles otherwise). A name
 * that only a role of another organization bears is refused naming that organization
 * (`ROLE_NOT_USABLE_HERE`), not as unknown.
 */
export function roleOf(engine: AccessEngine, reference: string, organization: string | null = null): Role {
  const role = engine.findRole(reference, organization);
  if (role !== undefined) return role;
  const elsewhere = engine.roles().find((r) => r.name === reference || r.aliases.includes(reference));
  if (elsewhere !== undefined) throw roleNotAvailable(engine.organizationTree(), elsewhere, organization);
  throw notFound('role', reference);
}

/** The home organization, as a target. */
export function homeTarget(context: ServerContext): TargetRef {
  return { type: 'organization', id: context.home() };
}

/** A guard at the organization the `organization` query parameter names, or at home when it names none. */
export function atQueriedOrganization(permission: string): Guard {
  return {
    permission,
    at: 'the organization given (the home organization when none)',
    target: (request, context) => {
      const organization = (request.query as { organization?: string }).organization;
      return organization === undefined ? homeTarget(context) : { type: 'organization', id: organization };
    },
  };
}

/** The target of an organization-level operation, from a path parameter. */
export function organizationTarget(reference: string): TargetRef {
  return { type: 'organization', id: reference };
}
