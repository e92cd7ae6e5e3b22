// The console's only way to the server: the public /v1 API, signed in by the session cookie.
import { fieldMessage } from './words';

/** One field the server refused, as the API's validation problems list them. */
export interface FieldError {
  readonly in: string;
  readonly path: string;
  readonly message: string;
}

/** An RFC 9457 problem the API answered (or a failure to reach it), as an Error the pages can show in words. */
export class ApiError extends Error {
  readonly status: number;
  /** The problem's slug: `forbidden`, `validation`, `invalid-credentials`… (`network` when the server could not be reached). */
  readonly slug: string;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: readonly FieldError[];
  /** Seconds to wait, when the server said so (throttled sign-ins). */
  readonly retryAfter: number | null;

  constructor(options: {
    status: number;
    slug: string;
    title: string;
    detail: string;
    fieldErrors?: readonly FieldError[];
    retryAfter?: number | null;
  }) {
    super(options.detail);
    this.name = 'ApiError';
    this.status = options.status;
    this.slug = options.slug;
    this.title = options.title;
    this.detail = options.detail;
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfter = options.retryAfter ?? null;
  }

  /** The message of the field at `path` (`name`, `subject.id`), if the server refused it. */
  fieldError(path: string): string | undefined {
    const message = this.fieldErrors.find((f) => f.path === path)?.message;
    return message === undefined ? undefined : fieldMessage(message);
  }
}

const PROBLEM_BASE = 'https://tessera.dev/problems/';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The ETag (version) of each resource as last read or written, by path. An edit of that path sends it
 * as If-Match, so the server refuses (412 `precondition-failed`) to overwrite what someone else
 * changed since the page loaded it.
 */
const etags = new Map<string, string>();
const CONDITIONAL = new Set(['PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The session's CSRF token, sent on unsafe requests; null when signed out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 (the session ended): the console goes back to sign-in. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** `/v1/x` plus the defined query parameters. */
export function pathWithQuery(path: string, query: Query = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** A path segment: ids, names and `org/project` paths encoded. */
export const segment = (value: string): string => encodeURIComponent(value);

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** A 401 here is an answer to show (sign-in), not an ended session. */
  readonly expectUnauthorized?: boolean;
}

/** Sends one API request; answers the parsed JSON body (undefined for 204) or throws an ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  const tag = etags.get(path);
  if (CONDITIONAL.has(method) && tag !== undefined) headers['if-match'] = tag;
  let response: Response;
  try {
    response = await fetch(pathWithQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      slug: 'network',
      title: 'the server could not be reached',
      detail: 'the server could not be reached; check the connection and try again',
    });
  }
  if (response.ok) {
    const answered = response.headers.get('etag');
    if (answered !== null && (method === 'GET' || CONDITIONAL.has(method))) etags.set(path, answered);
    else if (method === 'DELETE') etags.delete(path);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = parseJson(text);
  if (response.ok) return json as T;
  const error = problemError(response, json);
  if (error.status === 401 && options.expectUnauthorized !== true) onUnauthorized?.();
  throw error;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The answer's problem document as an ApiError; a body that is not one still gets words. */
function problemError(response: Response, body: unknown): ApiError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const type = typeof problem.type === 'string' ? problem.type : '';
  const retryHeader = Number(response.headers.get('retry-after'));
  const errors = Array.isArray(problem.errors) ? (problem.errors as unknown[]).filter(isFieldError) : [];
  return new ApiError({
    status: response.status,
    slug: type.startsWith(PROBLEM_BASE) ? type.slice(PROBLEM_BASE.length) : `http-${response.status}`,
    title:
      typeof problem.title === 'string'
        ? problem.title
        : response.statusText || `the server answered ${response.status}`,
    detail:
      typeof problem.detail === 'string'
        ? problem.detail
        : `the server answered ${response.status} ${response.statusText}`.trim(),
    fieldErrors: errors,
    retryAfter: Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null,
  });
}

function isFieldError(value: unknown): value is FieldError {
  const v = value as Partial<FieldError> | null;
  return typeof v === 'object' && v !== null && typeof v.path === 'string' && typeof v.message === 'string';
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query === undefined ? {} : { query }), ...(signal === undefined ? {} : { signal }) }),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown = {}) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown = {}) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string, query?: Query) => request<T>('DELETE', path, query === undefined ? {} : { query }),
};

/**
 * Every page of a list endpoint, for working sets that must be whole (a role's members, the
 * scope matrix's roles). `maxPages` stops early, answering what was read (a guard
 * against an endless cursor).
 */
export async function readAllPages<T>(
  path: string,
  query: Query,
  signal?: AbortSignal,
  options: { pageSize?: number; maxPages?: number } = {},
): Promise<T[]> {
  const { pageSize = 500, maxPages = Number.POSITIVE_INFINITY } = options;
  const items: T[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < maxPages; pages++) {
    const page: Page<T> = await api.get<Page<T>>(path, { ...query, limit: pageSize, after }, signal);
    items.push(...page.items);
    after = page.next;
    if (after === null) break;
  }
  return items;
}

// ── the shapes of the answers the console reads ──

/** Every list endpoint answers a page: pass `next` as `after` for the following one. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
  readonly revision: number;
}

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly store: string;
  readonly name: string;
  readonly email: string | null;
}

export interface Session {
  readonly user: SessionUser;
  readonly csrfToken: string | null;
  readonly homeOrganization?: string;
}

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly parent: string | null;
  readonly requireTwoFactor: boolean;
  readonly adminRole: string | null;
}

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
  readonly path: string;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly store: string;
  readonly email: string | null;
  readonly status: 'active' | 'invited' | 'disabled';
}

export interface Group {
  readonly id: string;
  readonly organization: string;
  readonly name: string;
  readonly store: string;
  readonly description: string | null;
  readonly roles: readonly {
    readonly mapping: string;
    readonly role: { readonly id: string; readonly name: string };
    readonly target: Target;
  }[];
  readonly flagged: boolean;
}

export interface Role {
  readonly id: string;
  readonly name: string;
  /** null: defined at the root, usable in every organization. */
  readonly organization: string | null;
  readonly organizationName: string | null;
  readonly description: string | null;
  /** Permission-tree keys; each grants its subtree. */
  readonly permissions: readonly string[];
  /** Ids of the roles this role includes: their permissions and scopes are its own too. */
  readonly includes: readonly string[];
  readonly aliases: readonly string[];
  readonly predefined: boolean;
  readonly deprecated: boolean;
  readonly assignable: boolean;
  readonly editable: boolean;
  readonly exemptFromTwoFactor: boolean;
  /** The user store the role lives in; null: internal. */
  readonly store: string | null;
  /** For application roles: the owning user's id. */
  readonly owner: string | null;
}

export interface Target {
  readonly level: string;
  /** The resource type; only the role endpoints answer it. */
  readonly type?: string;
  readonly id: string;
  readonly name: string;
}

export interface Mapping {
  readonly id: string;
  readonly role: { readonly id: string; readonly name: string };
  readonly subject: {
    readonly kind: 'user' | 'group' | 'everyone' | 'anonymous';
    readonly id: string | null;
    readonly name: string;
  };
  readonly target: Target;
}

export interface Permission {
  readonly key: string;
  readonly description: string | null;
  readonly levels: readonly string[];
  readonly parent: string | null;
  readonly children: readonly string[];
}

export interface Grant {
  readonly mapping: string;
  readonly role: { readonly id: string; readonly name: string };
  readonly subject: { readonly kind: string; readonly id?: string };
  readonly target: Target;
  readonly group: { readonly id: string; readonly name: string } | null;
  readonly node: string;
  readonly through: readonly string[];
}

export interface Explanation {
  readonly user: { readonly id: string; readonly name: string } | null;
  readonly permission: string;
  readonly target: Target | null;
  readonly grant: Grant | null;
  readonly grants: readonly Grant[];
  readonly denial: { readonly code: string; readonly reason: string } | null;
  readonly excluded: readonly { readonly grant: Grant; readonly code: string; readonly reason: string }[];
}

export interface Decision {
  readonly allowed: boolean;
  readonly revision: number;
  readonly explanation?: Explanation;
}
