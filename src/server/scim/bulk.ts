import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../context.js';
import { SCIM_CONTENT_TYPE, SCIM_PREFIX, ScimError, scimErrorBody } from './protocol.js';

/**
 * SCIM `/Bulk` (RFC 7644 §3.7, docs/scim.md#bulk): a list of POST, PUT, PATCH and DELETE
 * operations on `/Users` and `/Groups`, each run as the single-resource request it stands for
 * (the same handler, validation, If-Match, gate, write path and audit: an operation is that
 * request, made with the bulk request's token), in order.
 *
 * - `bulkId`: a POST names the resource it creates; `"bulkId:<id>"` anywhere in a later (or
 *   earlier) operation's `data` or `path` stands for that resource's id. An operation naming a
 *   bulkId not yet created waits until it is; one naming a bulkId whose POST failed, that no
 *   operation declares, or that waits in a cycle (A names B, B names A) fails with 409
 *   `invalidValue` and changes nothing.
 * - `failOnErrors`: after that many failed operations, the rest are not run (and not answered).
 * - At most `BULK_MAX_OPERATIONS` operations (more: 413); the body at most the server's body limit
 *   (413), both advertised by `/ServiceProviderConfig`.
 */

export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
export const BULK_MAX_OPERATIONS = 1000;

const BULK_ID = /^bulkId:(.+)$/;
/** `/Users/bulkId:qwerty`: a path naming a resource created in the same request. */
const PATH_BULK_ID = /\/bulkId:([^/]+)$/;
const METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Operation {
  readonly index: number;
  readonly method: string;
  readonly bulkId: string | undefined;
  readonly version: string | undefined;
  readonly path: string;
  readonly data: unknown;
}

interface Outcome {
  readonly method: string;
  readonly bulkId?: string;
  readonly location?: string;
  readonly version?: string;
  readonly status: string;
  readonly response?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The bulkIds a value names (`"bulkId:qwerty"` strings, at any depth). */
function namedBulkIds(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    const match = BULK_ID.exec(value);
    if (match !== null) into.add(match[1]!);
  } else if (Array.isArray(value)) for (const item of value) namedBulkIds(item, into);
  else if (isObject(value)) for (const item of Object.values(value)) namedBulkIds(item, into);
  return into;
}

/** The bulkIds an operation names, in its path or its data. */
function namesOf(operation: Operation): Set<string> {
  const names = namedBulkIds(operation.data);
  const inPath = PATH_BULK_ID.exec(operation.path);
  if (inPath !== null) names.add(inPath[1]!);
  return names;
}

/** The path with its bulkId replaced by the id it stands for. */
function resolvedPath(path: string, ids: ReadonlyMap<string, string>): string {
  return path.replace(PATH_BULK_ID, (whole, name: string) => {
    const id = ids.get(name);
    return id === undefined ? whole : `/${encodeURIComponent(id)}`;
  });
}

/** A copy of `value` with every `"bulkId:<id>"` replaced by the id it stands for. */
function resolved(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    const match = BULK_ID.exec(value);
    return match === null ? value : (ids.get(match[1]!) ?? value);
  }
  if (Array.isArray(value)) return value.map((item) => resolved(item, ids));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolved(v, ids)]));
  return value;
}

/** Reads and checks the request's operations; a malformed request is refused whole (400 invalidSyntax / invalidValue). */
function operationsOf(body: unknown): { operations: Operation[]; failOnErrors: number | null } {
  if (!isObject(body)) throw new ScimError(400, 'the body must be a JSON object', 'invalidSyntax');
  if (!Array.isArray(body.schemas) || !body.schemas.includes(BULK_REQUEST))
    throw new ScimError(400, `"schemas" must list ${BULK_REQUEST}`, 'invalidSyntax');
  const failOnErrors = body.failOnErrors ?? null;
  if (
    failOnErrors !== null &&
    (typeof failOnErrors !== 'number' || !Number.isInteger(failOnErrors) || failOnErrors < 1)
  )
    throw new ScimError(400, '"failOnErrors" must be a positive integer', 'invalidValue');
  const list = body.Operations;
  if (!Array.isArray(list) || list.length === 0)
    throw new ScimError(400, '"Operations" must be a non-empty list', 'invalidSyntax');
  if (list.length > BULK_MAX_OPERATIONS)
    throw new ScimError(
      413,
      `the bulk request has ${list.length} operations, more than maxOperations (${BULK_MAX_OPERATIONS})`,
    );
  const bulkIds = new Set<string>();
  const operations = list.map((item: unknown, index): Operation => {
    const where = `operation ${index + 1}`;
    if (!isObject(item)) throw new ScimError(400, `${where} must be an object`, 'invalidSyntax');
    const method = typeof item.method === 'string' ? item.method.toUpperCase() : '';
    if (!METHODS.has(method))
      throw new ScimError(400, `${where}: "method" must be POST, PUT, PATCH or DELETE`, 'invalidSyntax');
    if (typeof item.path !== 'string') throw new ScimError(400, `${where}: "path" must be a string`, 'invalidPath');
    const path = item.path.replace(/^\/+/, '/');
    const collection = /^\/(Users|Groups)$/.test(path);
    const resource = /^\/(Users|Groups)\/[^/?#]+$/.test(path);
    if (method === 'POST' ? !collection : !resource)
      throw new ScimError(
        400,
        `${where}: "path" must be ${method === 'POST' ? '/Users or /Groups' : '/Users/{id} or /Groups/{id}'}`,
        'invalidPath',
      );
    const bulkId = item.bulkId;
    if (bulkId !== undefined && (typeof bulkId !== 'string' || bulkId === ''))
      throw new ScimError(400, `${where}: "bulkId" must be a non-empty string`, 'invalidValue');
    if (method === 'POST' && bulkId === undefined)
      throw new ScimError(400, `${where}: a POST needs a "bulkId"`, 'invalidValue');
    if (typeof bulkId === 'string') {
      if (bulkIds.has(bulkId)) throw new ScimError(400, `bulkId "${bulkId}" is used twice`, 'uniqueness');
      bulkIds.add(bulkId);
    }
    if (item.version !== undefined && typeof item.version !== 'string')
      throw new ScimError(400, `${where}: "version" must be a string`, 'invalidValue');
    if (method !== 'DELETE' && !isObject(item.data))
      throw new ScimError(400, `${where}: "data" must be an object`, 'invalidSyntax');
    return {
      index,
      method,
      bulkId: typeof bulkId === 'string' ? bulkId : undefined,
      version: item.version as string | undefined,
      path,
      data: item.data,
    };
  });
  return { operations, failOnErrors: failOnErrors as number | null };
}

export function registerBulk(app: App, base: (request: FastifyRequest) => string): void {
  app.post('/Bulk', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const { operations, failOnErrors } = operationsOf(request.body);
    const declared = new Map(operations.filter((o) => o.bulkId !== undefined).map((o) => [o.bulkId!, o]));
    const ids = new Map<string, string>();
    const failed = new Set<string>();
    const outcomes = new Map<number, Outcome>();
    let errors = 0;

    const fail = (operation: Operation, status: number, detail: string, scimType?: 'invalidValue') => {
      errors++;
      if (operation.bulkId !== undefined) failed.add(operation.bulkId);
      outcomes.set(operation.index, {
        method: operation.method,
        ...(operation.bulkId === undefined ? {} : { bulkId: operation.bulkId }),
        status: String(status),
        response: scimErrorBody(status, detail, scimType),
      });
    };

    const run = async (operation: Operation): Promise<void> => {
      const path = resolvedPath(operation.path, ids);
      const headers: Record<string, string> = {
        'content-type': 'application/scim+json',
        ...(request.headers.authorization === undefined ? {} : { authorization: request.headers.authorization }),
        ...(request.headers.host === undefined ? {} : { host: request.headers.host }),
        ...(operation.version === undefined ? {} : { 'if-match': operation.version }),
      };
      // The single-resource request itself: its handler, checks, gate, write and audit.
      const response = await app.inject({
        method: operation.method as 'POST' | 'PUT' | 'PATCH' | 'DELETE',
        url: `${SCIM_PREFIX}${path}`,
        headers,
        ...(operation.method === 'DELETE' ? {} : { payload: JSON.stringify(resolved(operation.data, ids)) }),
      });
      const body = response.body === '' ? null : (JSON.parse(response.body) as Record<string, unknown>);
      const meta = isObject(body?.meta) ? body.meta : undefined;
      if (response.statusCode >= 400) {
        errors++;
        if (operation.bulkId !== undefined) failed.add(operation.bulkId);
        outcomes.set(operation.index, {
          method: operation.method,
          ...(operation.bulkId === undefined ? {} : { bulkId: operation.bulkId }),
          ...(operation.method === 'POST' ? {} : { location: `${base(request)}${SCIM_PREFIX}${path}` }),
          status: String(response.statusCode),
          response: body,
        });
        return;
      }
      if (operation.bulkId !== undefined && typeof body?.id === 'string') ids.set(operation.bulkId, body.id);
      const etag = response.headers.etag;
      outcomes.set(operation.index, {
        method: operation.method,
        ...(operation.bulkId === undefined ? {} : { bulkId: operation.bulkId }),
        location: typeof meta?.location === 'string' ? meta.location : `${base(request)}${SCIM_PREFIX}${path}`,
        ...(typeof etag === 'string' ? { version: etag } : {}),
        status: String(response.statusCode),
      });
    };

    const stopped = () => failOnErrors !== null && errors >= failOnErrors;
    /** What stops an operation now: a bulkId it names that failed or is unknown (fails it), or one still to come (waits). */
    const blocked = (operation: Operation): 'ready' | 'wait' | string => {
      for (const name of namesOf(operation)) {
        if (ids.has(name)) continue;
        if (failed.has(name)) return `bulkId "${name}" names a resource whose operation failed`;
        if (!declared.has(name)) return `bulkId "${name}" is not declared by any operation of this request`;
        return 'wait';
      }
      return 'ready';
    };

    const waiting: Operation[] = [];
    const settle = async (operation: Operation): Promise<boolean> => {
      const state = blocked(operation);
      if (state === 'wait') return false;
      if (state === 'ready') await run(operation);
      else fail(operation, 409, state, 'invalidValue');
      return true;
    };
    for (const operation of operations) {
      if (stopped()) break;
      if (!(await settle(operation))) {
        waiting.push(operation);
        continue;
      }
      // Operations that waited for what has just been created (or failed) go now, in order.
      let progress = true;
      while (progress && !stopped()) {
        progress = false;
        for (const parked of [...waiting]) {
          if (stopped()) break;
          if (await settle(parked)) {
            waiting.splice(waiting.indexOf(parked), 1);
            progress = true;
          }
        }
      }
    }
    // What still waits names a bulkId of an operation that waits too: a circular reference.
    for (const operation of waiting) {
      if (stopped()) break;
      fail(
        operation,
        409,
        `circular bulkId reference: ${[...namesOf(operation)].map((n) => `"${n}"`).join(', ')} cannot be created before this operation`,
        'invalidValue',
      );
    }
    const answered = [...outcomes.entries()].sort(([a], [b]) => a - b).map(([, outcome]) => outcome);
    return sendBulk(reply, { schemas: [BULK_RESPONSE], Operations: answered });
  });
}

function sendBulk(reply: FastifyReply, body: unknown): FastifyReply {
  return reply.code(200).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
}
