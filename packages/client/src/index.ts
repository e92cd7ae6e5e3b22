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

type LoosePost = (
  path: string,
  init: { body: unknown },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Which of these targets may the user act on with the permission ("which of these APIs may alice
 * see"), in one request: `POST /v1/check/targets` through `client` (its base URL, token and
 * middleware). Answers `data` or, on an error, the RFC 9457 problem as `error`.
 */
export async function checkTargets(
  client: TesseraClient,
  question: TargetsQuestion,
): Promise<{ data?: TargetsAnswer; error?: TesseraProblem; response: Response }> {
  // Typed by hand so the helper does not depend on the generated schema's version of this path.
  const post = client.POST as unknown as LoosePost;
  const { data, error, response } = await post.call(client, '/v1/check/targets', { body: question });
  return {
    ...(data === undefined ? {} : { data: data as TargetsAnswer }),
    ...(error === undefined ? {} : { error: error as TesseraProblem }),
    response,
  };
}
