import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client, type Response } from '../server/harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where a build of the CLI may be; the first that exists is run instead of the TypeScript sources. */
const COMPILED = ['dist/src/cli/main.js', 'dist/cli/main.js'];

/** How to run `tessera`: the compiled CLI when `dist/` holds one, else the sources through tsx. */
export function tesseraCommand(): { readonly args: readonly string[]; readonly compiled: boolean } {
  const compiled = COMPILED.map((path) => ROOT + path).find((path) => existsSync(path));
  if (compiled !== undefined) return { args: [compiled], compiled: true };
  return { args: ['--import', 'tsx', `${ROOT}src/cli/main.ts`], compiled: false };
}

/** A `tessera serve` child process. */
export interface ServeChild {
  readonly process: ChildProcess;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Resolves when the process has ended and its output was read. */
  readonly exited: Promise<void>;
  /** What it wrote to standard error so far. */
  stderr(): string;
  /** SIGKILL, then waits for the end. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop), then waits for the end. */
  stop(): Promise<void>;
}

export const ADMIN_USERNAME = 'admin';
export const ORGANIZATION = 'reliability';

/** Starts `tessera serve --database <database>` on a free port; resolves once it listens. */
export async function startServeChild(database: string, adminPassword: string): Promise<ServeChild> {
  const { args } = tesseraCommand();
  const child = spawn(
    process.execPath,
    [...args, 'serve', '--database', database, '--port', '0', '--organization', ORGANIZATION, '--log-level', 'error'],
    {
      cwd: ROOT,
      env: { ...process.env, TESSERA_ADMIN_PASSWORD: adminPassword, TESSERA_ADMIN_USERNAME: ADMIN_USERNAME },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tessera serve did not listen within 60 s:\n${stderr}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Tessera (?:\S+ )?is listening on (\S+)/.exec(line);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`tessera serve exited (${child.exitCode}, ${child.signalCode}) before listening:\n${stderr}`));
    });
  });
  return {
    process: child,
    url,
    exited,
    stderr: () => stderr,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Signs in as the admin; the bearer token is stored, so it outlives the process that issued it. */
export async function signInAdmin(url: string, adminPassword: string): Promise<Client> {
  const response = await new Client(url, null).post('/v1/session', {
    username: ADMIN_USERNAME,
    password: adminPassword,
    mode: 'token',
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return new Client(url, response.body.token as string);
}

interface GroupView {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly unknown[];
}

/** Every group of the organization whose name starts with `prefix`, by name, paging through the list. */
export async function groupsNamed(client: Client, prefix: string): Promise<Map<string, GroupView>> {
  const found = new Map<string, GroupView>();
  let after: string | null = null;
  do {
    const query: string = `name=${encodeURIComponent(prefix)}&limit=500${after === null ? '' : `&after=${encodeURIComponent(after)}`}`;
    const response: Response = await client.get(`/v1/organizations/${ORGANIZATION}/groups?${query}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    for (const group of response.body.items as GroupView[])
      if (group.name.startsWith(prefix)) found.set(group.name, group);
    after = response.body.next as string | null;
  } while (after !== null);
  return found;
}

/** The targets of every audit entry with `action`, paging through the whole log. */
export async function auditTargets(client: Client, action: string): Promise<Set<string>> {
  const targets = new Set<string>();
  let before: number | null = null;
  do {
    const response: Response = await client.get(`/v1/audit?limit=500${before === null ? '' : `&before=${before}`}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    for (const entry of response.body.items as { action: string; target: string | null }[])
      if (entry.action === action && entry.target !== null) targets.add(entry.target);
    before = response.body.next as number | null;
  } while (before !== null);
  return targets;
}

/** A group with one role mapping, created in one batch: a partial write would leave it without its role. */
export function createGroup(client: Client, name: string) {
  return client.post(`/v1/organizations/${ORGANIZATION}/groups`, { name, roles: [{ role: 'Developer' }] });
}
