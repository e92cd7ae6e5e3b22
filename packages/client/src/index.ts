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
