import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { type Entry, Client as LdapClient } from 'ldapts';

/**
 * A private OpenLDAP server for the tests: Debian's `slapd`, started as the current user on a free
 * loopback port, with its configuration (a generated `slapd.conf`, the mdb backend) and database
 * in a temporary directory, seeded with an LDIF by `slapadd` before it starts. No systemd, no root.
 */

const run = promisify(execFile);

export const SLAPD = '/usr/sbin/slapd';
export const SLAPADD = '/usr/sbin/slapadd';

/** Why slapd cannot be used here, or null when it can (the tests skip with this message). */
export function slapdMissing(): string | null {
  if (!existsSync(SLAPD) || !existsSync(SLAPADD))
    return `slapd is not installed (${SLAPD}); install Debian's slapd and ldap-utils (.ci/run does)`;
  return null;
}

export interface SlapdOptions {
  /** The directory's suffix. Default `dc=corp,dc=example`. */
  readonly suffix?: string;
  /** LDIF files loaded before the server starts. */
  readonly ldif: readonly string[];
  /** The root DN's password (`cn=admin,<suffix>`). Default `admin-secret`. */
  readonly rootPassword?: string;
}

export interface Slapd {
  /** `ldap://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly suffix: string;
  /** The root DN and its password: may write anything. */
  readonly rootDn: string;
  readonly rootPassword: string;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its directory. */
  stop(): Promise<void>;
  /** Stops the server but keeps its data, so `start` brings it back on the same port (an outage). */
  pause(): Promise<void>;
  start(): Promise<void>;
  /** Runs `work` with a client bound as the root DN, unbound afterwards. */
  asRoot<T>(work: (client: LdapClient) => Promise<T>): Promise<T>;
  /** The entry at `dn` with all its attributes, as the root DN reads it; null when there is none. */
  entry(dn: string): Promise<Entry | null>;
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Starts a private slapd seeded with `options.ldif`; call `stop()` when done. */
export async function startSlapd(options: SlapdOptions): Promise<Slapd> {
  const suffix = options.suffix ?? 'dc=corp,dc=example';
  const rootPassword = options.rootPassword ?? 'admin-secret';
  const rootDn = `cn=admin,${suffix}`;
  const directory = mkdtempSync(join(tmpdir(), 'tessera-slapd-'));
  const data = join(directory, 'data');
  mkdirSync(data);
  const config = join(directory, 'slapd.conf');
  writeFileSync(
    config,
    [
      'include /etc/ldap/schema/core.schema',
      'include /etc/ldap/schema/cosine.schema',
      'include /etc/ldap/schema/inetorgperson.schema',
      'include /etc/ldap/schema/nis.schema',
      `pidfile ${join(directory, 'slapd.pid')}`,
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      'sizelimit unlimited',
      'database mdb',
      `suffix "${suffix}"`,
      `rootdn "${rootDn}"`,
      `rootpw ${rootPassword}`,
      `directory ${data}`,
      'maxsize 104857600',
      'index objectClass,uid,cn,member eq',
      'access to attrs=userPassword by self write by anonymous auth by * none',
      'access to * by users read by * none',
      '',
    ].join('\n'),
  );
  for (const file of options.ldif) await run(SLAPADD, ['-q', '-f', config, '-l', file]);
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    // -d 0: stay in the foreground (so the child is slapd itself) without debug output.
    child = spawn(SLAPD, ['-f', config, '-h', url, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`slapd exited (${child.exitCode}): ${stderr.trim()}`);
      try {
        await run('ldapsearch', ['-x', '-H', url, '-s', 'base', '-b', '', 'namingContexts']);
        return;
      } catch {
        await sleep(50);
      }
    }
    throw new Error(`slapd did not answer on ${url} within 10 s: ${stderr.trim()}`);
  };
  const pause = async (): Promise<void> => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  const asRoot = async <T>(work: (client: LdapClient) => Promise<T>): Promise<T> => {
    const client = new LdapClient({ url });
    await client.bind(rootDn, rootPassword);
    try {
      return await work(client);
    } finally {
      await client.unbind();
    }
  };
  return {
    url,
    port,
    suffix,
    rootDn,
    rootPassword,
    start,
    pause,
    asRoot,
    entry: (dn) =>
      asRoot(async (client) => {
        try {
          const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['*'] });
          return searchEntries[0] ?? null;
        } catch {
          return null;
        }
      }),
    async stop() {
      await pause();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
