import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { stringify as toYaml } from 'yaml';
import type { AccessEngine } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import type { Change } from '../../core/changes.js';
import { checkNoLockout } from '../../core/rules.js';
import { PRIMARY_STORE, type UserStore } from '../../core/model.js';
import {
  type DocumentError,
  InvalidDocumentError,
  parseText,
  planDocument,
  runPolicyTests,
} from '../../document/index.js';
import { presetResolver } from '../../presets/index.js';
import { applyDocumentToStore, exportStoreDocument } from '../../store/documents.js';
import { requirePermission } from '../app.js';
import type { App, ServerContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import {
  After,
  Description,
  Limit,
  PageOf,
  Problem,
  Reference,
  Revision,
  auditOf,
  enforce,
  homeTarget,
  notFound,
  organizationOf,
  page,
  roleOf,
  write,
  pathParameter,
  tagged,
  gateActorOf,
} from './common.js';
import { applyDocumentInWorker, runPolicyTestsInWorker } from '../documents/apply.js';
import { documentInput, isLargeDocument } from '../documents/request.js';
import { RoleRefSchema } from './roles.js';

/** Installation-wide operations are authorized at the home organization. */
const atHome = (_request: unknown, context: ServerContext) => homeTarget(context);

const YAML_TYPES = ['application/yaml', 'text/yaml'];

const StoreName = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^/\\u0000-\\u001f]+$' });

export const UserStoreSchema = Type.Object(
  { name: Type.String(), readOnly: Type.Boolean(), description: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'UserStore' },
);

const SettingsSchema = Type.Object({
  adminRole: Type.Union([RoleRefSchema, Type.Null()]),
  organizationDefaults: Type.Object({
    groups: Type.Array(
      Type.Object({
        name: Type.String(),
        description: Type.Union([Type.String(), Type.Null()]),
        roles: Type.Array(RoleRefSchema),
      }),
    ),
    mappings: Type.Array(
      Type.Object({
        role: RoleRefSchema,
        subject: Type.Object({ kind: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
      }),
    ),
  }),
  homeOrganization: Type.Object({ id: Type.String(), name: Type.String() }),
  revision: Type.Integer(),
});

/** A document body: parsed JSON, or YAML text (`application/yaml`, `text/yaml`). */
const DocumentBody = Type.Union([Type.Object({}, { additionalProperties: true }), Type.String()], {
  description: 'The document as JSON, or as YAML text sent as `application/yaml` or `text/yaml`.',
});

const ReportSchema = Type.Object({
  created: Type.Array(Type.String()),
  changed: Type.Array(Type.String()),
  unchanged: Type.Array(Type.String()),
  deleted: Type.Optional(
    Type.Array(Type.String(), {
      description: 'With `prune=true`: what the document does not name in the organizations it declares.',
    }),
  ),
  revision: Type.Integer(),
  dryRun: Type.Boolean(),
});

function invalidDocument(errors: readonly DocumentError[]): HttpProblem {
  const listed = errors.map((e) => ({ in: 'body', path: e.path === '' ? '(root)' : e.path, message: e.message }));
  return new HttpProblem('validation', listed.map((e) => `${e.path}: ${e.message}`).join('; '), { errors: listed });
}

/** A document's errors as a validation problem; other errors as they are. */
function rethrowDocumentError(error: unknown): never {
  if (error instanceof InvalidDocumentError) throw invalidDocument(error.errors);
  throw error;
}

/** A document body as a value: YAML text parsed (its syntax errors reported with line and column). */
function documentValue(request: FastifyRequest): unknown {
  const body = request.body;
  if (typeof body !== 'string') return body;
  // Only YAML types are documents in text (text/plain has no parser: Fastify answers 415 before this).
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!YAML_TYPES.includes(type))
    throw new HttpProblem(
      'unsupported-media-type',
      'send the document as application/json, application/yaml or text/yaml',
    );
  const parsed = parseText(body);
  if (parsed.errors.length > 0) throw invalidDocument(parsed.errors);
  return parsed.value;
}

function settingsView(context: ServerContext, engine: AccessEngine) {
  const roleRef = (id: string) => ({ id, name: engine.role(id)?.name ?? id });
  const settings = engine.settings;
  const home = organizationOf(engine, context.home());
  return {
    adminRole: settings.adminRole === null ? null : roleRef(settings.adminRole),
    organizationDefaults: {
      groups: settings.organizationDefaults.groups.map((g) => ({
        name: g.name,
        description: g.description,
        roles: g.roles.map(roleRef),
      })),
      mappings: settings.organizationDefaults.mappings.map((m) => ({
        role: roleRef(m.role),
        subject: { kind: m.subject.kind, name: m.subject.kind === 'group' ? m.subject.name : null },
      })),
    },
    homeOrganization: { id: home.id, name: home.name },
    revision: engine.revision,
  };
}

/** Installation-wide administration at the home organization: settings, user stores, documents and policy tests. */
export function installationRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const settingsGuard = { permission: 'settings:manage', at: 'the home organization', target: atHome };

  app.get(
    '/v1/settings',
    {
      schema: {
        tags: ['installation'],
        summary: "The installation's settings",
        response: { 200: SettingsSchema, '4xx': Problem },
      },
      config: { guard: settingsGuard },
    },
    async (request) => tagged(request, 'settings', 'settings', settingsView(context, engine())),
  );

  app.put(
    '/v1/settings',
    {
      schema: {
        tags: ['installation'],
        summary: "Choose the installation's admin role",
        description:
          'The no-lock-out rule protects its last active holder, so the new admin role must have an active holder.',
        body: Type.Object({ adminRole: Reference }, { additionalProperties: false }),
        response: { 200: SettingsSchema, '4xx': Problem },
      },
      config: { guard: settingsGuard },
    },
    async (request) => {
      const role = roleOf(engine(), request.body.adminRole, context.home());
      const changes: Change[] = [{ op: 'settings.set', settings: { ...engine().settings, adminRole: role.id } }];
      enforce(checkNoLockout(engine(), changes));
      await write(context, request, changes, 'settings.update', 'settings:settings');
      return settingsView(context, engine());
    },
  );

  // ── user stores ──

  const StoreParams = Type.Object({ name: pathParameter(StoreName, 'The name of the user store.', 'PRIMARY') });
  const storeOf = (name: string): UserStore => {
    const store = engine()
      .userStores()
      .find((s) => s.name === name);
    if (store === undefined) throw notFound('user store', name);
    return store;
  };

  app.get(
    '/v1/user-stores',
    {
      schema: {
        tags: ['installation'],
        summary: 'List user stores',
        querystring: Type.Object({ limit: Limit, after: Type.Optional(After) }),
        response: { 200: PageOf(UserStoreSchema), '4xx': Problem },
      },
      config: { guard: { permission: 'user:view', at: 'the home organization', target: atHome } },
    },
    async (request) => ({
      ...page(engine().userStores(), (s) => s.name, request.query.limit, request.query.after),
      revision: context.store.revision,
    }),
  );

  app.post(
    '/v1/user-stores',
    {
      schema: {
        tags: ['installation'],
        summary: 'Add a user store (a domain users and groups live in: `LDAP/alice`)',
        body: Type.Object(
          { name: StoreName, readOnly: Type.Optional(Type.Boolean()), description: Type.Optional(Description) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ userStore: UserStoreSchema, revision: Revision }), '4xx': Problem },
      },
      config: { guard: settingsGuard },
    },
    async (request, reply) => {
      const { name, readOnly, description } = request.body;
      if (
        engine()
          .userStores()
          .some((s) => s.name.toUpperCase() === name.toUpperCase())
      ) {
        throw new TesseraError('DUPLICATE', `user store "${name}" exists already`, { entity: 'user store', id: name });
      }
      const userStore: UserStore = { name, readOnly: readOnly ?? false, description: description ?? null };
      const revision = await write(
        context,
        request,
        [{ op: 'userStore.put', userStore }],
        'userStore.create',
        `userStore:${name}`,
      );
      return reply.code(201).send({ userStore: storeOf(name), revision });
    },
  );

  app.get(
    '/v1/user-stores/:name',
    {
      schema: {
        tags: ['installation'],
        summary: 'Read a user store',
        params: StoreParams,
        response: { 200: UserStoreSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'user:view', at: 'the home organization', target: atHome } },
    },
    async (request) => tagged(request, 'userStore', request.params.name, storeOf(request.params.name)),
  );

  app.patch(
    '/v1/user-stores/:name',
    {
      schema: {
        tags: ['installation'],
        summary: 'Make a user store read-only or read-write, or describe it',
        description: `The ${PRIMARY_STORE} store is always read-write.`,
        params: StoreParams,
        body: Type.Object(
          { readOnly: Type.Optional(Type.Boolean()), description: Type.Optional(Description) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ userStore: UserStoreSchema, revision: Revision }), '4xx': Problem },
      },
      config: { guard: settingsGuard },
    },
    async (request) => {
      const current = storeOf(request.params.name);
      const { readOnly, description } = request.body;
      const userStore: UserStore = {
        ...current,
        readOnly: readOnly ?? current.readOnly,
        description: description === undefined ? current.description : description,
      };
      const revision = await write(
        context,
        request,
        [{ op: 'userStore.put', userStore }],
        'userStore.update',
        `userStore:${current.name}`,
      );
      return { userStore: storeOf(current.name), revision };
    },
  );

  app.delete(
    '/v1/user-stores/:name',
    {
      schema: {
        tags: ['installation'],
        summary: 'Remove a user store',
        description: 'Refused (`referenced`) while users, groups or roles live in it.',
        params: StoreParams,
        response: { 200: Type.Object({ revision: Revision }), '4xx': Problem },
      },
      config: { guard: settingsGuard },
    },
    async (request) => {
      const current = storeOf(request.params.name);
      const revision = await write(
        context,
        request,
        [{ op: 'userStore.delete', name: current.name }],
        'userStore.delete',
        `userStore:${current.name}`,
      );
      return { revision };
    },
  );

  // ── documents ──

  app.get(
    '/v1/export',
    {
      schema: {
        tags: ['installation'],
        summary: 'The whole state as a document (docs/documents.md), which re-applies to the same state',
        querystring: Type.Object({
          format: Type.Union([Type.Literal('json'), Type.Literal('yaml')], { default: 'json' }),
        }),
        response: {
          200: Type.Union([Type.Object({}, { additionalProperties: true }), Type.String()], {
            description: 'The document; YAML text when `format=yaml`.',
          }),
          '4xx': Problem,
        },
      },
      config: { guard: settingsGuard },
    },
    async (request, reply) => {
      await context.store.sync();
      const document = exportStoreDocument(context.store);
      if (request.query.format === 'yaml') return reply.type('text/yaml; charset=utf-8').send(toYaml(document));
      return document;
    },
  );

  // Documents may be YAML and larger than other bodies: their parser and limit stay inside this plugin.
  void app.register(async (plugin) => {
    const scoped = plugin.withTypeProvider<TypeBoxTypeProvider>();
    scoped.addContentTypeParser(
      YAML_TYPES,
      { parseAs: 'string', bodyLimit: context.settings.documentBodyLimit },
      (_request, body, done) => done(null, body),
    );

    scoped.post(
      '/v1/apply',
      {
        bodyLimit: context.settings.documentBodyLimit,
        schema: {
          tags: ['installation'],
          summary: 'Apply a tessera/document: create what is missing, update what differs, in one write',
          description:
            'Every problem of an invalid document is reported with its path, and nothing is written. `dryRun=true` plans without writing. ' +
            '`prune=true` also deletes what the document does not name in the organizations it declares (docs/documents.md#pruning), judged by the same rules; ' +
            'with `dryRun=true` the report lists it under `deleted`. Pruning takes documents up to 64 KB. ' +
            'Applying a document may grant anything, so it also needs `role:escalate` at the home organization.',
          querystring: Type.Object({
            dryRun: Type.Boolean({ default: false }),
            prune: Type.Boolean({ default: false }),
          }),
          body: DocumentBody,
          response: { 200: ReportSchema, '4xx': Problem },
        },
        config: { guard: settingsGuard },
      },
      async (request) => {
        const home = homeTarget(context);
        requirePermission(context, request, 'role:escalate', home.type, home.id);
        const { prune } = request.query;
        if (isLargeDocument(request)) {
          if (prune)
            throw new HttpProblem(
              'bad-request',
              'prune=true takes documents up to 64 KB: split the document by organization',
            );
          const audit = auditOf(request, 'document.apply', null);
          const { dryRun } = request.query;
          return applyDocumentInWorker(context.store, documentInput(request), {
            dryRun,
            write: { actor: gateActorOf(context, request), audit },
          }).catch((error: unknown) => rethrowDocumentError(error));
        }
        const value = documentValue(request);
        if (request.query.dryRun) {
          await context.store.sync();
          const plan = planDocument(engine(), value, { presets: presetResolver, prune });
          if (!plan.ok) throw invalidDocument(plan.errors);
          return { ...plan.report, revision: context.store.revision, dryRun: true };
        }
        try {
          const report = await applyDocumentToStore(context.store, value, {
            presets: presetResolver,
            prune,
            write: { actor: gateActorOf(context, request), audit: auditOf(request, 'document.apply', null) },
          });
          return { ...report, dryRun: false };
        } catch (error) {
          if (error instanceof InvalidDocumentError) throw invalidDocument(error.errors);
          throw error;
        }
      },
    );

    scoped.post(
      '/v1/policy-tests',
      {
        bodyLimit: context.settings.documentBodyLimit,
        schema: {
          tags: ['installation'],
          summary: 'Run a tessera/policy-tests document against its own fixture (never the live state)',
          body: DocumentBody,
          response: {
            200: Type.Object({
              passed: Type.Integer(),
              failed: Type.Integer(),
              results: Type.Array(
                Type.Object({
                  name: Type.String(),
                  path: Type.String(),
                  expected: Type.Boolean(),
                  allowed: Type.Boolean(),
                  passed: Type.Boolean(),
                  explanation: Type.Object({}, { additionalProperties: true }),
                }),
              ),
            }),
            '4xx': Problem,
          },
        },
        config: { guard: { permission: 'role:view', at: 'the home organization', target: atHome } },
      },
      async (request: FastifyRequest) => {
        if (isLargeDocument(request))
          return runPolicyTestsInWorker(documentInput(request)).catch((error: unknown) => rethrowDocumentError(error));
        const run = runPolicyTests(documentValue(request), { presets: presetResolver });
        if (!run.ok) throw invalidDocument(run.errors);
        return { passed: run.passed, failed: run.failed, results: run.results };
      },
    );
  });
}
