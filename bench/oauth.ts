import { SYSTEM_ACTOR } from '../src/core/gate.js';
/**
 * OAuth throughput: client-credentials grants per second at `POST /oauth2/token` of a Tessera
 * server in a child process (bench/http-server.ts), driven by autocannon on loopback; and access
 * tokens verified per second in this process the way a gateway does (jose `jwtVerify` against the
 * JWKS, and the gateway package's verifier with and without its verified-token cache). Compared
 * with Keycloak's published sizing: 120 client-credentials grants per vCPU per second.
 * Run with `npm run bench:oauth`; `--seconds=N` changes the grant run's length (default 10);
 * `--profile=DIR` writes a CPU profile of the server to DIR.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { PRIMARY_STORE, roleRecord } from '../src/core/model.js';
import { bootstrap } from '../src/server/bootstrap.js';
import { DEFAULT_SETTINGS } from '../src/server/config.js';
import { newSecret, secretHash } from '../src/server/passwords.js';
import { createSqliteStore } from '../src/store/index.js';
import { createVerifier } from '../packages/gateway/src/verifier.js';
import { formatTable } from './measure.js';
import { startChildServer, stopChildServer } from './child-server.js';

const args = process.argv.slice(2);
const GRANT_SECONDS = Number(args.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 10);
const VERIFY_SECONDS = 5;
/** `--profile=DIR` writes a CPU profile of the server there. */
const PROFILE_DIR = args.find((a) => a.startsWith('--profile='))?.split('=')[1];
const CONNECTIONS = 50;
/** Distinct tokens the verification loops cycle through. */
const TOKENS = 1_000;
/** Verifications in flight at once (jose's WebCrypto calls are asynchronous). */
const VERIFY_CONCURRENCY = 64;
const TARGETS = { grantsPerSecond: 2_000, verificationsPerSecond: 50_000 };
/** Keycloak's sizing guide: 120 client-credentials grants per second per vCPU; this machine has 2. */
const KEYCLOAK_PER_VCPU = 120;
const KEYCLOAK_VCPUS = 2;

const here = fileURLToPath(new URL('.', import.meta.url));
const log = (message: string) => console.log(message);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const rate = (n: number) => Math.round(n).toLocaleString('en-US');

/** Runs `verify` over the tokens for `seconds`, `VERIFY_CONCURRENCY` at a time; answers verifications per second and failures. */
async function verifyLoop(
  tokens: readonly string[],
  seconds: number,
  verify: (token: string) => Promise<unknown>,
): Promise<{ perSecond: number; failures: number }> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let failures = 0;
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (performance.now() < end) {
      for (let i = 0; i < 100; i++) {
        const token = tokens[next++ % tokens.length]!;
        try {
          await verify(token);
        } catch {
          failures++;
        }
        done++;
      }
    }
  };
  await Promise.all(Array.from({ length: VERIFY_CONCURRENCY }, worker));
  return { perSecond: done / ((performance.now() - start) / 1000), failures };
}

const directory = mkdtempSync(join(tmpdir(), 'tessera-oauth-bench-'));
let child: ChildProcess | undefined;
try {
  log(`${availableParallelism()} CPUs, load average ${load()} at start`);
  const database = join(directory, 'tessera.db');
  const store = await createSqliteStore({ database, followIntervalMs: 0 });
  const { home } = await bootstrap(store, { ...DEFAULT_SETTINGS, database, adminPassword: 'bench-admin-password' });
  // An owner allowed one of two scopes, and an application of theirs with PRODUCTION keys.
  const ownerId = randomUUID();
  const roleId = randomUUID();
  await store.write(
    [
      {
        op: 'user.put',
        user: { id: ownerId, username: 'bench-owner', store: PRIMARY_STORE, email: null, status: 'active' },
      },
      { op: 'role.put', role: roleRecord({ id: roleId, name: 'Order reader', organization: home }) },
      { op: 'scope.put', scope: { name: 'orders:read', description: null, roles: [roleId] } },
      { op: 'scope.put', scope: { name: 'orders:write', description: null, roles: [] } },
      {
        op: 'mapping.add',
        mapping: {
          id: randomUUID(),
          role: roleId,
          subject: { kind: 'user', id: ownerId },
          target: { level: 'organization', id: home },
        },
      },
    ],
    { actor: SYSTEM_ACTOR },
  );
  const applicationId = randomUUID();
  const clientId = randomBytes(24).toString('base64url');
  const clientSecret = newSecret('tcs');
  const now = new Date().toISOString();
  await store.transact(async (tx) => {
    await tx
      .insertInto('applications')
      .values({
        id: applicationId,
        owner: ownerId,
        organization: home,
        name: 'bench',
        description: null,
        created_at: now,
      })
      .execute();
    await tx
      .insertInto('application_keys')
      .values({
        id: randomUUID(),
        application: applicationId,
        key_type: 'PRODUCTION',
        client_id: clientId,
        secret_hash: secretHash(clientSecret),
        redirect_uris: '[]',
        created_at: now,
        revoked_at: null,
      })
      .execute();
  });
  await store.close();

  const started = await startChildServer(join(here, 'http-server.ts'), [database], PROFILE_DIR ?? null);
  child = started.child;
  const url = started.url;
  log(`server: ${url} in process ${child.pid}`);

  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    scope: 'orders:read orders:write',
    client_id: clientId,
    client_secret: clientSecret,
  }).toString();
  const grant = async () => {
    const response = await fetch(`${url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const answer = (await response.json()) as { access_token?: string; scope?: string };
    if (response.status !== 200 || answer.access_token === undefined || answer.scope !== 'orders:read')
      throw new Error(`unexpected grant: ${response.status} ${JSON.stringify(answer)}`);
    return answer.access_token;
  };
  await grant(); // creates the first signing key

  log(`POST /oauth2/token (client_credentials, client_secret_post): ${CONNECTIONS} connections, ${GRANT_SECONDS} s…`);
  const grants = await autocannon({
    url: `${url}/oauth2/token`,
    connections: CONNECTIONS,
    duration: GRANT_SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });

  const tokens: string[] = [];
  for (let i = 0; i < TOKENS; i++) tokens.push(await grant());
  const issuer = url;
  const jwks = (await (await fetch(`${url}/oauth2/jwks`)).json()) as JSONWebKeySet;
  const localKeys = createLocalJWKSet(jwks);
  const options = { issuer, audience: 'tessera', algorithms: ['ES256'], typ: 'at+jwt' };
  const uncached = createVerifier({ issuer, cacheSize: 0 });
  const cached = createVerifier({ issuer, cacheSize: 10_000 });
  await uncached.verify(tokens[0]!); // fetches the JWKS once
  await cached.verify(tokens[0]!);

  log(`verifications: ${TOKENS} distinct tokens, ${VERIFY_CONCURRENCY} in flight, ${VERIFY_SECONDS} s each…`);
  const rawJose = await verifyLoop(tokens, VERIFY_SECONDS, (token) => jwtVerify(token, localKeys, options));
  const gatewayUncached = await verifyLoop(tokens, VERIFY_SECONDS, (token) => uncached.verify(token));
  const gatewayCached = await verifyLoop(tokens, VERIFY_SECONDS, (token) => cached.verify(token));
  await stopChildServer(child);
  child = undefined;

  const keycloak = KEYCLOAK_PER_VCPU * KEYCLOAK_VCPUS;
  const grantRate = grants.requests.average;
  const grantsMet = grantRate >= TARGETS.grantsPerSecond && grants.non2xx === 0 && grants.errors === 0;
  const verifyRow = (name: string, result: { perSecond: number; failures: number }) => [
    name,
    rate(result.perSecond),
    '-',
    '-',
    String(result.failures),
    '-',
    `≥ ${rate(TARGETS.verificationsPerSecond)}/s: ${result.perSecond >= TARGETS.verificationsPerSecond && result.failures === 0 ? 'met' : 'NOT met'}`,
  ];
  log('');
  log(
    formatTable(
      [
        'measure',
        'per second',
        'p50 ms',
        'p99 ms',
        'failures',
        `vs Keycloak (${keycloak}/s on ${KEYCLOAK_VCPUS} vCPU)`,
        'target',
      ],
      [
        [
          `grants: POST /oauth2/token client_credentials (${CONNECTIONS} conns, ${GRANT_SECONDS} s)`,
          rate(grantRate),
          String(grants.latency.p50),
          String(grants.latency.p99),
          String(grants.non2xx + grants.errors),
          `${(grantRate / keycloak).toFixed(1)}×`,
          `≥ ${rate(TARGETS.grantsPerSecond)}/s: ${grantsMet ? 'met' : 'NOT met'}`,
        ],
        verifyRow('verify: jose jwtVerify + createLocalJWKSet (ES256)', rawJose),
        verifyRow('verify: gateway verifier, token cache off (ES256 each time)', gatewayUncached),
        verifyRow(`verify: gateway verifier, token cache on (${TOKENS} tokens, repeated)`, gatewayCached),
      ],
    ),
  );
  log(
    `\nload average ${load()} at end. ES256 verification costs one P-256 ECDSA verify (~19,000/s per core in OpenSSL here); the gateway's cache skips it for a token seen before.`,
  );
} finally {
  if (child !== undefined) await stopChildServer(child);
  rmSync(directory, { recursive: true, force: true });
}
