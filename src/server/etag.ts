import type { FastifyReply, FastifyRequest } from 'fastify';
import { TesseraError } from '../core/errors.js';
import type { EntityKind, ExpectedVersion, Store } from '../store/index.js';
import { KINDS } from '../store/kinds.js';
import { HttpProblem } from './problem.js';

/**
 * Entity tags (RFC 9110 §8.8.3): a mutable resource's tag is its version, the revision of the write
 * that last changed it, as a strong quoted tag (`"42"`). `If-Match` on a write becomes an expected
 * version the store checks under its write lock, so two read-modify-write cycles never lose an update.
 */

/** The single resources whose GET answers an ETag and whose writes honour If-Match (route URL → kind). */
export const TAGGED_ROUTES: Readonly<Record<string, EntityKind>> = {
  '/v1/organizations/:organization': 'organization',
  '/v1/projects/:project': 'project',
  '/v1/resources/:resource': 'resource',
  '/v1/users/:user': 'user',
  '/v1/groups/:group': 'group',
  '/v1/roles/:role': 'role',
  '/v1/mappings/:id': 'mapping',
  '/v1/scopes/:name': 'scope',
  '/v1/settings': 'settings',
  '/v1/user-stores/:name': 'userStore',
  '/v1/permissions/:key': 'permission',
};

const ENTITY_KINDS: ReadonlySet<string> = new Set<EntityKind>([
  'settings',
  'organization',
  'project',
  'resource',
  'userStore',
  'user',
  'group',
  'membership',
  'permission',
  'role',
  'scope',
  'mapping',
]);

declare module 'fastify' {
  interface FastifyRequest {
    /** The entity whose version the response's ETag carries; null when none. */
    etag: { readonly kind: EntityKind; readonly key: string } | null;
  }
}

/** `"42"` for version 42. */
export function formatETag(version: number): string {
  return `"${version}"`;
}

/** An If-Match header: `*`, or the strong tags it lists (weak tags never match: RFC 9110 §13.1.1). */
export function parseIfMatch(header: string): '*' | string[] {
  const text = header.trim();
  if (text === '*') return '*';
  const tags: string[] = [];
  const pattern = /\s*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)/gy;
  let match: RegExpExecArray | null = pattern.exec(text);
  let end = 0;
  while (match !== null && match[0] !== '') {
    if (match[1] === undefined) tags.push(match[2]!);
    end = pattern.lastIndex;
    match = pattern.exec(text);
  }
  // A malformed header matches nothing (and so fails), rather than being ignored.
  if (end !== text.length) return [];
  return tags;
}

/** The kind and key a write's audit target (`role:3f…`) names, when it names an entity. */
export function entityOfTarget(target: string | null): { kind: EntityKind; key: string } | null {
  if (target === null) return null;
  const colon = target.indexOf(':');
  if (colon <= 0) return null;
  const kind = target.slice(0, colon);
  if (!ENTITY_KINDS.has(kind)) return null;
  return { kind: kind as EntityKind, key: target.slice(colon + 1) };
}

function preconditionFailed(kind: string, key: string, detail?: string): HttpProblem {
  return new HttpProblem(
    'precondition-failed',
    detail ?? `${kind} "${key}" changed since it was read (If-Match); read it again and retry`,
    { kind, key },
  );
}

/**
 * The expected version a write's If-Match header asks for, or none when the request sends none.
 * A listed tag equal to the current version becomes an expectation the store checks inside the
 * write (so a change in between still fails); no match at all fails now with `precondition-failed`.
 */
export function preconditionOf(
  store: Store,
  request: FastifyRequest,
  entity: { kind: EntityKind; key: string } | null,
): ExpectedVersion[] {
  const header = request.headers['if-match'];
  if (header === undefined || entity === null) return [];
  if (request.method !== 'PATCH' && request.method !== 'PUT' && request.method !== 'DELETE') return [];
  const tags = parseIfMatch(Array.isArray(header) ? header.join(',') : header);
  if (KINDS[entity.kind].find(store.engine, entity.key) === undefined)
    throw preconditionFailed(entity.kind, entity.key, `${entity.kind} "${entity.key}" does not exist (If-Match)`);
  if (tags === '*') return [];
  // A built-in record never written has no stored version: its tag is "0", and it must stay unwritten.
  const current = store.version(entity.kind, entity.key);
  if (!tags.includes(String(current ?? 0))) throw preconditionFailed(entity.kind, entity.key);
  return [{ kind: entity.kind, key: entity.key, version: current ?? null }];
}

/** Turns the store's `CONFLICT` on an If-Match expectation into `precondition-failed`. */
export function asPreconditionFailure(error: unknown, expected: readonly ExpectedVersion[]): unknown {
  if (!(error instanceof TesseraError) || error.code !== 'CONFLICT') return error;
  const details = error.details as { kind?: string; key?: string };
  const hit = expected.find((e) => e.kind === details.kind && e.key === details.key);
  return hit === undefined ? error : preconditionFailed(hit.kind, hit.key);
}

/** Marks the response as carrying `entity`'s version as its ETag (on the routes that have one); answers `value`. */
export function tagged<T>(request: FastifyRequest, kind: EntityKind, key: string, value: T): T {
  if (TAGGED_ROUTES[request.routeOptions.url ?? ''] === kind) request.etag = { kind, key };
  return value;
}

/** The onSend step: a successful response about a tagged entity carries its current version. */
export function setETag(store: Store, request: FastifyRequest, reply: FastifyReply): void {
  const entity = request.etag;
  if (entity === null || entity === undefined || reply.statusCode >= 300) return;
  if (request.method === 'DELETE') return;
  if (KINDS[entity.kind].find(store.engine, entity.key) === undefined) return;
  reply.header('etag', formatETag(store.version(entity.kind, entity.key) ?? 0));
}
