/**
 * LDAP user stores against a private slapd (test/support/slapd.ts) holding USERS users in GROUPS
 * groups: sign-in by LDAP bind over HTTP (p50, p99), a full synchronisation into a fresh store
 * (time, and the index afterwards), a synchronisation that finds nothing new, and decisions per
 * second for LDAP users against as many PRIMARY users with the same groups and mappings, in the
 * same run. `npm run bench:ldap` (`LDAP_USERS`, `LDAP_GROUPS`, `LDAP_SIGNINS` change the sizes).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change } from '../src/core/index.js';
import { SYSTEM_ACTOR } from '../src/core/gate.js';
import { DEFAULT_SETTINGS } from '../src/server/config.js';
import { startServer } from '../src/server/server.js';
import { createSqliteStore } from '../src/store/index.js';
import { startSlapd } from '../test/support/slapd.js';
import { formatTable } from './measure.js';

const USERS = Number(process.env.LDAP_USERS ?? 10_000);
const GROUPS = Number(process.env.LDAP_GROUPS ?? 500);
const SIGNINS = Number(process.env.LDAP_SIGNINS ?? 300);
const CHECKS = 1_000_000;
const SUFFIX = 'dc=bench,dc=example';

function ldif(directory: string): string {
  const lines: string[] = [
    `dn: ${SUFFIX}`,
    'objectClass: dcObject',
    'objectClass: organization',
    'dc: bench',
    'o: Bench',
    '',
    `dn: ou=people,${SUFFIX}`,
    'objectClass: organizationalUnit',
    'ou: people',
    '',
    `dn: ou=groups,${SUFFIX}`,
    'objectClass: organizationalUnit',
    'ou: groups',
    '',
    `dn: cn=tessera,${SUFFIX}`,
    'objectClass: person',
    'cn: tessera',
    'sn: service',
    'userPassword: bench-reader',
    '',
  ];
  for (let i = 0; i < USERS; i++)
    lines.push(
      `dn: uid=u${i},ou=people,${SUFFIX}`,
      'objectClass: inetOrgPerson',
      `uid: u${i}`,
      `cn: User ${i}`,
      'sn: User',
      `mail: u${i}@bench.example`,
      `userPassword: pw-${i}`,
      '',
    );
  for (let g = 0; g < GROUPS; g++) {
    lines.push(`dn: cn=g${g},ou=groups,${SUFFIX}`, 'objectClass: groupOfNames', `cn: g${g}`);
    for (let i = g; i < USERS; i += GROUPS) lines.push(`member: uid=u${i},ou=people,${SUFFIX}`);
    lines.push('');
  }
  const file = join(directory, 'bench.ldif');
  writeFileSync(file, lines.join('\n'));
  return file;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-bench-ldap-'));
  process.env.TESSERA_SECRET_KEY ??= 'bench-ldap-key';
  const slapd = await startSlapd({ suffix: SUFFIX, ldif: [ldif(directory)] });
  const store = await createSqliteStore({ database: join(directory, 'tessera.db'), followIntervalMs: 0 });
  const adminPassword = `pw-${randomUUID()}`;
  const server = await startServer(
    { ...DEFAULT_SETTINGS, port: 0, logLevel: 'silent', adminPassword, database: join(directory, 'tessera.db') },
    { store },
  );
  try {
    const post = async (path: string, body: unknown, token?: string) => {
      const response = await fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const admin = (await post('/v1/session', { username: 'admin', password: adminPassword, mode: 'token' })).body
      .token as string;
    const home = server.bootstrap.home;

    // The same shape in PRIMARY, created first: the engine's first rows are the slower ones
    // (docs/user-stores.md#figures), so LDAP users are not favoured by coming later.
    const engine = () => server.store.engine;
    const role = engine().findRole('Developer')!.id;
    const primaryGroups: string[] = [];
    const changes: Change[] = [];
    for (let g = 0; g < GROUPS; g++) {
      const id = randomUUID();
      primaryGroups.push(id);
      changes.push({
        op: 'group.put',
        group: { id, organization: home, name: `p${g}`, store: 'PRIMARY', description: null },
      });
    }
    for (let i = 0; i < USERS; i++) {
      const id = randomUUID();
      changes.push({
        op: 'user.put',
        user: { id, username: `p${i}`, store: 'PRIMARY', email: null, status: 'active' },
      });
      changes.push({ op: 'member.add', membership: { group: primaryGroups[i % GROUPS]!, user: id } });
    }
    await server.store.write(changes, { actor: SYSTEM_ACTOR });
    changes.length = 0;

    // A full synchronisation: every user, group and membership, in one write.
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const added = await post(
      '/v1/ldap-stores',
      {
        name: 'BENCH-LDAP',
        url: slapd.url,
        bindDn: `cn=tessera,${SUFFIX}`,
        bindPassword: 'bench-reader',
        userBaseDn: `ou=people,${SUFFIX}`,
        groupBaseDn: `ou=groups,${SUFFIX}`,
        syncIntervalSeconds: 86_400,
      },
      admin,
    );
    if (added.status !== 201) throw new Error(`adding the store failed: ${JSON.stringify(added.body)}`);
    const firstSync = added.body.sync as { durationMs: number };
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    const again = await post('/v1/ldap-stores/BENCH-LDAP/sync', {}, admin);
    const secondSync = again.body as { durationMs: number; revision: number | null };

    for (let g = 0; g < GROUPS; g += 2) {
      const ldapGroup = engine().findGroup(home, `BENCH-LDAP/g${g}`)!.id;
      for (const group of [ldapGroup, primaryGroups[g]!])
        changes.push({
          op: 'mapping.add',
          mapping: {
            id: randomUUID(),
            role,
            subject: { kind: 'group', id: group },
            target: { level: 'organization', id: home },
          },
        });
    }
    await server.store.write(changes, { actor: SYSTEM_ACTOR });

    const rate = (prefix: string) => {
      const ids = Array.from(
        { length: USERS },
        (_, i) => engine().user(`${prefix === 'u' ? 'BENCH-LDAP' : 'PRIMARY'}/${prefix}${i}`)!.id,
      );
      const e = engine();
      let allowed = 0;
      const started = performance.now();
      for (let k = 0; k < CHECKS; k++) if (e.allowed(ids[k % USERS], 'project:edit', 'organization', home)) allowed++;
      const seconds = (performance.now() - started) / 1000;
      return { perSecond: CHECKS / seconds, allowed };
    };
    // Interleaved rounds, the best of each: the machine's other load weighs on both alike.
    let ldapRate = rate('u');
    let primaryRate = rate('p');
    for (let round = 0; round < 4; round++) {
      const l = rate('u');
      const p = rate('p');
      if (l.perSecond > ldapRate.perSecond) ldapRate = l;
      if (p.perSecond > primaryRate.perSecond) primaryRate = p;
    }
    if (ldapRate.allowed !== primaryRate.allowed) throw new Error('LDAP and PRIMARY users were decided differently');

    // Sign-in by LDAP bind over HTTP, one at a time.
    const latencies: number[] = [];
    for (let k = 0; k < SIGNINS; k++) {
      const i = (k * 7919) % USERS;
      const started = performance.now();
      const response = await post('/v1/session', { username: `BENCH-LDAP/u${i}`, password: `pw-${i}`, mode: 'token' });
      latencies.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
    }
    latencies.sort((a, b) => a - b);

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(`LDAP user store: ${USERS.toLocaleString('en')} users in ${GROUPS} groups (private slapd, SQLite)\n`);
    console.log(
      formatTable(
        ['measure', 'value'],
        [
          [`sign-in by LDAP bind over HTTP, p50 (${SIGNINS} sign-ins)`, `${percentile(latencies, 50).toFixed(1)} ms`],
          ['sign-in by LDAP bind over HTTP, p99', `${percentile(latencies, 99).toFixed(1)} ms`],
          ['first sync: read the directory, plan, write, index', `${firstSync.durationMs} ms`],
          [
            'index after it: users / groups / revision',
            `${engine().users().length} / ${engine().groups().length} / ${engine().revision}`,
          ],
          ['heap growth over the first sync', mb(heapAfter - heapBefore)],
          [
            'sync with nothing new (writes nothing)',
            `${secondSync.durationMs} ms${secondSync.revision === null ? '' : ' (wrote!)'}`,
          ],
          [
            'decisions/s, LDAP users (best of 5 interleaved rounds)',
            Math.round(ldapRate.perSecond).toLocaleString('en'),
          ],
          [
            'decisions/s, PRIMARY users (same groups and mappings)',
            Math.round(primaryRate.perSecond).toLocaleString('en'),
          ],
          ['LDAP / PRIMARY', (ldapRate.perSecond / primaryRate.perSecond).toFixed(2)],
        ],
      ),
    );
  } finally {
    await server.close();
    await store.close();
    await slapd.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
