import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Change } from '../../core/changes.js';
import type { TargetRef } from '../../core/decision.js';
import type { AccessEngine } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import { type Group, PRIMARY_STORE, type RoleMapping, type Target, qualifiedUserName } from '../../core/model.js';
import * as rules from '../../core/rules.js';
import { requirePermission } from '../app.js';
import { findGroupReference, mappingWarning } from '../names.js';
import type { App, ServerContext } from '../context.js';
import { organizationMemberRow } from '../members.js';
import {
  After,
  Description,
  Limit,
  Name,
  PageOf,
  Problem,
  Reference,
  Revision,
  actorOf,
  enforce,
  groupOf,
  notFound,
  organizationOf,
  page,
  projectOf,
  roleOf,
  userOf,
  write,
  GroupParam,
  OrganizationParam,
  UserParam,
  tagged,
} from './common.js';

export const GroupSchema = Type.Object(
  {
    id: Type.String(),
    organization: Type.String(),
    name: Type.String(),
    store: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Group' },
);

/** Where a mapping sits, with the target's display name. */
export const TargetSchema = Type.Object({ level: Type.String(), id: Type.String(), name: Type.String() });

const GroupRole = Type.Object({
  mapping: Type.String({ description: 'The role mapping id.' }),
  role: Type.Object({ id: Type.String(), name: Type.String() }),
  target: TargetSchema,
});

/** A group with its roles; `flagged` marks a group with no role (docs/concepts.md#the-model). */
const GroupView = Type.Object({
  id: Type.String(),
  organization: Type.String(),
  name: Type.String(),
  store: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(GroupRole),
  flagged: Type.Boolean({ description: 'True when the group has no role: its members gain nothing from it.' }),
});

/** A group in its organization's list: with its number of members (from the engine's index). */
const ListedGroupView = Type.Object({
  ...GroupView.properties,
  members: Type.Integer({ minimum: 0, description: "The number of the group's members." }),
});

const MappingSchema = Type.Object({
  id: Type.String(),
  role: Type.String(),
  subject: Type.Object({ kind: Type.String(), id: Type.Optional(Type.String()) }),
  target: Type.Object({ level: Type.String(), id: Type.String() }),
});

const MemberSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  store: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
});

const GroupParams = Type.Object({ group: GroupParam });
const MemberParams = Type.Object({ group: GroupParam, user: UserParam });
const OrganizationParams = Type.Object({ organization: OrganizationParam });

/** A mapping's target with its display name (the path of a project or resource). */
export function targetOf(engine: AccessEngine, target: Target): { level: string; id: string; name: string } {
  const type = target.level === 'resource' ? (engine.resource(target.id)?.type ?? 'resource') : target.level;
  return {
    level: target.level,
    id: target.id,
    name: engine.describeTarget({ type, id: target.id })?.name ?? target.id,
  };
}

/** A group with the role mappings of which it is the subject. */
export function groupView(engine: AccessEngine, group: Group) {
  const roles = engine
    .mappings()
    .filter((m) => m.subject.kind === 'group' && m.subject.id === group.id)
    .map((m) => ({
      mapping: m.id,
      role: { id: m.role, name: engine.role(m.role)?.name ?? m.role },
      target: targetOf(engine, m.target),
    }))
    .sort((a, b) => (a.role.name < b.role.name ? -1 : a.role.name > b.role.name ? 1 : 0));
  return { ...group, roles, flagged: roles.length === 0 };
}

/** The organization a `:group` path parameter belongs to; null (the handler answers 404) when there is no such group. */
function groupOrganization(request: FastifyRequest, context: ServerContext): TargetRef | null {
  const group = findGroupReference(context.store.engine, (request.params as { group: string }).group);
  return group === undefined ? null : { type: 'organization', id: group.organization };
}

/** Groups: collections of users inside an organization, authorized at that organization (docs/administration.md). */
export function groupRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const atOrganization = (request: FastifyRequest): TargetRef => ({
    type: 'organization',
    id: (request.params as { organization: string }).organization,
  });

  app.get(
    '/v1/organizations/:organization/groups',
    {
      schema: {
        tags: ['groups'],
        summary: "List an organization's groups, with their roles",
        params: OrganizationParams,
        querystring: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name, any case.' })),
          member: Type.Optional(Reference),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: { 200: PageOf(ListedGroupView), '4xx': Problem },
      },
      config: { guard: { permission: 'group:view', at: 'the organization', target: atOrganization } },
    },
    async (request) => {
      const organization = organizationOf(engine(), request.params.organization);
      const { name, member, limit, after } = request.query;
      const needle = name?.toLowerCase();
      const memberOf = member === undefined ? undefined : new Set(engine().groupsOf(userOf(engine(), member).id));
      const groups = engine()
        .groups()
        .filter(
          (g) =>
            g.organization === organization.id &&
            (needle === undefined || g.name.toLowerCase().includes(needle)) &&
            (memberOf === undefined || memberOf.has(g.id)),
        );
      const slice = page(groups, (g) => g.name, limit, after);
      return {
        items: slice.items.map((g) => ({ ...groupView(engine(), g), members: engine().members(g.id).length })),
        next: slice.next,
        revision: context.store.revision,
      };
    },
  );

  app.post(
    '/v1/organizations/:organization/groups',
    {
      schema: {
        tags: ['groups'],
        summary: 'Create a group, with its roles',
        description:
          'Each role is mapped to the group at the organization, or at the given project of it; each needs `role:assign` there and is refused when deprecated, ' +
          'not assignable or beyond what the caller holds. A group created without a role is flagged, and the answer warns about it.',
        params: OrganizationParams,
        body: Type.Object(
          {
            name: Name,
            description: Type.Optional(Description),
            store: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            roles: Type.Optional(
              Type.Array(
                Type.Object({ role: Reference, project: Type.Optional(Reference) }, { additionalProperties: false }),
                { maxItems: 50 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            group: GroupView,
            mappings: Type.Array(MappingSchema),
            revision: Revision,
            warnings: Type.Array(Type.String()),
          }),
          '4xx': Problem,
        },
      },
      config: { guard: { permission: 'group:manage', at: 'the organization', target: atOrganization } },
    },
    async (request, reply) => {
      const organization = organizationOf(engine(), request.params.organization);
      const { name, description = null, store = PRIMARY_STORE, roles = [] } = request.body;
      const userStore = engine()
        .userStores()
        .find((s) => s.name === store);
      if (userStore === undefined) throw notFound('user store', store);
      if (userStore.readOnly)
        throw new TesseraError(
          'READ_ONLY_STORE',
          `groups of the read-only user store "${store}" come from its directory`,
          { entity: 'group', store },
        );
      const group: Group = { id: randomUUID(), organization: organization.id, name, store, description };
      const actor = actorOf(request).id;
      const mappings: RoleMapping[] = roles.map(({ role: roleReference, project: projectReference }) => {
        const role = roleOf(engine(), roleReference, organization.id);
        let target: Target = { level: 'organization', id: organization.id };
        if (projectReference !== undefined) {
          const project = projectOf(engine(), projectReference);
          if (project.organization !== organization.id)
            throw notFound('project', `${projectReference}" in organization "${organization.name}`);
          target = { level: 'project', id: project.id };
        }
        requirePermission(context, request, 'role:assign', target.level, target.id);
        const mapping: RoleMapping = {
          id: randomUUID(),
          role: role.id,
          subject: { kind: 'group', id: group.id },
          target,
        };
        enforce(rules.canCreateMapping(engine(), actor, mapping));
        return mapping;
      });
      const changes: Change[] = [
        { op: 'group.put', group },
        ...mappings.map((mapping): Change => ({ op: 'mapping.add', mapping })),
      ];
      const revision = await write(context, request, changes, 'group.create', `group:${group.id}`);
      const warnings =
        mappings.length === 0
          ? [`group "${name}" has no role: its members gain no permission from it until a role is mapped to it`]
          : mappings.flatMap((m) => {
              const where = engine().describeTarget({ type: m.target.level, id: m.target.id })?.name ?? m.target.id;
              const warning = mappingWarning(engine(), m.role, m.target.level, `${m.target.level} "${where}"`);
              return warning === null ? [] : [warning];
            });
      return reply.code(201).send({ group: groupView(engine(), group), mappings, revision, warnings });
    },
  );

  app.get(
    '/v1/groups/:group',
    {
      schema: {
        tags: ['groups'],
        summary: 'Read a group, with its roles',
        params: GroupParams,
        response: { 200: GroupView, '4xx': Problem },
      },
      config: { guard: { permission: 'group:view', at: "the group's organization", target: groupOrganization } },
    },
    async (request) => {
      const group = groupOf(engine(), request.params.group);
      return tagged(request, 'group', group.id, groupView(engine(), group));
    },
  );

  app.patch(
    '/v1/groups/:group',
    {
      schema: {
        tags: ['groups'],
        summary: 'Rename a group or change its description',
        params: GroupParams,
        body: Type.Object(
          { name: Type.Optional(Name), description: Type.Optional(Description) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ group: GroupView, revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'group:manage', at: "the group's organization", target: groupOrganization } },
    },
    async (request) => {
      const current = groupOf(engine(), request.params.group);
      enforce(rules.canEditGroup(engine(), current.id));
      const { name, description } = request.body;
      const group: Group = {
        ...current,
        name: name ?? current.name,
        description: description === undefined ? current.description : description,
      };
      const revision = await write(context, request, [{ op: 'group.put', group }], 'group.update', `group:${group.id}`);
      return { group: groupView(engine(), groupOf(engine(), group.id)), revision };
    },
  );

  app.delete(
    '/v1/groups/:group',
    {
      schema: {
        tags: ['groups'],
        summary: 'Delete a group',
        description:
          'Refused while roles are mapped to it, unless `cascade=true` removes those mappings with it; refused when it would leave an organization without an admin.',
        params: GroupParams,
        querystring: Type.Object({ cascade: Type.Boolean({ default: false }) }),
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'group:manage', at: "the group's organization", target: groupOrganization } },
    },
    async (request) => {
      const group = groupOf(engine(), request.params.group);
      enforce(rules.canEditGroup(engine(), group.id));
      const changes: Change[] = [{ op: 'group.delete', id: group.id, cascade: request.query.cascade }];
      enforce(rules.checkNoLockout(engine(), changes));
      const revision = await write(context, request, changes, 'group.delete', `group:${group.id}`);
      return { revision };
    },
  );

  app.get(
    '/v1/groups/:group/members',
    {
      schema: {
        tags: ['groups'],
        summary: "A group's members",
        params: GroupParams,
        querystring: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the username, any case.' })),
          limit: Limit,
          after: Type.Optional(After),
        }),
        response: { 200: PageOf(MemberSchema), '4xx': Problem },
      },
      config: { guard: { permission: 'group:view', at: "the group's organization", target: groupOrganization } },
    },
    async (request) => {
      const group = groupOf(engine(), request.params.group);
      const { name, limit, after } = request.query;
      const needle = name?.toLowerCase();
      const members = engine()
        .members(group.id)
        .map((id) => engine().user(id)!)
        .filter((u) => needle === undefined || u.username.toLowerCase().includes(needle));
      return { ...page(members, qualifiedUserName, limit, after), revision: context.store.revision };
    },
  );

  app.put(
    '/v1/groups/:group/members/:user',
    {
      schema: {
        tags: ['groups'],
        summary: 'Add a user to a group (idempotent)',
        description:
          'Joining gives the user every role of the group, so the caller must be able to grant each of them (`privilege-escalation` otherwise).',
        params: MemberParams,
        response: {
          200: Type.Object({
            revision: Revision,
            added: Type.Boolean({ description: 'False when the user was a member already.' }),
          }),
          '4xx': Problem,
        },
      },
      config: { guard: { permission: 'group:manage', at: "the group's organization", target: groupOrganization } },
    },
    async (request) => {
      const group = groupOf(engine(), request.params.group);
      const user = userOf(engine(), request.params.user);
      enforce(rules.canAddMember(engine(), actorOf(request).id, group.id));
      if (engine().members(group.id).includes(user.id)) return { revision: context.store.revision, added: false };
      const revision = await write(
        context,
        request,
        [{ op: 'member.add', membership: { group: group.id, user: user.id } }],
        'group.member.add',
        `group:${group.id}`,
        { alongsideRows: [organizationMemberRow(group.organization, user.id)] },
      );
      return { revision, added: true };
    },
  );

  app.delete(
    '/v1/groups/:group/members/:user',
    {
      schema: {
        tags: ['groups'],
        summary: 'Remove a user from a group',
        description: 'Refused (`last-admin`) when it would leave an organization without an active admin.',
        params: MemberParams,
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: { permission: 'group:manage', at: "the group's organization", target: groupOrganization } },
    },
    async (request) => {
      const group = groupOf(engine(), request.params.group);
      const user = userOf(engine(), request.params.user);
      enforce(rules.canEditGroup(engine(), group.id));
      if (!engine().members(group.id).includes(user.id))
        throw notFound('membership', `${qualifiedUserName(user)} in ${group.name}`);
      const changes: Change[] = [{ op: 'member.remove', membership: { group: group.id, user: user.id } }];
      enforce(rules.checkNoLockout(engine(), changes));
      const revision = await write(context, request, changes, 'group.member.remove', `group:${group.id}`);
      return { revision };
    },
  );
}
