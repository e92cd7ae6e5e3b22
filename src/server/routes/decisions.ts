import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AccessEngine } from '../../core/engine.js';
import type { Explanation } from '../../core/decision.js';
import type { App, Guard, ServerContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import { After, Limit, Problem, Reference, homeTarget } from './common.js';

/** Permission keys, resource types: short identifiers. */
const Key = Type.String({ minLength: 1, maxLength: 200 });
const UserReference = Type.String({
  minLength: 1,
  maxLength: 400,
  description: 'A user id or domain-qualified username (`PRIMARY/alice`); omit it to ask about an anonymous guest.',
});
const TargetReference = Type.Object(
  {
    type: Type.String({
      minLength: 1,
      maxLength: 100,
      description: '`organization`, `project` or a resource type (`api`, `component`, …).',
    }),
    id: Reference,
  },
  {
    additionalProperties: false,
    description: 'An id, or a name or path (`acme`, `acme/engineering`, `acme/engineering/api/pizza-shack`).',
  },
);
/** Decide at another instant (mappings with time limits); absent: now. */
const At = Type.String({
  format: 'date-time',
  description: 'Decide at this instant (ISO 8601), for mappings with `notBefore` or `expiresAt`. Absent: now.',
});
/** Roles the session already used (dynamic separation of duties, docs/concepts.md#separation-of-duties). */
const ActiveRoles = Type.Array(Type.String({ minLength: 1, maxLength: 400 }), {
  maxItems: 50,
  description:
    'Roles (ids or names) the session has already used: a role a dynamic separation-of-duties constraint pairs with one of them does not count.',
});
/** `now` and `activeRoles` of a decision request, from its body. */
function sessionOf(body: { at?: string; activeRoles?: string[] }): { now?: number; activeRoles?: string[] } {
  return {
    ...(body.at === undefined ? {} : { now: Date.parse(body.at) }),
    ...(body.activeRoles === undefined ? {} : { activeRoles: body.activeRoles }),
  };
}
const AtLeast = Type.Integer({
  minimum: 0,
  description:
    'A revision the answer must reflect ([consistency](/docs/guide/concepts#consistency-revisions-and-atleast)). A server behind it waits (bounded; `Prefer: wait=<seconds>` shortens the wait), then answers 503 `revision-timeout`.',
});
/** The explanation's full shape is documented on `POST /v1/explain`; here it is passed through as is. */
const OpenExplanation = Type.Object(
  {},
  { additionalProperties: true, description: 'Why the decision came out as it did (see `POST /v1/explain`).' },
);

const TargetSchema = Type.Object(
  { level: Type.String(), id: Type.String(), name: Type.String() },
  { additionalProperties: true },
);
const Subject = Type.Object({ kind: Type.String(), id: Type.Optional(Type.String()) }, { additionalProperties: true });
const GrantSchema = Type.Object(
  {
    mapping: Type.String(),
    role: Type.Object({ id: Type.String(), name: Type.String() }),
    subject: Subject,
    target: TargetSchema,
    group: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
    node: Type.String({ description: 'The permission-tree node, granted by the role, that covers the permission.' }),
    through: Type.Array(Type.String(), {
      description: 'Role names from the mapped role to the one holding `node` (composite roles).',
    }),
  },
  { additionalProperties: true },
);
const ExplanationSchema = Type.Object(
  {
    user: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
    permission: Type.String(),
    target: Type.Union([TargetSchema, Type.Null()]),
    grant: Type.Union([GrantSchema, Type.Null()], {
      description: 'When allowed: the highest-level mapping that grants the permission.',
    }),
    grants: Type.Array(GrantSchema, {
      description: 'When allowed: every mapping that grants it, highest level first.',
    }),
    denial: Type.Union([Type.Object({ code: Type.String(), reason: Type.String() }), Type.Null()], {
      description: 'When denied: why, as a stable code and in words.',
    }),
    excluded: Type.Array(Type.Object({ grant: GrantSchema, code: Type.String(), reason: Type.String() }), {
      description: 'Mappings that hold the permission but do not count at this target, and why.',
    }),
  },
  { additionalProperties: true },
);

/** The engine's answers are deeply readonly; the schemas' static types are not. Same values, serialized as they are. */
type Writable<T> = T extends readonly (infer U)[]
  ? Writable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Writable<T[K]> }
    : T;
const writable = <T>(value: T): Writable<T> => value as Writable<T>;

const MAX_WAIT_MS = 10_000;
/** `POST /v1/check/targets`, compact form: at most this many ids a request. */
const MAX_COMPACT_IDS = 10_000;
/** `POST /v1/check/batch`, compact form: at most this many triples (and users, permissions, resources) a request. */
const MAX_COMPACT_CHECKS = 10_000;
/** An index into one of the compact batch's lists. */
const CompactIndex = Type.Integer({ minimum: 0, maximum: MAX_COMPACT_CHECKS - 1 });
/** The answers of a batch, shared by every decision they answer (serialized, never changed). */
const ALLOWED = Object.freeze({ allowed: true });
const DENIED = Object.freeze({ allowed: false });
/** `1` and `0`, the compact form's answers. */
const ONE = 0x31;
const ZERO = 0x30;
const PREFER_WAIT = /(?:^|[,;\s])wait\s*=\s*(\d+(?:\.\d+)?)/i;

/** `Prefer: wait=<seconds>` (RFC 7240) bounds how long an `atLeast` read waits; undefined: the store's default. */
function waitOf(request: FastifyRequest): number | undefined {
  const prefer = request.headers.prefer;
  if (prefer === undefined) return undefined;
  const match = PREFER_WAIT.exec(Array.isArray(prefer) ? prefer.join(',') : prefer);
  return match === null ? undefined : Math.min(MAX_WAIT_MS, Math.round(Number(match[1]) * 1000));
}

/** Resolves once the index reflects `atLeast` (REVISION_TIMEOUT → 503); immediately when it does already. */
function reach(
  context: ServerContext,
  request: FastifyRequest,
  atLeast: number | undefined,
): Promise<number> | undefined {
  if (atLeast === undefined || context.store.revision >= atLeast) return undefined;
  const timeoutMs = waitOf(request);
  return context.store.waitFor(atLeast, timeoutMs === undefined ? {} : { timeoutMs });
}

/** What is wrong with the form of a `POST /v1/check/targets` body: `targets`, or `type` and `ids`, exactly. */
function targetsFormError(
  targets: boolean,
  type: boolean,
  ids: boolean,
): { path: string; message: string } | undefined {
  if (targets && (type || ids)) return { path: 'targets', message: 'is not allowed with `type` and `ids`' };
  if (!targets && !type && !ids) return { path: 'targets', message: 'is required (or `type` and `ids`)' };
  if (!targets && !type) return { path: 'type', message: 'is required with `ids`' };
  if (!targets && !ids) return { path: 'ids', message: 'is required with `type`' };
  return undefined;
}

/** The compact form of `POST /v1/check/batch`, as its body holds it. */
interface CompactBatch {
  readonly users: readonly (string | null)[];
  readonly permissions: readonly string[];
  readonly resources: readonly { readonly type: string; readonly id: string }[];
  readonly triples: readonly (readonly number[])[];
}

const COMPACT_FIELDS = ['users', 'permissions', 'resources', 'triples'] as const;

/**
 * The compact form of a `POST /v1/check/batch` body, undefined for `checks`; throws a 400
 * `validation` problem for both forms, neither, a compact form missing a list, or a triple whose
 * index lies past the end of its list.
 */
function compactBatchOf(body: {
  checks?: unknown;
  users?: readonly (string | null)[];
  permissions?: readonly string[];
  resources?: readonly { readonly type: string; readonly id: string }[];
  triples?: readonly (readonly number[])[];
}): CompactBatch | undefined {
  const invalid = (path: string, message: string) =>
    new HttpProblem('validation', `body ${path} ${message}`, { errors: [{ in: 'body', path, message }] });
  const given = COMPACT_FIELDS.filter((field) => body[field] !== undefined);
  if (body.checks !== undefined) {
    if (given.length > 0) throw invalid('checks', `is not allowed with \`${given.join('`, `')}\``);
    return undefined;
  }
  if (given.length === 0) throw invalid('checks', 'is required (or `users`, `permissions`, `resources` and `triples`)');
  const missing = COMPACT_FIELDS.find((field) => body[field] === undefined);
  if (missing !== undefined) throw invalid(missing, `is required with \`${given.join('`, `')}\``);
  const compact = body as CompactBatch;
  const lists = [compact.users, compact.permissions, compact.resources] as const;
  const triples = compact.triples;
  for (let i = 0; i < triples.length; i++) {
    const triple = triples[i]!;
    for (let j = 0; j < 3; j++) {
      if (triple[j]! >= lists[j]!.length)
        throw invalid(
          `triples[${i}][${j}]`,
          `is not an index of \`${COMPACT_FIELDS[j]}\` (${lists[j]!.length} entries)`,
        );
    }
  }
  return compact;
}

/** Callers may always ask about themselves; asking about anyone else (or the guest) needs `decision:check` at home. */
export const ABOUT_OTHERS: Guard = {
  permission: 'decision:check',
  at: 'the home organization, when asking about another user or the anonymous guest (callers may always ask about themselves)',
  target: () => null,
};

/**
 * The decision endpoints (docs/concepts.md#the-decision-rule, docs/http-api.md#decisions), answered from the in-memory index only. A caller may
 * always ask about itself; asking about anyone else, or the anonymous guest, needs
 * `decision:check` at the home organization.
 */
export function decisionRoutes(app: App, context: ServerContext): void {
  const home = context.home();
  // Plain integers and typed arrays, added to the Prometheus metrics when scraped (src/server/metrics.ts).
  const checkCount = context.metrics.decisions('check');
  const checkSeconds = context.metrics.decisionSeconds.endpoint('check');
  const batchCount = context.metrics.decisions('batch');
  const batchSeconds = context.metrics.decisionSeconds.endpoint('batch');
  const targetsCount = context.metrics.decisions('targets');
  const targetsSeconds = context.metrics.decisionSeconds.endpoint('targets');

  /** Whether the caller may ask about others: `decision:check` at home (one allocation-free decision). */
  const mayAskAboutOthers = (engine: AccessEngine, caller: string): boolean =>
    engine.allowed(caller, 'decision:check', 'organization', home);

  /** Whether `user` (as the body names it; undefined: the guest) is the caller itself. */
  const isCaller = (engine: AccessEngine, caller: string, user: string | undefined): boolean =>
    user !== undefined && (user === caller || engine.findUser(user)?.record.id === caller);

  const refuse = (user: string | undefined): HttpProblem =>
    new HttpProblem(
      'forbidden',
      `asking about ${user === undefined ? 'an anonymous guest' : `user "${user}"`} requires the permission "decision:check" at the home organization`,
      {
        permission: 'decision:check',
        target: homeTarget(context),
      },
    );

  /** A question about a permission the tree lacks is a mistake in the question, not a denial. */
  const requireKnownPermission = (engine: AccessEngine, permission: string, where = ''): void => {
    if (engine.permission(permission) === undefined) {
      throw new HttpProblem('unknown-permission', `${where}permission "${permission}" is not in the permission tree`, {
        permission,
      });
    }
  };

  /** Throws `forbidden` unless the caller may ask about `user`. */
  const authorizeAbout = (engine: AccessEngine, request: FastifyRequest, user: string | undefined): void => {
    const caller = request.principal!.user.id;
    if (user === caller || mayAskAboutOthers(engine, caller) || isCaller(engine, caller, user)) return;
    throw refuse(user);
  };

  app.post(
    '/v1/check',
    {
      config: { guard: ABOUT_OTHERS },
      schema: {
        tags: ['decisions'],
        summary: 'May this user do this here? (the decision rule of docs/concepts.md)',
        description:
          'Answers from the in-memory index, never the database. Omit `user` to ask about an anonymous guest. An unknown user or target is answered `allowed: false` ' +
          '(with `explain: true`, the explanation says which); a permission the tree lacks is a 400 `unknown-permission` problem. The caller may always ask about itself; asking about anyone else, or a guest, requires `decision:check` at the home organization.',
        body: Type.Object(
          {
            user: Type.Optional(UserReference),
            permission: Key,
            resource: TargetReference,
            atLeast: Type.Optional(AtLeast),
            explain: Type.Optional(Type.Boolean()),
            at: Type.Optional(At),
            activeRoles: Type.Optional(ActiveRoles),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            allowed: Type.Boolean(),
            revision: Type.Integer(),
            explanation: Type.Optional(OpenExplanation),
          }),
          '4xx': Problem,
          503: Problem,
        },
      },
    },
    (request) => {
      const body = request.body;
      // Answered without a promise, unless `atLeast` asks for a revision the index has not reached.
      const decide = () => {
        const engine = context.store.engine;
        authorizeAbout(engine, request, body.user);
        requireKnownPermission(engine, body.permission);
        const started = performance.now();
        const resource = body.resource;
        let answer: { allowed: boolean; revision: number; explanation?: Explanation };
        const session = sessionOf(body);
        if (body.explain === true) {
          const explanation = engine.explain({
            user: body.user ?? null,
            permission: body.permission,
            resource,
            ...session,
          });
          answer = { allowed: explanation.grant !== null, revision: engine.revision, explanation };
        } else if (body.at !== undefined || body.activeRoles !== undefined) {
          answer = engine.check({ user: body.user ?? null, permission: body.permission, resource, ...session });
        } else {
          answer = {
            allowed: engine.allowed(body.user, body.permission, resource.type, resource.id),
            revision: engine.revision,
          };
        }
        checkSeconds.observe((performance.now() - started) / 1000);
        if (answer.allowed) checkCount.allowed++;
        else checkCount.denied++;
        return answer;
      };
      const waiting = reach(context, request, body.atLeast);
      return waiting === undefined ? decide() : waiting.then(decide);
    },
  );

  app.post(
    '/v1/check/batch',
    {
      config: { guard: ABOUT_OTHERS },
      schema: {
        tags: ['decisions'],
        summary: 'Many decisions in one request, all at one revision',
        description:
          'Each check is as for `POST /v1/check` (without `atLeast`, which applies to the whole batch). Answers the decisions in the order asked. ' +
          'The checks come in one of two forms: `checks`, up to 1,000 `{user, permission, resource}` objects, answered `decisions: [{allowed}]`; ' +
          'or the compact form, `users`, `permissions` and `resources` each listed once and up to 10,000 `triples` of indexes into them ' +
          '(`[user, permission, resource]`), answered `allowed`, a string of one character per triple, `1` for allowed and `0` for denied. ' +
          'Both forms, neither, or an index past the end of its list is a 400 `validation` problem. ' +
          'Asking about anyone but the caller (in the compact form: any listed user but the caller) requires `decision:check` at the home organization.',
        body: Type.Object(
          {
            checks: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    user: Type.Optional(UserReference),
                    permission: Key,
                    resource: TargetReference,
                    explain: Type.Optional(Type.Boolean()),
                  },
                  { additionalProperties: false },
                ),
                {
                  minItems: 1,
                  maxItems: 1000,
                  description:
                    'The checks, each with its user, permission and resource; answered `decisions`. Not with the compact form.',
                },
              ),
            ),
            users: Type.Optional(
              Type.Array(Type.Union([UserReference, Type.Null()]), {
                minItems: 1,
                maxItems: MAX_COMPACT_CHECKS,
                description:
                  'The compact form: the users the checks name, each once (`null`: an anonymous guest); `checks` index into it.',
              }),
            ),
            permissions: Type.Optional(
              Type.Array(Key, {
                minItems: 1,
                maxItems: MAX_COMPACT_CHECKS,
                description: 'The compact form: the permissions the checks name, each once.',
              }),
            ),
            resources: Type.Optional(
              Type.Array(TargetReference, {
                minItems: 1,
                maxItems: MAX_COMPACT_CHECKS,
                description: 'The compact form: the resources the checks name, each once.',
              }),
            ),
            triples: Type.Optional(
              Type.Array(Type.Array(CompactIndex, { minItems: 3, maxItems: 3 }), {
                minItems: 1,
                maxItems: MAX_COMPACT_CHECKS,
                description:
                  'The compact form: each check as `[user, permission, resource]`, indexes into `users`, `permissions` and `resources`; answered `allowed`, one character per triple.',
              }),
            ),
            atLeast: Type.Optional(AtLeast),
          },
          {
            additionalProperties: false,
            examples: [
              {
                checks: [
                  {
                    user: 'alice',
                    permission: 'api:view',
                    resource: { type: 'api', id: 'acme/engineering/api/pizza-shack' },
                  },
                  { user: 'bob', permission: 'api:view', resource: { type: 'project', id: 'acme/marketing' } },
                ],
              },
              {
                users: ['alice', 'bob'],
                permissions: ['api:view', 'api:subscribe'],
                resources: [
                  { type: 'api', id: 'acme/engineering/api/pizza-shack' },
                  { type: 'project', id: 'acme/marketing' },
                ],
                triples: [
                  [0, 0, 0],
                  [1, 0, 0],
                  [1, 1, 1],
                ],
              },
            ],
          },
        ),
        response: {
          200: Type.Object(
            {
              revision: Type.Integer(),
              decisions: Type.Optional(
                Type.Array(Type.Object({ allowed: Type.Boolean(), explanation: Type.Optional(OpenExplanation) }), {
                  description: "For `checks`: one per check, in the order of the request's `checks`.",
                }),
              ),
              allowed: Type.Optional(
                Type.String({
                  pattern: '^[01]*$',
                  description:
                    "For the compact form: one character per triple, in the order of the request's `triples`: `1` allowed, `0` denied.",
                }),
              ),
            },
            {
              examples: [
                { revision: 42, decisions: [{ allowed: true }, { allowed: false }] },
                { revision: 42, allowed: '101' },
              ],
            },
          ),
          '4xx': Problem,
          503: Problem,
        },
      },
    },
    (request) => {
      const { checks, atLeast } = request.body;
      const compact = compactBatchOf(request.body);
      // Answered without a promise, unless `atLeast` asks for a revision the index has not reached.
      const decide = () => {
        const engine = context.store.engine;
        const caller = request.principal!.user.id;
        if (compact !== undefined) return decideCompact(engine, caller, compact);
        if (!mayAskAboutOthers(engine, caller)) {
          const asked = new Set<string | undefined>();
          for (const check of checks!) {
            if (asked.has(check.user)) continue;
            if (!isCaller(engine, caller, check.user)) throw refuse(check.user);
            asked.add(check.user);
          }
        }
        for (let i = 0; i < checks!.length; i++)
          requireKnownPermission(engine, checks![i]!.permission, `checks[${i}]: `);
        const started = performance.now();
        const decisions = new Array<{ allowed: boolean; explanation?: Explanation }>(checks!.length);
        let allowedCount = 0;
        for (let i = 0; i < checks!.length; i++) {
          const check = checks![i]!;
          let allowed: boolean;
          if (check.explain === true) {
            const explanation = engine.explain({
              user: check.user ?? null,
              permission: check.permission,
              resource: check.resource,
            });
            allowed = explanation.grant !== null;
            decisions[i] = { allowed, explanation };
          } else {
            allowed = engine.allowed(check.user, check.permission, check.resource.type, check.resource.id);
            decisions[i] = allowed ? ALLOWED : DENIED;
          }
          if (allowed) allowedCount++;
        }
        batchSeconds.observe((performance.now() - started) / 1000);
        batchCount.allowed += allowedCount;
        batchCount.denied += checks!.length - allowedCount;
        return { revision: engine.revision, decisions };
      };
      const waiting = reach(context, request, atLeast);
      return waiting === undefined ? decide() : waiting.then(decide);
    },
  );

  /**
   * The compact batch: each user, permission and resource named once, each check three indexes
   * into them, answered one byte a check (`1` or `0`) in one buffer, no object per decision. The
   * caller's right to ask is settled once per listed user, each permission's existence once.
   */
  const decideCompact = (
    engine: AccessEngine,
    caller: string,
    { users, permissions, resources, triples }: CompactBatch,
  ): { revision: number; allowed: string } => {
    if (!mayAskAboutOthers(engine, caller)) {
      for (const user of users) if (!isCaller(engine, caller, user ?? undefined)) throw refuse(user ?? undefined);
    }
    for (let i = 0; i < permissions.length; i++) requireKnownPermission(engine, permissions[i]!, `permissions[${i}]: `);
    const started = performance.now();
    const answers = Buffer.allocUnsafe(triples.length);
    let allowedCount = 0;
    for (let i = 0; i < triples.length; i++) {
      const triple = triples[i]!;
      const resource = resources[triple[2]!]!;
      const allowed = engine.allowed(users[triple[0]!], permissions[triple[1]!]!, resource.type, resource.id);
      answers[i] = allowed ? ONE : ZERO;
      if (allowed) allowedCount++;
    }
    batchSeconds.observe((performance.now() - started) / 1000);
    batchCount.allowed += allowedCount;
    batchCount.denied += triples.length - allowedCount;
    return { revision: engine.revision, allowed: answers.toString('latin1') };
  };

  app.post(
    '/v1/check/targets',
    {
      config: { guard: ABOUT_OTHERS },
      schema: {
        tags: ['decisions'],
        summary: 'One user and permission at many targets, all at one revision ("which of these APIs may alice see")',
        description:
          'Answers, in the order asked, whether `user` holds `permission` at each target, as `POST /v1/check` would one by one. ' +
          'The targets come in one of two forms: `targets`, up to 1,000 `{type, id}` objects, answered `decisions: [{allowed}]`; ' +
          'or the compact form for targets of one type, `type` and up to 10,000 `ids`, answered `allowed`, a string of one character per id, ' +
          '`1` for allowed and `0` for denied (`"allowed": "1001"`). An unknown target is answered denied; ' +
          'a permission the tree lacks is a 400 `unknown-permission` problem; both forms, or neither, a 400 `validation` problem. ' +
          'The caller may always ask about itself; asking about anyone else, or a guest, requires `decision:check` at the home organization.',
        body: Type.Object(
          {
            user: Type.Optional(UserReference),
            permission: Key,
            targets: Type.Optional(
              Type.Array(TargetReference, {
                minItems: 1,
                maxItems: 1000,
                description: 'The targets, each with its type; answered `decisions`. Not with `type` and `ids`.',
              }),
            ),
            type: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 100,
                description: 'The compact form: the type of every target in `ids` (`project`, `api`, …).',
              }),
            ),
            ids: Type.Optional(
              Type.Array(Reference, {
                minItems: 1,
                maxItems: MAX_COMPACT_IDS,
                description:
                  'The compact form: the targets of `type`, by id, name or path; answered `allowed`, one character per id.',
              }),
            ),
            atLeast: Type.Optional(AtLeast),
          },
          {
            additionalProperties: false,
            examples: [
              {
                user: 'alice',
                permission: 'api:view',
                targets: [
                  { type: 'api', id: 'acme/engineering/api/pizza-shack' },
                  { type: 'project', id: 'acme/marketing' },
                ],
              },
              {
                user: 'alice',
                permission: 'api:view',
                type: 'api',
                ids: ['acme/engineering/api/pizza-shack', 'acme/marketing/api/leads', 'acme/marketing/api/crm'],
              },
            ],
          },
        ),
        response: {
          200: Type.Object(
            {
              revision: Type.Integer(),
              decisions: Type.Optional(
                Type.Array(Type.Object({ allowed: Type.Boolean() }), {
                  description: "For `targets`: one per target, in the order of the request's `targets`.",
                }),
              ),
              allowed: Type.Optional(
                Type.String({
                  pattern: '^[01]*$',
                  description:
                    "For the compact form: one character per id, in the order of the request's `ids`: `1` allowed, `0` denied.",
                }),
              ),
            },
            {
              examples: [
                { revision: 42, decisions: [{ allowed: true }, { allowed: false }] },
                { revision: 42, allowed: '100' },
              ],
            },
          ),
          '4xx': Problem,
          503: Problem,
        },
      },
    },
    (request) => {
      const { user, permission, targets, type, ids, atLeast } = request.body;
      const formError = targetsFormError(targets !== undefined, type !== undefined, ids !== undefined);
      if (formError !== undefined) {
        throw new HttpProblem('validation', `body ${formError.path} ${formError.message}`, {
          errors: [{ in: 'body', ...formError }],
        });
      }
      // Answered without a promise, unless `atLeast` asks for a revision the index has not reached.
      const decide = () => {
        const engine = context.store.engine;
        authorizeAbout(engine, request, user);
        requireKnownPermission(engine, permission);
        const started = performance.now();
        let allowedCount = 0;
        let answer: { revision: number; decisions?: { allowed: boolean }[]; allowed?: string };
        if (ids !== undefined) {
          // One character a decision, `1` or `0`, written into one buffer: no object per decision.
          const answers = Buffer.allocUnsafe(ids.length);
          for (let i = 0; i < ids.length; i++) {
            const allowed = engine.allowed(user, permission, type!, ids[i]!);
            answers[i] = allowed ? ONE : ZERO;
            if (allowed) allowedCount++;
          }
          answer = { revision: engine.revision, allowed: answers.toString('latin1') };
        } else {
          const decisions = new Array<{ allowed: boolean }>(targets!.length);
          for (let i = 0; i < targets!.length; i++) {
            const target = targets![i]!;
            const allowed = engine.allowed(user, permission, target.type, target.id);
            decisions[i] = allowed ? ALLOWED : DENIED;
            if (allowed) allowedCount++;
          }
          answer = { revision: engine.revision, decisions };
        }
        const asked = ids?.length ?? targets!.length;
        targetsSeconds.observe((performance.now() - started) / 1000);
        targetsCount.allowed += allowedCount;
        targetsCount.denied += asked - allowedCount;
        return answer;
      };
      const waiting = reach(context, request, atLeast);
      return waiting === undefined ? decide() : waiting.then(decide);
    },
  );

  app.post(
    '/v1/explain',
    {
      config: { guard: ABOUT_OTHERS },
      schema: {
        tags: ['decisions'],
        summary: 'Why a decision comes out as it does',
        description:
          'When allowed: the highest-level mapping that grants the permission (role, subject, level, the group it comes through, the permission-tree node) and every other one; ' +
          'when denied: what was missing, and the mappings that hold the permission but do not count here. Same authorization as `POST /v1/check`.',
        body: Type.Object(
          {
            user: Type.Optional(UserReference),
            permission: Key,
            resource: TargetReference,
            atLeast: Type.Optional(AtLeast),
            at: Type.Optional(At),
            activeRoles: Type.Optional(ActiveRoles),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ allowed: Type.Boolean(), revision: Type.Integer(), explanation: ExplanationSchema }),
          '4xx': Problem,
          503: Problem,
        },
      },
    },
    async (request) => {
      const { user, permission, resource, atLeast } = request.body;
      requireKnownPermission(context.store.engine, permission);
      const waiting = reach(context, request, atLeast);
      if (waiting !== undefined) await waiting;
      const engine = context.store.engine;
      authorizeAbout(engine, request, user);
      const explanation = writable(
        engine.explain({ user: user ?? null, permission, resource, ...sessionOf(request.body) }),
      );
      return { allowed: explanation.grant !== null, revision: engine.revision, explanation };
    },
  );

  app.post(
    '/v1/permissions-at',
    {
      config: { guard: ABOUT_OTHERS },
      schema: {
        tags: ['decisions'],
        summary: 'Every permission a user holds at a target',
        description:
          'With `explain: true`, each permission carries the highest-level mapping that grants it. Same authorization as `POST /v1/check`.',
        body: Type.Object(
          {
            user: Type.Optional(UserReference),
            resource: TargetReference,
            explain: Type.Optional(Type.Boolean()),
            atLeast: Type.Optional(AtLeast),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            revision: Type.Integer(),
            permissions: Type.Array(Type.Object({ key: Type.String(), grant: Type.Optional(GrantSchema) })),
          }),
          '4xx': Problem,
          503: Problem,
        },
      },
    },
    async (request) => {
      const { user, resource, explain, atLeast } = request.body;
      const waiting = reach(context, request, atLeast);
      if (waiting !== undefined) await waiting;
      const engine = context.store.engine;
      authorizeAbout(engine, request, user);
      return writable(
        engine.permissionsAt({ user: user ?? null, resource, ...(explain === undefined ? {} : { explain }) }),
      );
    },
  );

  const LookupItem = Type.Object({
    id: Type.String(),
    type: Type.String(),
    name: Type.String(),
    path: Type.String(),
    grant: Type.Optional(GrantSchema),
  });

  app.post(
    '/v1/lookup',
    {
      config: { guard: ABOUT_OTHERS },
      schema: {
        tags: ['decisions'],
        summary: 'The targets of a type a user may act on with a permission',
        description:
          "Ascending by id, complete across pages (`after` takes the previous page's `next`). Same authorization as `POST /v1/check`.",
        body: Type.Object(
          {
            user: Type.Optional(UserReference),
            permission: Key,
            type: Type.String({
              minLength: 1,
              maxLength: 100,
              description: '`organization`, `project` or a resource type.',
            }),
            limit: Type.Optional(Limit),
            after: Type.Optional(After),
            explain: Type.Optional(Type.Boolean()),
            atLeast: Type.Optional(AtLeast),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(LookupItem),
            next: Type.Union([Type.String(), Type.Null()]),
            revision: Type.Integer(),
          }),
          '4xx': Problem,
          503: Problem,
        },
      },
    },
    async (request) => {
      const { user, permission, type, limit, after, explain, atLeast } = request.body;
      const waiting = reach(context, request, atLeast);
      if (waiting !== undefined) await waiting;
      const engine = context.store.engine;
      authorizeAbout(engine, request, user);
      return writable(
        engine.lookup({
          user: user ?? null,
          permission,
          type,
          limit: limit ?? 50,
          after: after ?? null,
          ...(explain === undefined ? {} : { explain }),
        }),
      );
    },
  );

  app.post(
    '/v1/reverse-lookup',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Who may act on a target with a permission, and why (the "who has access" page)',
        description:
          'Each user (and the anonymous guest, as `user: null`) with the highest-level mapping that grants the permission; ascending by user id, paged.',
        body: Type.Object(
          {
            permission: Key,
            resource: TargetReference,
            limit: Type.Optional(Limit),
            after: Type.Optional(After),
            atLeast: Type.Optional(AtLeast),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                user: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
                grant: GrantSchema,
              }),
            ),
            next: Type.Union([Type.String(), Type.Null()]),
            revision: Type.Integer(),
          }),
          '4xx': Problem,
          503: Problem,
        },
      },
      config: {
        guard: {
          permission: 'decision:check',
          at: 'the home organization',
          target: (_request, ctx) => homeTarget(ctx),
        },
      },
    },
    async (request) => {
      const { permission, resource, limit, after, atLeast } = request.body;
      const waiting = reach(context, request, atLeast);
      if (waiting !== undefined) await waiting;
      return writable(
        context.store.engine.reverseLookup({ permission, resource, limit: limit ?? 50, after: after ?? null }),
      );
    },
  );
}
