/**
 * SCIM provisioning throughput: users provisioned per second over HTTP, one
 * `POST /scim/v2/Users` per user with a provisioning token of the home organization (each a write
 * judged by the gate, audited, with the user's organization membership and SCIM attributes in the
 * same transaction). The server runs in this process on loopback, on SQLite, and on PostgreSQL too
 * when `TESSERA_TEST_POSTGRES_URL` is set. Run with `npm run bench:scim`; `--users=N` (default 1000)
 * and `--concurrency=A,B` (default 1,8) change the run.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_SETTINGS } from '../src/server/config.js';
import { newSecret, secretHash } from '../src/server/passwords.js';
import { startServer } from '../src/server/server.js';
import { type Store, createPostgresStore, createSqliteStore } from '../src/store/index.js';
import { formatTable } from './measure.js';

const args = process.argv.slice(2);
const arg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const USERS = Number(arg('users') ?? 1000);
const CONCURRENCY = (arg('concurrency') ?? '1,8').split(',').map(Number);
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

interface Opened {
  readonly name: string;
  readonly store: Store;
  readonly close: () => Promise<void>;
}

async function sqlite(): Promise<Opened> {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-bench-scim-'));
  const store = await createSqliteStore({ database: join(directory, 'tessera.db'), followIntervalMs: 0 });
  return {
    name: 'SQLite',
    store,
    close: async () => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function postgres(url: string): Promise<Opened> {
  const schema = `tessera_bench_scim_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(query).finally(() => client.end());
  };
  await admin(`create schema ${schema}`);
  const store = await createPostgresStore({
    database: new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 8 }),
    followIntervalMs: 0,
  });
  return {
    name: 'PostgreSQL',
    store,
    close: async () => {
      await store.close();
      await admin(`drop schema if exists ${schema} cascade`);
    },
  };
}

/** Provisions `count` users, `concurrency` requests in flight; answers the seconds it took. */
async function provision(url: string, secret: string, prefix: string, count: number, concurrency: number) {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const response = await fetch(`${url}/scim/v2/Users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify({
          schemas: [USER_SCHEMA],
          userName: `${prefix}-${i}`,
          externalId: randomUUID(),
          name: { givenName: 'Bench', familyName: String(i) },
          emails: [{ value: `${prefix}-${i}@example.com`, type: 'work', primary: true }],
          active: true,
        }),
      });
      if (response.status !== 201) throw new Error(`POST /Users answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (performance.now() - started) / 1000;
}

const rows: string[][] = [];
const databases: (() => Promise<Opened>)[] = [sqlite];
const postgresUrl = process.env.TESSERA_TEST_POSTGRES_URL;
if (postgresUrl !== undefined && postgresUrl !== '') databases.push(() => postgres(postgresUrl));
console.log(
  `SCIM provisioning: ${USERS} users per run, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
for (const open of databases) {
  const opened = await open();
  const server = await startServer(
    { ...DEFAULT_SETTINGS, port: 0, logLevel: 'error', adminPassword: `pw-${randomUUID()}` },
    { store: opened.store },
  );
  try {
    const admin = opened.store.engine.user('admin');
    if (admin === undefined) throw new Error('the bootstrap created no admin');
    const secret = newSecret('tscim');
    await opened.store.database
      .insertInto('scim_tokens')
      .values({
        id: randomUUID(),
        name: 'bench',
        token_hash: secretHash(secret),
        prefix: secret.slice(0, 12),
        organization: server.bootstrap.home,
        store: 'PRIMARY',
        created_by: admin.id,
        created_at: new Date().toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    for (const concurrency of CONCURRENCY) {
      const seconds = await provision(server.url, secret, `c${concurrency}`, USERS, concurrency);
      rows.push([
        opened.name,
        String(concurrency),
        String(USERS),
        seconds.toFixed(2),
        Math.round(USERS / seconds).toLocaleString('en-US'),
      ]);
      console.log(`${opened.name}, ${concurrency} in flight: ${(USERS / seconds).toFixed(0)} users/s`);
    }
  } finally {
    await server.close();
    await opened.close();
  }
}
console.log(`\n${formatTable(['database', 'in flight', 'users', 'seconds', 'users/s'], rows)}`);
