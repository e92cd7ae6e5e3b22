import { Type } from '@sinclair/typebox';
import type { AccessEngine } from '../../core/engine.js';
import type { AuditEntry } from '../../store/index.js';
import { auditTargetName } from '../audit-names.js';
import type { App, ServerContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import { Limit, Problem, Reference, homeTarget, userOf } from './common.js';

const AuditEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    revision: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The revision the write produced; null for work outside the model (tokens, passwords).',
    }),
    actor: Type.Object(
      { id: Type.Union([Type.String(), Type.Null()]), name: Type.Union([Type.String(), Type.Null()]) },
      { description: 'Who: null id for the system (bootstrap, the CLI).' },
    ),
    at: Type.String({ description: 'When (ISO 8601).' }),
    action: Type.String({ description: 'What was done, e.g. `organization.create`.' }),
    target: Type.Union([Type.String(), Type.Null()], { description: 'The main record acted on, `kind:key`.' }),
    targetName: Type.Union([Type.String(), Type.Null()], {
      description:
        'The name of the target as it is now (`acme/web`, `PRIMARY/alice`); null when it is gone or has none.',
    }),
    effects: Type.Array(
      Type.Object(
        { kind: Type.String(), key: Type.String(), before: Type.Unknown(), after: Type.Unknown() },
        { description: 'One record changed: null before for a creation, null after for a deletion.' },
      ),
    ),
    omitted: Type.Integer({ description: 'Effects left out of a very large write.' }),
  },
  { $id: 'AuditEntry' },
);

/** The kinds a bare id is tried as, in this order (`kind:key` targets of the audit log). */
const TARGET_KINDS = [
  'organization',
  'project',
  'resource',
  'user',
  'group',
  'role',
  'mapping',
  'scope',
  'userStore',
  'permission',
  'token',
  'invitation',
  'password',
  'settings',
  'approval',
] as const;
const KIND_PREFIX = new RegExp(`^(${[...TARGET_KINDS, 'membership', 'deletedUserId', 'preset'].join('|')}):.+`);

/** The `kind:key` a bare id names, when the index knows the record. */
function liveTarget(engine: AccessEngine, id: string): string | undefined {
  if (engine.organizations().some((o) => o.id === id)) return `organization:${id}`;
  if (engine.projects().some((p) => p.id === id)) return `project:${id}`;
  if (engine.resources().some((r) => r.id === id)) return `resource:${id}`;
  if (engine.user(id)?.id === id || engine.isDeletedUserId(id)) return `user:${id}`;
  if (engine.group(id) !== undefined) return `group:${id}`;
  if (engine.role(id) !== undefined) return `role:${id}`;
  if (engine.mapping(id) !== undefined) return `mapping:${id}`;
  if (engine.scopes().some((s) => s.name === id)) return `scope:${id}`;
  if (engine.userStores().some((s) => s.name === id)) return `userStore:${id}`;
  if (engine.permission(id) !== undefined) return `permission:${id}`;
  return undefined;
}

/** The audit log (docs/administration.md#the-audit-log): every write, who made it, when, and each record before and after. */
export function auditRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;

  /** The audit target a query names: `kind:key` as is; a bare id as the record it names, or the first kind the log has entries for. */
  async function targetOf(reference: string): Promise<string | undefined> {
    if (KIND_PREFIX.test(reference)) return reference;
    const live = liveTarget(engine(), reference);
    if (live !== undefined) return live;
    // A deleted record: the index no longer knows its kind; the log does.
    for (const kind of TARGET_KINDS) {
      const target = `${kind}:${reference}`;
      if ((await context.store.audit({ target, limit: 1 })).length > 0) return target;
    }
    return undefined;
  }

  /** A user reference as the id the log records; a deleted user's raw id still matches. */
  function actorOf(reference: string): string {
    if (engine().isDeletedUserId(reference)) return reference;
    return userOf(engine(), reference).id;
  }

  function instant(value: string | undefined, field: string): string | undefined {
    if (value === undefined) return undefined;
    const time = Date.parse(value);
    if (Number.isNaN(time))
      throw new HttpProblem('validation', `querystring ${field} must be an ISO 8601 date-time`, {
        errors: [{ in: 'querystring', path: field, message: 'must be an ISO 8601 date-time' }],
      });
    // The log stores `toISOString()` text: compare like with like.
    return new Date(time).toISOString();
  }

  app.get(
    '/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        description:
          'Each entry: who (actor), when (at), what (action, target), each record changed before and after (effects), and the revision the write produced. ' +
          'Filters: `actor` (a user id or name; a deleted user by raw id), `target` (`kind:key`, e.g. `group:<id>`, or a bare id of any record), `action` (exactly), `since`/`until` (ISO 8601, inclusive). ' +
          "Page with `before`: the previous page's `next`.",
        querystring: Type.Object(
          {
            actor: Type.Optional(Reference),
            target: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            action: Type.Optional(
              Type.String({ minLength: 1, maxLength: 100, description: 'Only this action, e.g. `group.member.add`.' }),
            ),
            since: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
            until: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
            before: Type.Optional(
              Type.Integer({
                minimum: 1,
                description: 'Entries older than this entry id (the `next` of the previous page).',
              }),
            ),
            limit: Limit,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(AuditEntrySchema),
            next: Type.Union([Type.Integer(), Type.Null()]),
            revision: Type.Integer(),
          }),
          '4xx': Problem,
        },
      },
      config: {
        guard: { permission: 'audit:view', at: 'the home organization', target: (_request, ctx) => homeTarget(ctx) },
      },
    },
    async (request) => {
      const { actor, target, action, since, until, before, limit } = request.query;
      const revision = context.store.revision;
      const actorId = actor === undefined ? undefined : actorOf(actor);
      const targetKey = target === undefined ? undefined : await targetOf(target);
      if (target !== undefined && targetKey === undefined) return { items: [], next: null, revision };
      const query = {
        ...(actorId === undefined ? {} : { actor: actorId }),
        ...(targetKey === undefined ? {} : { target: targetKey }),
        ...(action === undefined ? {} : { action }),
        ...(since === undefined ? {} : { since: instant(since, 'since') }),
        ...(until === undefined ? {} : { until: instant(until, 'until') }),
        ...(before === undefined ? {} : { before }),
      };
      // One more than asked tells whether a next page exists (the store answers at most 500).
      const entries: AuditEntry[] = await context.store.audit({ ...query, limit: Math.min(limit + 1, 500) });
      const items = entries.slice(0, limit);
      const more = entries.length > limit || (limit === 500 && entries.length === 500);
      return {
        items: items.map((entry) => ({
          ...entry,
          targetName: auditTargetName(engine(), entry.target),
          effects: [...entry.effects],
        })),
        next: more && items.length > 0 ? items[items.length - 1]!.id : null,
        revision,
      };
    },
  );
}
