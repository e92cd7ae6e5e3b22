import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ScimError as PatchError, type ScimPatchOperation, scimPatch } from 'scim-patch';
import type { Change } from '../../core/changes.js';
import type { AccessEngine } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import type { GateActor } from '../../core/gate.js';
import { type Group, type User, qualifiedUserName } from '../../core/model.js';
import { leaveOrganization } from '../../core/organization-members.js';
import type { Transaction } from '../../store/index.js';
import type { ScimResourceRow, ScimTokenRow } from '../../store/schema.js';
import { deleteUserRows } from '../applications/records.js';
import type { App, ServerContext } from '../context.js';
import type { Principal } from '../credentials.js';
import {
  addOrganizationMember,
  isOrganizationMember,
  organizationMembers,
  organizationsOfMember,
  removeOrganizationMember,
} from '../members.js';
import { secretHash } from '../passwords.js';
import { HttpProblem, problemOf } from '../problem.js';
import {
  GROUP_SCHEMA,
  type ListQuery,
  PATCH_SCHEMA,
  SCIM_CONTENT_TYPE,
  SCIM_PREFIX,
  ScimError,
  type ScimType,
  USER_SCHEMA,
  formatVersion,
  ifMatches,
  listResponse,
  project,
  resourceTypes,
  schemas,
  scimErrorBody,
  serviceProviderConfig,
} from './protocol.js';
import { BULK_MAX_OPERATIONS, registerBulk } from './bulk.js';

/**
 * SCIM 2.0 provisioning at `/scim/v2` (docs/scim.md): an identity provider (Entra ID, Okta, …)
 * creates, updates, disables and deletes users and groups with a provisioning token. Every change
 * is a write through the store's write path, judged by the gate as the token
 * (`{ kind: 'provisioner' }`: its user store and organization only, with at most the rights of
 * the administrator who created it) and audited as `scim:<token name>`.
 */

type Kind = 'User' | 'Group';
type Resource = Record<string, unknown>;

const tokens = new WeakMap<FastifyRequest, ScimTokenRow>();
/** The user behind a `/Me` request's bearer token. */
const principals = new WeakMap<FastifyRequest, Principal>();
/** How often a token's last use is written (at most once a minute). */
const LAST_USED_EVERY_MS = 60_000;
/** The attributes Tessera keeps in its model or computes: never stored with the SCIM attributes. */
const MODEL_ATTRIBUTES = new Set(['id', 'schemas', 'meta', 'username', 'active', 'groups', 'password', 'externalid']);
const GROUP_MODEL_ATTRIBUTES = new Set(['id', 'schemas', 'meta', 'displayname', 'members', 'externalid']);

function tokenOf(request: FastifyRequest): ScimTokenRow {
  const token = tokens.get(request);
  if (token === undefined)
    throw new ScimError(401, 'send a SCIM provisioning token as "Authorization: Bearer <token>"');
  return token;
}

/** The SCIM error for any failure: the core's typed errors keep their status, with a scimType where one fits. */
function scimErrorOf(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof PatchError) {
    const type = (error.scimCode ?? 'invalidValue') as ScimType;
    return new ScimError(400, error.message, type);
  }
  const e = error as { validation?: unknown; statusCode?: number; message?: string };
  if (e !== null && typeof e === 'object' && e.validation !== undefined)
    return new ScimError(400, e.message ?? 'the request is malformed', 'invalidSyntax');
  if (error instanceof TesseraError) {
    const problem = problemOf(error);
    const type: ScimType | undefined =
      error.code === 'DUPLICATE'
        ? 'uniqueness'
        : error.code === 'INVALID'
          ? 'invalidValue'
          : error.code === 'READ_ONLY_STORE'
            ? 'mutability'
            : undefined;
    return new ScimError(problem.status, error.message, type);
  }
  if (error instanceof HttpProblem) return new ScimError(error.status, error.message);
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return new ScimError(e.statusCode, e.message ?? 'the request is malformed', 'invalidSyntax');
  const problem = problemOf(error);
  return new ScimError(problem.status, problem.detail);
}

function sendScim(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A case-insensitive read of a top-level attribute (SCIM attribute names ignore case). */
function attr(resource: Resource, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(resource)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

function requireSchema(body: unknown, schema: string): Resource {
  if (!isObject(body)) throw new ScimError(400, 'the body must be a JSON object', 'invalidSyntax');
  const listed = attr(body, 'schemas');
  if (!Array.isArray(listed) || !listed.includes(schema))
    throw new ScimError(400, `"schemas" must list ${schema}`, 'invalidSyntax');
  return body;
}

function optionalString(resource: Resource, name: string): string | null {
  const value = attr(resource, name);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ScimError(400, `${name} must be a string`, 'invalidValue');
  return value;
}

/** No "/" (it separates the user store) and no control characters, as `/v1/users` wants. */
function isName(value: unknown, slash: boolean): value is string {
  if (typeof value !== 'string' || value.length < 1 || value.length > 200) return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return false;
  return slash || !value.includes('/');
}
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** What Tessera's model keeps of a SCIM user, and the rest to store beside it. */
interface UserInput {
  readonly userName: string;
  readonly active: boolean;
  readonly email: string | null;
  readonly externalId: string | null;
  readonly attributes: Resource;
}

function userInput(resource: Resource): UserInput {
  const userName = attr(resource, 'userName');
  if (!isName(userName, false))
    throw new ScimError(
      400,
      'userName is required: 1 to 200 characters, without "/" or control characters',
      'invalidValue',
    );
  let active = attr(resource, 'active') ?? true;
  // Entra ID sends booleans as the strings "True" and "False".
  if (typeof active === 'string' && /^(true|false)$/i.test(active)) active = active.toLowerCase() === 'true';
  if (typeof active !== 'boolean') throw new ScimError(400, 'active must be a boolean', 'invalidValue');
  const emails = attr(resource, 'emails') ?? [];
  if (!Array.isArray(emails) || !emails.every((e) => isObject(e) && typeof e.value === 'string'))
    throw new ScimError(400, 'emails must be a list of objects with a string "value"', 'invalidValue');
  const list = emails as { value: string; primary?: unknown }[];
  const primary = list.find((e) => e.primary === true || e.primary === 'True') ?? list[0];
  const email = primary?.value ?? null;
  if (email !== null && (email.length > 320 || !EMAIL.test(email)))
    throw new ScimError(400, `"${email}" is not an email address`, 'invalidValue');
  const attributes = Object.fromEntries(
    Object.entries(resource).filter(([key]) => !MODEL_ATTRIBUTES.has(key.toLowerCase())),
  );
  return { userName, active, email, externalId: optionalString(resource, 'externalId'), attributes };
}

interface GroupInput {
  readonly displayName: string;
  readonly externalId: string | null;
  readonly members: readonly string[];
  readonly attributes: Resource;
}

function groupInput(resource: Resource): GroupInput {
  const displayName = attr(resource, 'displayName');
  if (!isName(displayName, true))
    throw new ScimError(
      400,
      'displayName is required: 1 to 200 characters, without control characters',
      'invalidValue',
    );
  const members = attr(resource, 'members') ?? [];
  if (!Array.isArray(members) || !members.every((m) => isObject(m) && typeof m.value === 'string'))
    throw new ScimError(400, 'members must be a list of objects with a string "value"', 'invalidValue');
  const attributes = Object.fromEntries(
    Object.entries(resource).filter(([key]) => !GROUP_MODEL_ATTRIBUTES.has(key.toLowerCase())),
  );
  return {
    displayName,
    externalId: optionalString(resource, 'externalId'),
    members: [...new Set((members as { value: string }[]).map((m) => m.value))],
    attributes,
  };
}

export interface ScimOptions {
  readonly context: ServerContext;
}

/** Registers `/scim/v2`; a plugin of its own, so its errors are SCIM error bodies and its bodies may be `application/scim+json`. */
export async function scimPlugin(app: App, options: ScimOptions): Promise<void> {
  const { context } = options;
  const store = context.store;
  const engine = (): AccessEngine => store.engine;
  const db = store.database;

  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/scim+json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') return done(null, undefined);
    parseJson(request, text, done);
  });

  app.setErrorHandler(async (error, request, reply) => {
    const scim =
      (error as { code?: unknown }).code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? new ScimError(
            413,
            `the request is larger than maxPayloadSize (${context.settings.bodyLimit} bytes): send fewer operations per request`,
          )
        : scimErrorOf(error);
    if (scim.status >= 500) request.log.error({ err: error }, 'SCIM request failed');
    if (scim.status === 401) reply.header('www-authenticate', 'Bearer realm="scim"');
    return sendScim(reply, scim.status, scimErrorBody(scim.status, scim.message, scim.scimType));
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendScim(reply, 404, scimErrorBody(404, `${request.method} ${request.url.split('?')[0]} is not a SCIM endpoint`)),
  );
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  app.addHook('onRequest', async (request) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (match === null) throw new ScimError(401, 'send a SCIM provisioning token as "Authorization: Bearer <token>"');
    // /Me answers for a user: their personal access token or session token (docs/scim.md#me).
    if (request.url.split('?')[0]!.replace(/\/+$/, '') === `${SCIM_PREFIX}/Me` && !match[1]!.startsWith('tscim_')) {
      const principal = await context.credentials.resolve(match[1]!, false);
      if (principal === undefined)
        throw new ScimError(401, 'the access token is unknown, expired or revoked, or its user cannot sign in');
      principals.set(request, principal);
      return;
    }
    const row = await db
      .selectFrom('scim_tokens')
      .selectAll()
      .where('token_hash', '=', secretHash(match[1]!))
      .executeTakeFirst();
    if (row === undefined || row.revoked_at !== null)
      throw new ScimError(401, 'the SCIM provisioning token is unknown or revoked');
    tokens.set(request, row);
    const now = Date.now();
    if (row.last_used_at === null || now - Date.parse(row.last_used_at) > LAST_USED_EVERY_MS)
      await db
        .updateTable('scim_tokens')
        .set({ last_used_at: new Date(now).toISOString() })
        .where('id', '=', row.id)
        .execute();
  });

  const base = (request: FastifyRequest): string =>
    (context.settings.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
  const location = (request: FastifyRequest, kind: Kind, id: string) => `${base(request)}${SCIM_PREFIX}/${kind}s/${id}`;

  // ── what a token sees ──

  async function visibleUsers(token: ScimTokenRow): Promise<User[]> {
    const users = engine()
      .users()
      .filter((u) => u.store === token.store);
    if (token.organization === null) return users;
    const members = await organizationMembers(db, token.organization);
    return users.filter((u) => members.has(u.id));
  }

  async function visibleUser(token: ScimTokenRow, id: string): Promise<User> {
    const user = engine().user(id);
    const visible =
      user !== undefined &&
      user.id === id &&
      user.store === token.store &&
      (token.organization === null || (await isOrganizationMember(db, token.organization, id)));
    if (!visible) throw new ScimError(404, `user "${id}" does not exist`);
    return user!;
  }

  function visibleGroups(token: ScimTokenRow): Group[] {
    if (token.organization === null) return [];
    return engine()
      .groups()
      .filter((g) => g.organization === token.organization && g.store === token.store);
  }

  function visibleGroup(token: ScimTokenRow, id: string): Group {
    const group = engine().group(id);
    if (group === undefined || !visibleGroups(token).some((g) => g.id === id))
      throw new ScimError(404, `group "${id}" does not exist`);
    return group;
  }

  function groupsToken(token: ScimTokenRow): void {
    if (token.organization === null)
      throw new ScimError(403, 'this provisioning token has no organization: it provisions users only');
  }

  async function rows(kind: Kind, ids?: readonly string[]): Promise<Map<string, ScimResourceRow>> {
    let query = db.selectFrom('scim_resources').selectAll().where('kind', '=', kind);
    if (ids !== undefined) {
      if (ids.length === 0) return new Map();
      if (ids.length <= 500) query = query.where('id', 'in', ids);
    }
    return new Map((await query.execute()).map((row) => [row.id, row]));
  }

  // ── rendering ──

  function version(kind: Kind, id: string, row: ScimResourceRow | undefined): string {
    return formatVersion(store.version(kind === 'User' ? 'user' : 'group', id) ?? 0, row?.revision ?? 0);
  }

  function meta(request: FastifyRequest, kind: Kind, id: string, row: ScimResourceRow | undefined) {
    const now = new Date().toISOString();
    return {
      resourceType: kind,
      created: row?.created_at ?? now,
      lastModified: row?.updated_at ?? now,
      location: location(request, kind, id),
      version: version(kind, id, row),
    };
  }

  /** A user as SCIM shows it; `token`: whose groups are listed (its organization's), null for every group (`/Me`). */
  function renderUser(
    request: FastifyRequest,
    token: { readonly organization: string | null } | null,
    user: User,
    row: ScimResourceRow | undefined,
  ): Resource {
    const stored = row === undefined ? {} : (JSON.parse(row.attributes) as Resource);
    const storedEmails = Array.isArray(stored.emails)
      ? (stored.emails as { value?: unknown; primary?: unknown }[])
      : [];
    const primary = storedEmails.find((e) => e.primary === true) ?? storedEmails[0];
    // The model's email wins: it may have changed over /v1 since the identity provider sent it.
    const emails =
      user.email === null
        ? []
        : primary?.value === user.email
          ? storedEmails
          : [{ value: user.email, type: 'work', primary: true }];
    const groups =
      token?.organization === null
        ? []
        : engine()
            .groupsOf(user.id)
            .map((id) => engine().group(id))
            .filter((g): g is Group => g !== undefined && (token === null || g.organization === token.organization))
            .map((g) => ({ value: g.id, display: g.name, $ref: location(request, 'Group', g.id) }));
    return {
      ...stored,
      schemas: [USER_SCHEMA],
      id: user.id,
      ...(row?.external_id == null ? {} : { externalId: row.external_id }),
      userName: user.username,
      active: user.status === 'active',
      emails,
      groups,
      meta: meta(request, 'User', user.id, row),
    };
  }

  function renderGroup(request: FastifyRequest, group: Group, row: ScimResourceRow | undefined): Resource {
    const stored = row === undefined ? {} : (JSON.parse(row.attributes) as Resource);
    const members = engine()
      .members(group.id)
      .map((id) => engine().user(id))
      .filter((u): u is User => u !== undefined)
      .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))
      .map((u) => ({ value: u.id, display: u.username, $ref: location(request, 'User', u.id) }));
    return {
      ...stored,
      schemas: [GROUP_SCHEMA],
      id: group.id,
      ...(row?.external_id == null ? {} : { externalId: row.external_id }),
      displayName: group.name,
      members,
      meta: meta(request, 'Group', group.id, row),
    };
  }

  async function userResource(request: FastifyRequest, token: ScimTokenRow, id: string): Promise<Resource> {
    const user = await visibleUser(token, id);
    return renderUser(request, token, user, (await rows('User', [id])).get(id));
  }

  async function groupResource(request: FastifyRequest, token: ScimTokenRow, id: string): Promise<Resource> {
    const group = visibleGroup(token, id);
    return renderGroup(request, group, (await rows('Group', [id])).get(id));
  }

  function answer(reply: FastifyReply, status: number, resource: Resource): FastifyReply {
    reply.header('etag', (resource.meta as { version: string }).version);
    if (status === 201) reply.header('location', (resource.meta as { location: string }).location);
    return sendScim(reply, status, resource);
  }

  // ── writing ──

  function actorOf(token: ScimTokenRow): GateActor {
    return {
      kind: 'provisioner',
      token: token.id,
      organization: token.organization,
      store: token.store,
      creator: token.created_by,
      rootScope: [context.home()],
    };
  }

  /**
   * Saves a resource's SCIM attributes in the write's transaction. `expected`: the SCIM revision
   * If-Match named (null: no precondition); a resource that moved on meanwhile fails with 412.
   */
  async function saveAttributes(
    tx: Transaction,
    kind: Kind,
    id: string,
    externalId: string | null,
    attributes: Resource,
    expected: number | null,
    at: string,
  ): Promise<void> {
    const json = JSON.stringify(attributes);
    const current = await tx
      .selectFrom('scim_resources')
      .select('revision')
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst();
    if (expected !== null && (current?.revision ?? 0) !== expected)
      throw new ScimError(412, `the ${kind.toLowerCase()} changed since the version If-Match names; read it again`);
    if (current === undefined) {
      await tx
        .insertInto('scim_resources')
        .values({ kind, id, external_id: externalId, attributes: json, revision: 1, created_at: at, updated_at: at })
        .execute();
      return;
    }
    const result = await tx
      .updateTable('scim_resources')
      .set({ external_id: externalId, attributes: json, revision: current.revision + 1, updated_at: at })
      .where('kind', '=', kind)
      .where('id', '=', id)
      .where('revision', '=', current.revision)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new ScimError(412, `the ${kind.toLowerCase()} changed meanwhile; read it again`);
  }

  /** Refuses (412) inside a write when a resource's SCIM attributes moved past the revision If-Match named. */
  async function unchangedSince(tx: Transaction, kind: Kind, id: string, expected: number | null): Promise<void> {
    if (expected === null) return;
    const current = await tx
      .selectFrom('scim_resources')
      .select('revision')
      .where('kind', '=', kind)
      .where('id', '=', id)
      .executeTakeFirst();
    if ((current?.revision ?? 0) !== expected)
      throw new ScimError(412, `the ${kind.toLowerCase()} changed since the version If-Match names; read it again`);
  }

  /** Writes a batch as the token, audited as `scim:<token name>`; a batch without model changes writes only the server's rows. */
  async function provision(
    token: ScimTokenRow,
    changes: readonly Change[],
    action: string,
    target: string,
    alongside: (tx: Transaction) => Promise<void>,
    expectVersion?: { kind: 'user' | 'group'; key: string; version: number },
  ): Promise<void> {
    const audit = { actor: null, actorName: `scim:${token.name}`, action, target };
    if (changes.length === 0) {
      await store.transact(alongside, {
        ...audit,
        effects: [{ kind: 'scim', key: target, before: null, after: null }],
      });
      return;
    }
    try {
      await store.write(changes, {
        actor: actorOf(token),
        audit,
        alongside,
        ...(expectVersion === undefined ? {} : { expect: [{ ...expectVersion }] }),
      });
    } catch (error) {
      if (error instanceof TesseraError && error.code === 'CONFLICT')
        throw new ScimError(412, 'the resource changed since the version If-Match names; read it again');
      throw error;
    }
  }

  /** The versions an If-Match header names for a resource, checked now and again inside the write. */
  function precondition(
    request: FastifyRequest,
    resource: Resource,
    kind: 'user' | 'group',
    id: string,
  ): { scim: number | null; model?: { kind: 'user' | 'group'; key: string; version: number } } {
    const header = request.headers['if-match'];
    if (header === undefined) return { scim: null };
    const current = (resource.meta as { version: string }).version;
    if (!ifMatches(header, current))
      throw new ScimError(412, `the ${kind} changed since the version If-Match names (now ${current}); read it again`);
    const [, model, scim] = /^W\/"(\d+)-(\d+)"$/.exec(current) ?? [];
    return { scim: Number(scim), model: { kind, key: id, version: Number(model) } };
  }

  /** Writes a user as the identity provider sent it (POST, PUT, or PATCH applied). */
  async function putUser(
    token: ScimTokenRow,
    current: User | null,
    input: UserInput,
    expected: ReturnType<typeof precondition>,
  ): Promise<string> {
    const holder = engine().user(`${token.store}/${input.userName}`);
    if (holder !== undefined && holder.store === token.store && holder.id !== current?.id)
      throw new ScimError(409, `userName "${input.userName}" is taken`, 'uniqueness');
    const user: User = {
      id: current?.id ?? randomUUID(),
      username: input.userName,
      store: token.store,
      email: input.email,
      status: input.active ? 'active' : current?.status === 'invited' && !input.active ? 'invited' : 'disabled',
    };
    const changed =
      current === null ||
      current.username !== user.username ||
      current.email !== user.email ||
      current.status !== user.status;
    const at = new Date().toISOString();
    await provision(
      token,
      changed ? [{ op: 'user.put', user }] : [],
      current === null ? 'scim.user.create' : 'scim.user.update',
      `user:${user.id}`,
      async (tx) => {
        await saveAttributes(tx, 'User', user.id, input.externalId, input.attributes, expected.scim, at);
        if (token.organization !== null) await addOrganizationMember(tx, token.organization, user.id, at);
      },
      changed && current !== null ? expected.model : undefined,
    );
    return user.id;
  }

  /** Writes a group: its name, and its members among the users the token sees (others stay as they are). */
  async function putGroup(
    token: ScimTokenRow,
    current: Group | null,
    input: GroupInput,
    expected: ReturnType<typeof precondition>,
  ): Promise<string> {
    const visible = new Set((await visibleUsers(token)).map((u) => u.id));
    for (const member of input.members)
      if (!visible.has(member))
        throw new ScimError(400, `member "${member}" is not a user of this token`, 'invalidValue');
    const taken = engine().findGroup(token.organization!, input.displayName);
    if (taken !== undefined && taken.id !== current?.id)
      throw new ScimError(409, `displayName "${input.displayName}" is taken`, 'uniqueness');
    const group: Group = current ?? {
      id: randomUUID(),
      organization: token.organization!,
      name: input.displayName,
      store: token.store,
      description: null,
    };
    const changes: Change[] = [];
    if (current === null || current.name !== input.displayName)
      changes.push({ op: 'group.put', group: { ...group, name: input.displayName } });
    const before = new Set(current === null ? [] : engine().members(current.id));
    const after = new Set(input.members);
    for (const user of after)
      if (!before.has(user)) changes.push({ op: 'member.add', membership: { group: group.id, user } });
    for (const user of before)
      if (!after.has(user) && visible.has(user))
        changes.push({ op: 'member.remove', membership: { group: group.id, user } });
    const at = new Date().toISOString();
    await provision(
      token,
      changes,
      current === null ? 'scim.group.create' : 'scim.group.update',
      `group:${group.id}`,
      (tx) => saveAttributes(tx, 'Group', group.id, input.externalId, input.attributes, expected.scim, at),
      current !== null && changes.some((c) => c.op === 'group.put') ? expected.model : undefined,
    );
    return group.id;
  }

  function patched(resource: Resource, body: unknown): Resource {
    const patch = requireSchema(body, PATCH_SCHEMA);
    const operations = attr(patch, 'Operations');
    if (!Array.isArray(operations) || operations.length === 0)
      throw new ScimError(400, '"Operations" must be a non-empty list', 'invalidSyntax');
    const normalised = operations.map((operation: unknown) => {
      if (!isObject(operation) || typeof operation.op !== 'string')
        throw new ScimError(400, 'each operation needs an "op"', 'invalidSyntax');
      // Entra ID capitalises the operation ("Replace").
      const op = operation.op.toLowerCase();
      if (op !== 'add' && op !== 'remove' && op !== 'replace')
        throw new ScimError(400, `"${operation.op}" is not a PATCH operation (add, remove, replace)`, 'invalidSyntax');
      if (operation.path !== undefined && typeof operation.path !== 'string')
        throw new ScimError(400, '"path" must be a string', 'invalidPath');
      return { ...operation, op } as ScimPatchOperation;
    });
    const copy = structuredClone(resource) as Resource & { meta: never; schemas: string[] };
    return scimPatch(copy, normalised, { mutateDocument: true, treatMissingAsAdd: true }) as Resource;
  }

  const noStrayBody = { config: { public: true }, schema: { hide: true } } as const;

  // ── discovery ──

  app.get('/ServiceProviderConfig', noStrayBody, async (request, reply) =>
    sendScim(
      reply,
      200,
      serviceProviderConfig(base(request), {
        maxOperations: BULK_MAX_OPERATIONS,
        maxPayloadSize: context.settings.bodyLimit,
      }),
    ),
  );

  registerBulk(app, base);
  app.get('/ResourceTypes', noStrayBody, async (request, reply) => {
    const all = resourceTypes(base(request));
    return sendScim(reply, 200, listResponse(all, {}));
  });
  app.get<{ Params: { id: string } }>('/ResourceTypes/:id', noStrayBody, async (request, reply) => {
    const found = resourceTypes(base(request)).find((r) => r.id === request.params.id);
    if (found === undefined) throw new ScimError(404, `resource type "${request.params.id}" does not exist`);
    return sendScim(reply, 200, found);
  });
  app.get('/Schemas', noStrayBody, async (request, reply) =>
    sendScim(reply, 200, listResponse(schemas(base(request)), {})),
  );
  app.get<{ Params: { id: string } }>('/Schemas/:id', noStrayBody, async (request, reply) => {
    const found = schemas(base(request)).find((s) => s.id === request.params.id);
    if (found === undefined) throw new ScimError(404, `schema "${request.params.id}" does not exist`);
    return sendScim(reply, 200, found);
  });

  // ── users ──

  app.get<{ Querystring: ListQuery }>('/Users', noStrayBody, async (request, reply) => {
    const token = tokenOf(request);
    const users = (await visibleUsers(token)).sort((a, b) =>
      a.username < b.username ? -1 : a.username > b.username ? 1 : 0,
    );
    const stored = await rows('User');
    const resources = users.map((u) => renderUser(request, token, u, stored.get(u.id)));
    return sendScim(reply, 200, listResponse(resources, request.query));
  });

  app.get<{ Params: { id: string }; Querystring: ListQuery }>('/Users/:id', noStrayBody, async (request, reply) => {
    const resource = await userResource(request, tokenOf(request), request.params.id);
    return answer(reply, 200, project(resource, request.query));
  });

  app.post('/Users', noStrayBody, async (request, reply) => {
    const token = tokenOf(request);
    const input = userInput(requireSchema(request.body, USER_SCHEMA));
    const id = await putUser(token, null, input, { scim: null });
    return answer(reply, 201, await userResource(request, token, id));
  });

  app.put<{ Params: { id: string } }>('/Users/:id', noStrayBody, async (request, reply) => {
    const token = tokenOf(request);
    const current = await visibleUser(token, request.params.id);
    const resource = await userResource(request, token, current.id);
    const expected = precondition(request, resource, 'user', current.id);
    const input = userInput(requireSchema(request.body, USER_SCHEMA));
    await putUser(token, current, input, expected);
    return answer(reply, 200, await userResource(request, token, current.id));
  });

  app.patch<{ Params: { id: string } }>('/Users/:id', noStrayBody, async (request, reply) => {
    const token = tokenOf(request);
    const current = await visibleUser(token, request.params.id);
    const resource = await userResource(request, token, current.id);
    const expected = precondition(request, resource, 'user', current.id);
    const input = userInput(patched(resource, request.body));
    await putUser(token, current, input, expected);
    return answer(reply, 200, await userResource(request, token, current.id));
  });

  app.delete<{ Params: { id: string } }>('/Users/:id', noStrayBody, async (request, reply) => {
    const token = tokenOf(request);
    const user = await visibleUser(token, request.params.id);
    // If-Match is checked now and again inside the write (the model's version by the store, the
    // SCIM attributes' revision in the transaction): a user changed meanwhile is not deleted.
    const expected = precondition(request, await userResource(request, token, user.id), 'user', user.id);
    const elsewhere =
      token.organization === null
        ? []
        : (await organizationsOfMember(db, user.id)).filter((o) => o !== token.organization);
    if (token.organization !== null && elsewhere.length > 0) {
      // A member of other organizations too: it leaves this one only.
      const organization = token.organization;
      await provision(
        token,
        leaveOrganization(engine(), organization, user.id),
        'scim.user.leave',
        `user:${user.id}`,
        async (tx) => {
          await unchangedSince(tx, 'User', user.id, expected.scim);
          await removeOrganizationMember(tx, organization, user.id);
        },
        expected.model,
      );
    } else {
      await provision(
        token,
        [{ op: 'user.delete', id: user.id }],
        'scim.user.delete',
        `user:${user.id}`,
        async (tx) => {
          await unchangedSince(tx, 'User', user.id, expected.scim);
          await deleteUserRows(tx, user.id);
          await tx.deleteFrom('scim_resources').where('kind', '=', 'User').where('id', '=', user.id).execute();
          await tx.deleteFrom('organization_members').where('user_id', '=', user.id).execute();
        },
        expected.model,
      );
    }
    return reply.code(204).send();
  });

  // ── /Me (RFC 7644 §3.11, docs/scim.md#me) ──

  /** The user a `/Me` request's token belongs to; a provisioning token has none (400 noTarget). */
  function meOf(request: FastifyRequest): User {
    const principal = principals.get(request);
    if (principal !== undefined) return principal.user;
    if (tokens.has(request))
      throw new ScimError(
        400,
        '/Me is the user a personal access token or session belongs to; a provisioning token has no user: use /Users/{id}',
        'noTarget',
      );
    throw new ScimError(401, 'send a personal access token as "Authorization: Bearer <token>"');
  }

  async function meResource(request: FastifyRequest, user: User): Promise<Resource> {
    return renderUser(request, null, user, (await rows('User', [user.id])).get(user.id));
  }

  function answerMe(reply: FastifyReply, resource: Resource): FastifyReply {
    // RFC 7644 §3.11: Location is the permanent location of the resource /Me stands for.
    reply.header('location', (resource.meta as { location: string }).location);
    return answer(reply, 200, resource);
  }

  /**
   * A user changes only what is theirs to change: the profile attributes Tessera keeps beside its
   * model (name, displayName, title, phoneNumbers, …). What an administrator decides (userName,
   * active, emails, externalId) must stay as it is (400 mutability), and a password is changed
   * with the current one (`PUT /v1/users/{id}/password`), never with a bearer token alone.
   */
  async function putMe(request: FastifyRequest, user: User, resource: Resource, next: Resource): Promise<void> {
    const expected = precondition(request, resource, 'user', user.id);
    const refuse = (what: string, how: string): never => {
      throw new ScimError(400, `${what} cannot be changed through /Me: ${how}`, 'mutability');
    };
    if (attr(next, 'password') !== undefined)
      refuse('a password', `change it with your current one at PUT /v1/users/${user.id}/password`);
    const input = userInput(next);
    if (input.userName !== user.username) refuse('userName', 'an administrator renames users');
    if (input.active !== (user.status === 'active')) refuse('active', 'an administrator enables and disables users');
    if (input.email !== user.email) refuse('emails', "an administrator changes a user's email");
    const row = (await rows('User', [user.id])).get(user.id);
    const externalId = row?.external_id ?? null;
    if (input.externalId !== null && input.externalId !== externalId)
      refuse('externalId', 'it is the identity provider’s');
    const at = new Date().toISOString();
    await store.transact((tx) => saveAttributes(tx, 'User', user.id, externalId, input.attributes, expected.scim, at), {
      actor: user.id,
      actorName: qualifiedUserName(user),
      action: 'scim.me.update',
      target: `user:${user.id}`,
      effects: [{ kind: 'scim', key: `user:${user.id}`, before: null, after: input.attributes }],
    });
  }

  app.get<{ Querystring: ListQuery }>('/Me', noStrayBody, async (request, reply) => {
    const resource = await meResource(request, meOf(request));
    return answerMe(reply, project(resource, request.query));
  });

  app.put('/Me', noStrayBody, async (request, reply) => {
    const user = meOf(request);
    const resource = await meResource(request, user);
    await putMe(request, user, resource, requireSchema(request.body, USER_SCHEMA));
    return answerMe(reply, await meResource(request, user));
  });

  app.patch('/Me', noStrayBody, async (request, reply) => {
    const user = meOf(request);
    const resource = await meResource(request, user);
    await putMe(request, user, resource, patched(resource, request.body));
    return answerMe(reply, await meResource(request, user));
  });

  for (const method of ['POST', 'DELETE'] as const)
    app.route({
      method,
      url: '/Me',
      ...noStrayBody,
      handler: async (request) => {
        meOf(request);
        throw new ScimError(
          501,
          method === 'POST'
            ? 'creating a resource through /Me is not supported: users sign up at /v1/sign-up'
            : 'deleting oneself through /Me is not supported: an administrator deletes users',
        );
      },
    });

  // ── groups ──

  app.get<{ Querystring: ListQuery }>('/Groups', noStrayBody, async (request, reply) => {
    const token = tokenOf(request);
    const groups = visibleGroups(token).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const stored = await rows('Group');
    const resources = groups.map((g) => renderGroup(request, g, stored.get(g.id)));
    return sendScim(reply, 200, listResponse(resources, request.query));
  });

  app.get<{ Params: { id: string }; Querystring: ListQuery }>('/Groups/:id', noStrayBody, async (request, reply) => {
    const resource = await groupResource(request, tokenOf(request), request.params.id);
    return answer(reply, 200, project(resource, request.query));
  });

  app.post('/Groups', noStrayBody, async (request, reply) => {
    const token = tokenOf(request);
    groupsToken(token);
    const input = groupInput(requireSchema(request.body, GROUP_SCHEMA));
    const id = await putGroup(token, null, input, { scim: null });
    return answer(reply, 201, await groupResource(request, token, id));
  });

  app.put<{ Params: { id: string } }>('/Groups/:id', noStrayBody, async (request, reply) => {
    const token = tokenOf(request);
    const current = visibleGroup(token, request.params.id);
    const expected = precondition(request, await groupResource(request, token, current.id), 'group', current.id);
    await putGroup(token, current, groupInput(requireSchema(request.body, GROUP_SCHEMA)), expected);
    return answer(reply, 200, await groupResource(request, token, current.id));
  });

  app.patch<{ Params: { id: string } }>('/Groups/:id', noStrayBody, async (request, reply) => {
    const token = tokenOf(request);
    const current = visibleGroup(token, request.params.id);
    const resource = await groupResource(request, token, current.id);
    const expected = precondition(request, resource, 'group', current.id);
    await putGroup(token, current, groupInput(patched(resource, request.body)), expected);
    // Entra ID and Okta accept 204 or 200; the resource as it now is answers both.
    return answer(reply, 200, await groupResource(request, token, current.id));
  });

  app.delete<{ Params: { id: string } }>('/Groups/:id', noStrayBody, async (request, reply) => {
    const token = tokenOf(request);
    const group = visibleGroup(token, request.params.id);
    const expected = precondition(request, await groupResource(request, token, group.id), 'group', group.id);
    await provision(
      token,
      [{ op: 'group.delete', id: group.id, cascade: true }],
      'scim.group.delete',
      `group:${group.id}`,
      async (tx) => {
        await unchangedSince(tx, 'Group', group.id, expected.scim);
        await tx.deleteFrom('scim_resources').where('kind', '=', 'Group').where('id', '=', group.id).execute();
      },
      expected.model,
    );
    return reply.code(204).send();
  });
}
