import { randomUUID } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Change } from '../../core/changes.js';
import type { AccessEngine } from '../../core/engine.js';
import { type Level, type RoleMapping, type Subject, qualifiedUserName } from '../../core/model.js';
import { canCreateMapping, checkNoLockout } from '../../core/rules.js';
import { organizationOfTarget } from '../../core/organization-members.js';
import type { Transaction } from '../../store/index.js';
import type { App, ServerContext } from '../context.js';
import { addMembersOfBatch, addOrganizationMember } from '../members.js';
import { TesseraError } from '../../core/errors.js';
import { requirePermission } from '../app.js';
import { mappingWarning } from '../names.js';
import { HttpProblem } from '../problem.js';
import {
  After,
  Limit,
  PageOf,
  Problem,
  Reference,
  Revision,
  enforce,
  groupOf,
  homeTarget,
  notFound,
  organizationOf,
  page,
  roleOf,
  userOf,
  write,
  atQueriedOrganization,
  MappingParam,
  tagged,
} from './common.js';
import { RoleRefSchema, TargetSchema, targetTypeOf, targetView } from './roles.js';

export const MappingSchema = Type.Object(
  {
    id: Type.String(),
    role: RoleRefSchema,
    subject: Type.Object({
      kind: Type.Union([
        Type.Literal('user'),
        Type.Literal('group'),
        Type.Literal('everyone'),
        Type.Literal('anonymous'),
      ]),
      id: Type.Union([Type.String(), Type.Null()]),
      name: Type.String(),
    }),
    target: TargetSchema,
    notBefore: Type.Optional(Type.String({ description: 'Counts from this instant (inclusive), ISO 8601.' })),
    expiresAt: Type.Optional(Type.String({ description: 'Stops counting at this instant (exclusive), ISO 8601.' })),
  },
  { $id: 'Mapping' },
);

const TargetType = Type.String({
  minLength: 1,
  maxLength: 100,
  description: '`organization`, `project`, or a resource type (`api`, `component`…)',
});

const SubjectBody = Type.Union([
  Type.Object({ kind: Type.Literal('user'), id: Reference }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('group'),
      id: Type.String({ ...Reference, description: 'The group: its id or `ORGANIZATION/NAME`.' }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('everyone') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('anonymous') }, { additionalProperties: false }),
]);

const MappingBody = Type.Object(
  {
    role: Reference,
    subject: SubjectBody,
    target: Type.Object({ type: TargetType, id: Reference }, { additionalProperties: false }),
    notBefore: Type.Optional(
      Type.String({ format: 'date-time', description: 'The mapping counts from this instant (inclusive).' }),
    ),
    expiresAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'The mapping stops counting at this instant (exclusive).' }),
    ),
  },
  { additionalProperties: false },
);

function levelOf(type: string): Level {
  return type === 'organization' || type === 'project' ? type : 'resource';
}

type MappingBody = Static<typeof MappingBody>;

/** A new mapping from its body: the target, role (as usable there) and subject resolved, 404 for unknown ones. */
function newMapping(engine: AccessEngine, body: MappingBody): RoleMapping {
  const found = engine.describeTarget(body.target);
  if (found === undefined) throw notFound(body.target.type, body.target.id);
  const organization = engine.organizationChain({ type: found.type, id: found.id })[0] ?? null;
  const role = roleOf(engine, body.role, organization);
  const subject: Subject =
    body.subject.kind === 'user'
      ? { kind: 'user', id: userOf(engine, body.subject.id).id }
      : body.subject.kind === 'group'
        ? { kind: 'group', id: groupOf(engine, body.subject.id).id }
        : { kind: body.subject.kind };
  return {
    id: randomUUID(),
    role: role.id,
    subject,
    target: { level: levelOf(found.type), id: found.id },
    ...(body.notBefore === undefined ? {} : { notBefore: new Date(body.notBefore).toISOString() }),
    ...(body.expiresAt === undefined ? {} : { expiresAt: new Date(body.expiresAt).toISOString() }),
  };
}

export function mappingView(engine: AccessEngine, mapping: RoleMapping) {
  const subject = mapping.subject;
  let view: { kind: Subject['kind']; id: string | null; name: string };
  if (subject.kind === 'user') {
    const user = engine.user(subject.id);
    view = { kind: 'user', id: subject.id, name: user === undefined ? subject.id : qualifiedUserName(user) };
  } else if (subject.kind === 'group') {
    view = { kind: 'group', id: subject.id, name: engine.group(subject.id)?.name ?? subject.id };
  } else {
    view = { kind: subject.kind, id: null, name: subject.kind };
  }
  return {
    id: mapping.id,
    role: { id: mapping.role, name: engine.role(mapping.role)?.name ?? mapping.role },
    subject: view,
    target: targetView(engine, mapping.target),
    ...(typeof mapping.notBefore === 'string' ? { notBefore: mapping.notBefore } : {}),
    ...(typeof mapping.expiresAt === 'string' ? { expiresAt: mapping.expiresAt } : {}),
  };
}

/** `user:<ref>`, `group:<id or ORGANIZATION/NAME>`, `everyone` or `anonymous`, as a subject with ids; 400 otherwise, 404 for unknown users and groups. */
function parseSubject(engine: AccessEngine, text: string): Subject {
  if (text === 'everyone' || text === 'anonymous') return { kind: text };
  const colon = text.indexOf(':');
  const kind = colon < 0 ? '' : text.slice(0, colon);
  const reference = text.slice(colon + 1);
  if (kind === 'user' && reference !== '') return { kind: 'user', id: userOf(engine, reference).id };
  if (kind === 'group' && reference !== '') return { kind: 'group', id: groupOf(engine, reference).id };
  throw new HttpProblem(
    'validation',
    `subject "${text}" is not "user:<ref>", "group:<id>", "everyone" or "anonymous"`,
    {
      errors: [
        {
          in: 'querystring',
          path: 'subject',
          message: 'must be "user:<ref>", "group:<id>", "everyone" or "anonymous"',
        },
      ],
    },
  );
}

/** A mapping's target as the answer names it: `organization "acme"`. */
function describeMappingTarget(target: { type: string; name: string }): string {
  return `${target.type} "${target.name}"`;
}

function sameSubject(a: Subject, b: Subject): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === 'user' || a.kind === 'group' ? a.id === (b as { id: string }).id : true;
}

/** Role mappings: role × subject × level (an organization, a project, or one resource). */
export function mappingRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;

  app.get(
    '/v1/mappings',
    {
      schema: {
        tags: ['mappings'],
        summary: 'List role mappings',
        description:
          '`organization` keeps every mapping whose target lies in that organization (its projects and resources too).',
        querystring: Type.Object({
          role: Type.Optional(Reference),
          subject: Type.Optional(Type.String({ minLength: 1, maxLength: 450 })),
          level: Type.Optional(
            Type.Union([Type.Literal('organization'), Type.Literal('project'), Type.Literal('resource')]),
          ),
          target: Type.Optional(Reference),
          organization: Type.Optional(Reference),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: { 200: PageOf(MappingSchema), '4xx': Problem },
      },
      config: { guard: atQueriedOrganization('role:view') },
    },
    async (request) => {
      const query = request.query;
      const e = engine();
      const organizationId = query.organization === undefined ? undefined : organizationOf(e, query.organization).id;
      const roleId = query.role === undefined ? undefined : roleOf(e, query.role, organizationId ?? null).id;
      const subject = query.subject === undefined ? undefined : parseSubject(e, query.subject);
      const mappings = e
        .mappings()
        .filter(
          (m) =>
            (roleId === undefined || m.role === roleId) &&
            (subject === undefined || sameSubject(m.subject, subject)) &&
            (query.level === undefined || m.target.level === query.level) &&
            (query.target === undefined || m.target.id === query.target) &&
            (organizationId === undefined ||
              e.organizationChain({ type: targetTypeOf(e, m.target), id: m.target.id })[0] === organizationId),
        );
      const result = page(mappings, (m) => m.id, query.limit, query.after);
      return { items: result.items.map((m) => mappingView(e, m)), next: result.next, revision: context.store.revision };
    },
  );

  app.post(
    '/v1/mappings',
    {
      schema: {
        tags: ['mappings'],
        summary: 'Map a role to a subject at an organization, a project or a resource',
        description:
          "The role must be assignable, not deprecated and usable in the target's organization; the caller must hold every permission " +
          'the mapping would grant there, or `role:escalate`. A group subject is its id or `ORGANIZATION/NAME`. A mapping whose role can ' +
          'grant nothing at its level is made, with a warning.',
        body: MappingBody,
        response: {
          201: Type.Object({
            mapping: MappingSchema,
            revision: Revision,
            warnings: Type.Array(Type.String(), {
              description: 'Why the mapping may not do what was meant: its role can grant nothing at its level.',
            }),
          }),
          '4xx': Problem,
        },
      },
      config: {
        guard: {
          permission: 'role:assign',
          at: 'the target',
          // An unknown target is judged at home, so a caller who may assign there learns it is unknown (404).
          target: (request, ctx) => {
            const target = (request.body as { target: { type: string; id: string } }).target;
            const found = ctx.store.engine.describeTarget(target);
            return found === undefined ? homeTarget(ctx) : { type: found.type, id: found.id };
          },
        },
      },
    },
    async (request, reply) => {
      const e = engine();
      const mapping = newMapping(e, request.body);
      enforce(canCreateMapping(e, request.principal!.user.id, mapping));
      const revision = await write(
        context,
        request,
        [{ op: 'mapping.add', mapping }],
        'mapping.create',
        `mapping:${mapping.id}`,
        { alongside: (tx) => memberByMapping(tx, e, mapping) },
      );
      const view = mappingView(engine(), mapping);
      const warning = mappingWarning(engine(), mapping.role, mapping.target.level, describeMappingTarget(view.target));
      return reply.code(201).send({ mapping: view, revision, warnings: warning === null ? [] : [warning] });
    },
  );

  app.post(
    '/v1/mappings/batch',
    {
      schema: {
        tags: ['mappings'],
        summary: 'Add and remove role mappings in one change',
        description:
          "All or nothing, at one revision (Akana's role memberships: assign and remove users, then save). Each addition is judged as " +
          '`POST /v1/mappings` judges it and each removal as `DELETE /v1/mappings/{id}`; the no-lock-out rule is judged on the whole ' +
          'change. A refusal names the item (`add[1]`, `remove[0]`) and changes nothing.',
        body: Type.Object(
          {
            add: Type.Optional(Type.Array(MappingBody, { maxItems: 500 })),
            remove: Type.Optional(Type.Array(Reference, { maxItems: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            added: Type.Array(MappingSchema),
            removed: Type.Array(Type.String()),
            revision: Revision,
          }),
          '4xx': Problem,
        },
      },
      config: {
        guard: {
          permission: 'role:assign',
          at: "each added mapping's target and each removed mapping's target",
          target: () => null,
        },
      },
    },
    async (request) => {
      const e = engine();
      const actor = request.principal!.user.id;
      const { add = [], remove = [] } = request.body;
      const changes: Change[] = [];
      const added: RoleMapping[] = [];
      // A refusal says which item it is about.
      const itemAt = <T>(path: string, work: () => T): T => {
        try {
          return work();
        } catch (error) {
          if (error instanceof HttpProblem || error instanceof TesseraError)
            error.message = `${path}: ${error.message}`;
          throw error;
        }
      };
      add.forEach((body, i) =>
        itemAt(`add[${i}]`, () => {
          const mapping = newMapping(e, body);
          const target = { type: targetTypeOf(e, mapping.target), id: mapping.target.id };
          requirePermission(context, request, 'role:assign', target.type, target.id);
          enforce(canCreateMapping(e, actor, mapping));
          added.push(mapping);
          changes.push({ op: 'mapping.add', mapping });
        }),
      );
      remove.forEach((id, i) =>
        itemAt(`remove[${i}]`, () => {
          const mapping = e.mapping(id);
          if (mapping === undefined) throw notFound('mapping', id);
          requirePermission(context, request, 'role:assign', targetTypeOf(e, mapping.target), mapping.target.id);
          changes.push({ op: 'mapping.remove', id: mapping.id });
        }),
      );
      enforce(checkNoLockout(e, changes));
      const revision =
        changes.length === 0
          ? context.store.revision
          : await write(context, request, changes, 'mapping.batch', null, {
              alongside: (tx) => addMembersOfBatch(tx, e, changes),
            });
      return { added: added.map((m) => mappingView(engine(), m)), removed: remove, revision };
    },
  );

  const mappingTarget = (request: FastifyRequest, ctx: ServerContext) => {
    const mapping = ctx.store.engine.mapping((request.params as { id: string }).id);
    return mapping === undefined
      ? homeTarget(ctx)
      : { type: targetTypeOf(ctx.store.engine, mapping.target), id: mapping.target.id };
  };

  app.get(
    '/v1/mappings/:id',
    {
      schema: {
        tags: ['mappings'],
        summary: 'Read a role mapping',
        params: Type.Object({ id: MappingParam }),
        response: { 200: MappingSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'role:view', at: "the mapping's target", target: mappingTarget } },
    },
    async (request) => {
      const mapping = engine().mapping(request.params.id);
      if (mapping === undefined) throw notFound('mapping', request.params.id);
      return tagged(request, 'mapping', mapping.id, mappingView(engine(), mapping));
    },
  );

  app.delete(
    '/v1/mappings/:id',
    {
      schema: {
        tags: ['mappings'],
        summary: 'Remove a role mapping',
        description: 'Refused (`last-admin`) when it would leave an organization without an active admin.',
        params: Type.Object({ id: MappingParam }),
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'role:assign', at: "the mapping's target", target: mappingTarget } },
    },
    async (request) => {
      const mapping = engine().mapping(request.params.id);
      if (mapping === undefined) throw notFound('mapping', request.params.id);
      const changes: Change[] = [{ op: 'mapping.remove', id: mapping.id }];
      enforce(checkNoLockout(engine(), changes));
      const revision = await write(context, request, changes, 'mapping.delete', `mapping:${mapping.id}`);
      return { revision };
    },
  );
}

/** A role mapped to a user in an organization makes the user a member of it (docs/administration.md#organization-members). */
async function memberByMapping(tx: Transaction, engine: AccessEngine, mapping: RoleMapping): Promise<void> {
  if (mapping.subject.kind !== 'user') return;
  const organization = organizationOfTarget(engine, mapping.target);
  if (organization !== undefined) await addOrganizationMember(tx, organization, mapping.subject.id);
}
