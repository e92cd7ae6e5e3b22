import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** A Tessera API client: every path, parameter, body and answer typed from Tessera's OpenAPI document. */
export type TesseraClient = Client<paths>;

/** An RFC 9457 problem, as every /v1 error is answered. */
export interface TesseraProblem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extension: string]: unknown;
}

export interface TesseraClientOptions {
  /** The server's address, e.g. `https://tessera.example.com` (paths start with `/v1`). */
  readonly baseUrl: string;
  /** A bearer token, or a function answering the current one (called per request, e.g. to refresh). */
  readonly token?: string | (() => string | Promise<string>);
  /** Passed to openapi-fetch as is (a custom `fetch`, extra headers, …). */
  readonly options?: Omit<ClientOptions, 'baseUrl'>;
}

export function createTesseraClient({ baseUrl, token, options = {} }: TesseraClientOptions): TesseraClient {
  const client = createClient<paths>({ ...options, baseUrl: baseUrl.replace(/\/+$/, '') });
  if (token !== undefined) {
    const authorize: Middleware = {
      async onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${typeof token === 'string' ? token : await token()}`);
        return request;
      },
    };
    client.use(authorize);
  }
  return client;
}

/** A target as the decision endpoints name it: `{ type: 'api', id: 'acme/engineering/api/pizza-shack' }`. */
export interface TesseraTarget {
  readonly type: string;
  readonly id: string;
}

/** `POST /v1/check/targets`: one user (omitted: an anonymous guest) and permission, up to 1,000 targets. */
export interface TargetsQuestion {
  readonly user?: string;
  readonly permission: string;
  readonly targets: readonly TesseraTarget[];
  /** A revision the answer must reflect. */
  readonly atLeast?: number;
}

/** The decisions, one per target in the order asked, all at `revision`. */
export interface TargetsAnswer {
  readonly revision: number;
  readonly decisions: readonly { readonly allowed: boolean }[];
}

/**
 * `POST /v1/check/targets` in its compact form: one user and permission, targets of one `type`
 * named by `ids` (up to 10,000, each an id, name or path).
 */
export interface CompactTargetsQuestion {
  readonly user?: string;
  readonly permission: string;
  readonly type: string;
  readonly ids: readonly string[];
  /** A revision the answer must reflect. */
  readonly atLeast?: number;
}

/** A compact answer: one character per question, in the order asked, `1` allowed and `0` denied (see `decisionsOf`). */
export interface CompactAnswer {
  readonly revision: number;
  readonly allowed: string;
}

/** One check of `POST /v1/check/batch`: a user (omitted: an anonymous guest), a permission, a resource. */
export interface BatchCheck {
  readonly user?: string;
  readonly permission: string;
  readonly resource: TesseraTarget;
}

/** `POST /v1/check/batch`: up to 1,000 checks. */
export interface BatchQuestion {
  readonly checks: readonly BatchCheck[];
  /** A revision the answers must reflect. */
  readonly atLeast?: number;
}

/** The decisions, one per check in the order asked, all at `revision`. */
export interface BatchAnswer {
  readonly revision: number;
  readonly decisions: readonly { readonly allowed: boolean }[];
}

/**
 * `POST /v1/check/batch` in its compact form: users (null: an anonymous guest), permissions and
 * resources each listed once, and up to 10,000 checks as `[user, permission, resource]` indexes
 * into them. `compactBatch` builds one from checks.
 */
export interface CompactBatchQuestion {
  readonly users: readonly (string | null)[];
  readonly permissions: readonly string[];
  readonly resources: readonly TesseraTarget[];
  readonly triples: readonly (readonly [number, number, number])[];
  /** A revision the answers must reflect. */
  readonly atLeast?: number;
}

/** Where a call failed: the RFC 9457 problem as `error`, else `data`. */
export interface Answered<T> {
  readonly data?: T;
  readonly error?: TesseraProblem;
  readonly response: Response;
}

type LoosePost = (
  path: string,
  init: { body: unknown },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** POST `body` to `path` through `client` (its base URL, token and middleware), typed by hand. */
async function post<T>(client: TesseraClient, path: string, body: unknown): Promise<Answered<T>> {
  // Typed by hand so the helpers do not depend on the generated schema's version of these paths.
  const loose = client.POST as unknown as LoosePost;
  const { data, error, response } = await loose.call(client, path, { body });
  return {
    ...(data === undefined ? {} : { data: data as T }),
    ...(error === undefined ? {} : { error: error as TesseraProblem }),
    response,
  };
}

/**
 * Which of these targets may the user act on with the permission ("which of these APIs may alice
 * see"), in one request: `POST /v1/check/targets` through `client` (its base URL, token and
 * middleware). With `targets`, answers `decisions`; in the compact form (`type` and `ids`),
 * `allowed`, one character per id. Answers `data` or, on an error, the RFC 9457 problem as `error`.
 */
export function checkTargets(client: TesseraClient, question: TargetsQuestion): Promise<Answered<TargetsAnswer>>;
export function checkTargets(client: TesseraClient, question: CompactTargetsQuestion): Promise<Answered<CompactAnswer>>;
export function checkTargets(
  client: TesseraClient,
  question: TargetsQuestion | CompactTargetsQuestion,
): Promise<Answered<TargetsAnswer | CompactAnswer>> {
  return post(client, '/v1/check/targets', question);
}

/**
 * Many decisions in one request, all at one revision: `POST /v1/check/batch` through `client`.
 * With `checks`, answers `decisions`; in the compact form (`compactBatch(checks)`), `allowed`,
 * one character per triple. Answers `data` or, on an error, the RFC 9457 problem as `error`.
 */
export function checkBatch(client: TesseraClient, question: BatchQuestion): Promise<Answered<BatchAnswer>>;
export function checkBatch(client: TesseraClient, question: CompactBatchQuestion): Promise<Answered<CompactAnswer>>;
export function checkBatch(
  client: TesseraClient,
  question: BatchQuestion | CompactBatchQuestion,
): Promise<Answered<BatchAnswer | CompactAnswer>> {
  return post(client, '/v1/check/batch', question);
}

/**
 * The compact form of a batch: each distinct user, permission and resource listed once (in the
 * order first named), each check three indexes into them. A check without a user asks about an
 * anonymous guest (`null` in `users`).
 */
export function compactBatch(checks: readonly BatchCheck[], atLeast?: number): CompactBatchQuestion {
  const users: (string | null)[] = [];
  const permissions: string[] = [];
  const resources: TesseraTarget[] = [];
  const userIndex = new Map<string | null, number>();
  const permissionIndex = new Map<string, number>();
  // Keyed by type and id together: a NUL cannot occur in either.
  const resourceIndex = new Map<string, number>();
  const triples = checks.map((check): [number, number, number] => {
    const user = check.user ?? null;
    let u = userIndex.get(user);
    if (u === undefined) userIndex.set(user, (u = users.push(user) - 1));
    let p = permissionIndex.get(check.permission);
    if (p === undefined) permissionIndex.set(check.permission, (p = permissions.push(check.permission) - 1));
    const key = `${check.resource.type}\u0000${check.resource.id}`;
    let r = resourceIndex.get(key);
    if (r === undefined) {
      r = resources.push({ type: check.resource.type, id: check.resource.id }) - 1;
      resourceIndex.set(key, r);
    }
    return [u, p, r];
  });
  return { users, permissions, resources, triples, ...(atLeast === undefined ? {} : { atLeast }) };
}

/** A compact answer's `allowed` as one boolean per question, in the order asked. */
export function decisionsOf(allowed: string): boolean[] {
  const decisions = new Array<boolean>(allowed.length);
  for (let i = 0; i < allowed.length; i++) decisions[i] = allowed.charCodeAt(i) === 0x31;
  return decisions;
}
