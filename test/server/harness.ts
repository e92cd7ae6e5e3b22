import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Change } from '../../src/core/changes.js';
import { PRIMARY_STORE, type User } from '../../src/core/model.js';
import { createPostgresStore, createSqliteStore, type Store } from '../../src/store/index.js';
import { DEFAULT_SETTINGS, type ServerSettings } from '../../src/server/config.js';
import { type RunningServer, startServer } from '../../src/server/server.js';

export type DatabaseKind = 'SQLite' | 'PostgreSQL';

/** Both databases; PostgreSQL is required (CI provides it), so a missing URL fails rather than skips. */
export const DATABASES: readonly DatabaseKind[] = ['SQLite', 'PostgreSQL'];

/**
 * SQLite alone, for route files whose behaviour is the HTTP surface over the in-memory index (who
 * may call, names, decisions, ETags, the first responses): the database is reached only through the
 * store's contract, which test/store runs on both databases. Files with a database's own paths
 * (listings, audit search, sign-in, concurrency, outages) run on DATABASES.
 */
export const SQLITE_ONLY: readonly DatabaseKind[] = ['SQLite'];

export interface Response<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
  readonly contentType: string;
}

/** An HTTP client acting as one caller (a bearer token, or nobody). */
export class Client {
  constructor(
    readonly url: string,
    readonly token: string | null,
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.token !== null) (init.headers as Record<string, string>).authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(this.url + path, init);
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (contentType.includes('json') && text !== '') parsed = JSON.parse(text);
    return { status: response.status, body: parsed as T, headers: response.headers, contentType };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body: unknown = {}) {
    return this.request<T>('POST', path, body);
  }
  put<T = any>(path: string, body: unknown = {}) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = any>(path: string, body: unknown = {}) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

export interface TestServer {
  readonly kind: DatabaseKind;
  readonly url: string;
  /** Where the server's database is: a SQLite file, or the PostgreSQL URL without its schema. */
  readonly database: string;
  readonly server: RunningServer;
  readonly store: Store;
  /** The home organization's id and name. */
  readonly home: { readonly id: string; readonly name: string };
  /** Signed in as the bootstrapped super admin. */
  readonly admin: Client;
  readonly adminPassword: string;
  /** No credentials at all. */
  readonly anonymous: Client;
  /**
   * Creates an active PRIMARY user with a password, directly in the store (no API involved),
   * optionally in groups of the home organization (by name) — e.g. `['Developer']` — or holding
   * roles there directly (`roles`), and signs in.
   */
  user(
    username: string,
    options?: { groups?: readonly string[]; roles?: readonly string[]; organization?: string; password?: string },
  ): Promise<{ user: User; client: Client; password: string }>;
  /** Signs in by the API; returns a client with a session token. */
  signIn(username: string, password: string): Promise<Client>;
  /** Applies changes directly (fixtures), as the system. */
  write(changes: readonly Change[]): Promise<number>;
  close(): Promise<void>;
}

const directories: string[] = [];
process.on('exit', () => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

/** A Tessera server on loopback with a fresh database of the given kind, bootstrapped with `settings.preset` (choreo). */
export async function startTestServer(
  kind: DatabaseKind,
  overrides: Partial<ServerSettings> = {},
): Promise<TestServer> {
  const adminPassword = overrides.adminPassword ?? `pw-${randomUUID()}`;
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, port: 0, logLevel: 'silent', ...overrides, adminPassword };
  let store: Store;
  let database: string;
  let cleanup: () => Promise<void>;
  if (kind === 'SQLite') {
    const directory = mkdtempSync(join(tmpdir(), 'tessera-server-'));
    directories.push(directory);
    database = join(directory, 'tessera.db');
    store = await createSqliteStore({ database, followIntervalMs: 0 });
    cleanup = async () => rmSync(directory, { recursive: true, force: true });
  } else {
    const url = process.env.TESSERA_TEST_POSTGRES_URL;
    assert.ok(url !== undefined && url !== '', 'TESSERA_TEST_POSTGRES_URL is not set');
    database = url;
    const schema = `tessera_server_${process.pid}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = async (query: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(query).finally(() => client.end());
    };
    await admin(`create schema ${schema}`);
    store = await createPostgresStore({
      database: new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4 }),
      followIntervalMs: 0,
    });
    cleanup = () => admin(`drop schema if exists ${schema} cascade`);
  }
  let server: RunningServer;
  try {
    server = await startServer(settings, { store });
  } catch (error) {
    // A failed start leaves no open database behind to keep the test process alive.
    await store.close().catch(() => undefined);
    await cleanup().catch(() => undefined);
    throw error;
  }
  const url = server.url;
  const anonymous = new Client(url, null);
  const signIn = async (username: string, password: string): Promise<Client> => {
    const response = await anonymous.post('/v1/session', { username, password, mode: 'token' });
    assert.equal(response.status, 200, `sign-in of ${username} failed: ${JSON.stringify(response.body)}`);
    return new Client(url, response.body.token as string);
  };
  const admin = settings.createAdminAccount ? await signIn(settings.adminUsername, adminPassword) : anonymous;
  const homeId = server.bootstrap.home;
  const home = { id: homeId, name: store.engine.organizations().find((o) => o.id === homeId)!.name };
  const write = async (changes: readonly Change[]) => (await store.write(changes, { actor: SYSTEM_ACTOR })).revision;
  return {
    kind,
    url,
    database,
    server,
    store,
    home,
    admin,
    adminPassword,
    anonymous,
    signIn,
    write,
    async user(username, options = {}) {
      const password = options.password ?? `pw-${randomUUID()}`;
      const organization = options.organization ?? homeId;
      const user: User = {
        id: randomUUID(),
        username,
        store: PRIMARY_STORE,
        email: `${username}@example.com`,
        status: 'active',
      };
      const changes: Change[] = [{ op: 'user.put', user }];
      for (const name of options.groups ?? []) {
        const group = store.engine.findGroup(organization, name);
        assert.ok(group !== undefined, `no group "${name}" in organization ${organization}`);
        changes.push({ op: 'member.add', membership: { group: group.id, user: user.id } });
      }
      // Roles held directly at the organization (WSO2's roles are tenant-wide; its login permission gates sign-in).
      for (const name of options.roles ?? []) {
        const role = store.engine.findRole(name, organization);
        assert.ok(role !== undefined, `no role "${name}" usable in organization ${organization}`);
        changes.push({
          op: 'mapping.add',
          mapping: {
            id: randomUUID(),
            role: role.id,
            subject: { kind: 'user', id: user.id },
            target: { level: 'organization', id: organization },
          },
        });
      }
      await write(changes);
      await server.context.credentials.setPassword(user.id, password);
      return { user, client: await signIn(username, password), password };
    },
    async close() {
      await server.close();
      await store.close();
      await cleanup();
    },
  };
}

/** Asserts an RFC 9457 answer with the given status and problem slug (`forbidden`, `not-found`, …). */
export function assertProblem(response: Response, status: number, slug: string): void {
  assert.equal(
    response.status,
    status,
    `expected ${status} ${slug}, got ${response.status}: ${JSON.stringify(response.body)}`,
  );
  assert.match(response.contentType, /^application\/problem\+json/);
  assert.equal(response.body.type, `https://tessera.dev/problems/${slug}`);
  assert.equal(typeof response.body.detail, 'string');
  assert.equal(JSON.stringify(response.body).includes('    at '), false, 'no stack trace reaches a client');
}
