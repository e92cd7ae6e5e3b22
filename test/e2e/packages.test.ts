import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { withoutTesseraSettings } from '../support/environment.js';

/**
 * Tessera as its users get it: `npm pack` of the root package (the server and the `tessera`
 * command), `@tessera/gateway` and `@tessera/client`, installed from the tarballs into an empty
 * project, then used from plain JavaScript, from type-checked TypeScript, and from the command line
 * in a directory that is not the repository. The tarballs hold what `npm run build` wrote (`npm test`
 * builds first).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment without the caller's TESSERA_* settings, `node` on the PATH (for the bin's shebang). */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = withoutTesseraSettings();
  env.PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
  return { ...env, ...extra };
}

function run(file: string, args: readonly string[], cwd: string, extra: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd, env: environment(extra), timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function npm(args: readonly string[], cwd: string): Promise<Result> {
  return run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], cwd);
}

/** `npm pack` into `destination`; the tarballs' names and files. */
async function pack(args: readonly string[], destination: string): Promise<{ filename: string; files: string[] }[]> {
  const result = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', destination, ...args], root);
  assert.equal(result.code, 0, result.stderr);
  const packed = JSON.parse(result.stdout) as { filename: string; files: { path: string }[] }[];
  return packed.map(({ filename, files }) => ({
    filename: join(destination, filename),
    files: files.map((f) => f.path),
  }));
}

const DOCUMENT = `
kind: tessera/document
organizations:
  - name: acme
    projects:
      - name: engineering
users:
  - { username: alice, email: alice@example.com }
  - { username: bob }
groups:
  - { organization: acme, name: Engineering, members: [alice], roles: [Developer] }
`;

/** Plain JavaScript: the client signs in and the gateway asks Tessera, both as installed. */
const CONSUMER_MJS = `
import assert from 'node:assert/strict';
import { createTesseraClient } from '@tessera/client';
import { bearerToken, createPermissionChecker, createVerifier, tesseraExpress, tesseraFastify, TokenError } from '@tessera/gateway';

const [url, password] = process.argv.slice(2);
assert.equal(bearerToken('Bearer abc'), 'abc');
assert.equal(typeof tesseraExpress({ issuer: url }).requireScopes, 'function');
assert.equal(typeof tesseraFastify({ issuer: url }).requireScopes, 'function');

const session = await createTesseraClient({ baseUrl: url }).POST('/v1/session', {
  body: { username: 'admin', password, mode: 'token' },
});
assert.equal(session.response.status, 200, JSON.stringify(session.error));
const token = session.data.token;
const client = createTesseraClient({ baseUrl: url, token: () => token });
const organizations = await client.GET('/v1/organizations');
const checker = createPermissionChecker({ tesseraUrl: url, serviceToken: token, cacheMs: 0 });
const project = { type: 'project', id: 'acme/engineering' };
let refused = false;
try {
  await createVerifier({ issuer: url }).verify('not-a-token');
} catch (error) {
  refused = error instanceof TokenError;
}
console.log(JSON.stringify({
  home: organizations.data.items.some((o) => o.name === 'default'),
  alice: await checker.allowed('alice', 'project:edit', project),
  bob: await checker.allowed('bob', 'project:edit', project),
  refused,
}));
`;

/**
 * TypeScript: the packages' declarations type the calls, and wrong ones do not compile (were the
 * types `any`, the unused `@ts-expect-error` lines would be errors themselves).
 */
const CONSUMER_TS = `
import { createTesseraClient, type TesseraClient, type TesseraProblem } from '@tessera/client';
import { createVerifier, type GatewayOptions, type TesseraAuth, tesseraExpress, tesseraFastify } from '@tessera/gateway';

const client: TesseraClient = createTesseraClient({ baseUrl: 'http://127.0.0.1:8080', token: async () => 'token' });

export async function mayEdit(user: string): Promise<boolean> {
  const { data, error } = await client.POST('/v1/check', {
    body: { user, permission: 'project:edit', resource: { type: 'project', id: 'acme/engineering' } },
  });
  if (error !== undefined) throw new Error((error as TesseraProblem).detail);
  const allowed: boolean = data.allowed;
  return allowed;
}

// @ts-expect-error Tessera's API has no such path.
void client.GET('/v1/no-such-path');
// @ts-expect-error a check names a permission.
void client.POST('/v1/check', { body: { user: 'alice', resource: { type: 'project', id: 'acme' } } });

const options: GatewayOptions = { issuer: 'http://127.0.0.1:8080' };
export const preHandlers = [tesseraFastify(options).requireScopes('apim:api_create')];
export const middleware = [tesseraExpress(options).requirePermission('api:publish', (req) => ({ type: 'api', id: String(req.params.id) }))];
export const userOf = (auth: TesseraAuth): string => auth.user;
// @ts-expect-error a verifier needs the issuer.
createVerifier({});
`;

function waitFor(child: ChildProcess, pattern: RegExp, output: { text: string }): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within 60 s:\n${output.text}`)), 60_000);
    const check = (): void => {
      const match = pattern.exec(output.text);
      if (match === null) return;
      clearTimeout(timer);
      resolve(match);
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output.text}`));
    });
  });
}

describe('the packages, packed and installed into an empty project', { timeout: 15 * 60_000 }, () => {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-packages-'));
  const project = join(directory, 'project');
  const tarballs = join(directory, 'tarballs');
  let packed: { filename: string; files: string[] }[] = [];
  let server: ChildProcess | undefined;

  before(async () => {
    for (const built of ['dist/cli/main.js', 'packages/gateway/dist/index.js', 'packages/client/dist/index.js'])
      assert.ok(existsSync(join(root, built)), `${built} is missing: run \`npm run build\` first`);
    mkdirSync(project);
    mkdirSync(tarballs);
    packed = [
      ...(await pack([], tarballs)),
      ...(await pack(['-w', 'packages/gateway', '-w', 'packages/client'], tarballs)),
    ];
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // From npm's cache only, when it holds every package; else the cache first and the registry for the rest.
    // Install scripts are skipped: better-sqlite3 would compile SQLite for minutes; the repository's
    // build of the same version, for this same Node, is copied in instead.
    const install = [
      'install',
      '--ignore-scripts',
      ...packed.map((p) => p.filename),
      `@types/node@${manifest.devDependencies['@types/node']}`,
      `@types/express@${manifest.devDependencies['@types/express']}`,
    ];
    let installed = await npm([...install, '--offline'], project);
    if (installed.code !== 0 && /ENOTCACHED/.test(installed.stderr))
      installed = await npm([...install, '--prefer-offline'], project);
    assert.equal(installed.code, 0, `npm install failed:\n${installed.stderr}\n${installed.stdout}`);
    const sqlite = (base: string): string => join(base, 'node_modules/better-sqlite3');
    const version = (base: string): string =>
      (JSON.parse(readFileSync(join(sqlite(base), 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(version(project), version(root), 'the project installs the better-sqlite3 the repository built');
    mkdirSync(join(sqlite(project), 'build/Release'), { recursive: true });
    copyFileSync(
      join(sqlite(root), 'build/Release/better_sqlite3.node'),
      join(sqlite(project), 'build/Release/better_sqlite3.node'),
    );
  });

  after(async () => {
    if (server !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(directory, { recursive: true, force: true });
  });

  test('each tarball holds built JavaScript and declarations, no TypeScript sources', () => {
    const byName = new Map(packed.map((p) => [p.filename.replace(/^.*[/\\]/, ''), p.files]));
    const tessera = byName.get(`tessera-${manifest.version}.tgz`);
    const gateway = byName.get(`tessera-gateway-${manifest.version}.tgz`);
    const client = byName.get(`tessera-client-${manifest.version}.tgz`);
    assert.ok(tessera !== undefined && gateway !== undefined && client !== undefined, [...byName.keys()].join(', '));
    for (const file of ['bin/tessera.js', 'dist/cli/main.js', 'dist/server/app.js', 'presets/choreo.yaml'])
      assert.ok(tessera.includes(file), `tessera has ${file}`);
    assert.ok(tessera.includes('console/dist/index.html'), 'tessera has the built console');
    assert.ok(
      tessera.some((f) => f.startsWith('schema/')),
      'tessera has the document schemas',
    );
    for (const file of ['dist/index.js', 'dist/index.d.ts']) {
      assert.ok(gateway.includes(file), `gateway has ${file}`);
      assert.ok(client.includes(file), `client has ${file}`);
    }
    assert.ok(client.includes('dist/schema.d.ts'), "the client's declarations have the API's types");
    for (const files of [tessera, gateway, client]) {
      assert.deepEqual(
        files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')),
        [],
        'no TypeScript sources',
      );
      assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('src/')));
    }
  });

  test('the installed tessera command works from an empty directory against a SQLite file', async () => {
    const tessera = join(project, 'node_modules/.bin/tessera');
    const database = join(directory, 'data', 'tessera.db');
    const help = await run(tessera, ['--help'], project);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^Usage: tessera /);
    const version = await run(tessera, ['--version'], project);
    assert.equal(version.stdout.trim(), manifest.version);

    const init = await run(tessera, ['init', '--database', database], project, {
      TESSERA_ADMIN_PASSWORD: 'admin-secret-1',
    });
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /preset: +choreo/);
    writeFileSync(join(project, 'acme.yaml'), DOCUMENT);
    const apply = await run(tessera, ['apply', 'acme.yaml', '--database', database], project);
    assert.equal(apply.code, 0, apply.stderr);
    const yes = await run(
      tessera,
      ['check', 'alice', 'project:edit', 'project/acme/engineering', '-d', database],
      project,
    );
    assert.deepEqual([yes.code, yes.stdout], [0, 'yes\n'], yes.stderr);
    const no = await run(
      tessera,
      ['check', 'bob', 'project:edit', 'project/acme/engineering', '-d', database],
      project,
    );
    assert.deepEqual([no.code, no.stdout], [1, 'no\n'], no.stderr);
    const missing = await run(
      tessera,
      ['check', 'alice', 'project:edit', 'organization/acme', '-d', join(directory, 'typo.db')],
      project,
    );
    assert.equal(missing.code, 2, 'an error exits 2, "no" exits 1');
    assert.match(missing.stderr, /^tessera: no Tessera database at .*typo\.db/);
  });

  test('the installed server serves its console; the packages work from JavaScript against it', async () => {
    const database = join(directory, 'data', 'tessera.db');
    const output = { text: '' };
    server = spawn(
      join(project, 'node_modules/.bin/tessera'),
      ['serve', '--port', '0', '--log-level', 'silent', '--database', database],
      { cwd: project, env: environment(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stdout!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    const [, url] = await waitFor(server, /listening on (http:\/\/\S+)[\s\S]*Press Ctrl\+C/, output);
    assert.match(output.text, new RegExp(`Tessera ${manifest.version.replaceAll('.', '\\.')} is listening`));
    assert.match(output.text, /Preset: +choreo/);
    assert.doesNotMatch(output.text, /not built/);
    const page = await fetch(`${url}/console/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root">/);

    writeFileSync(join(project, 'consumer.mjs'), CONSUMER_MJS);
    const consumer = await run(process.execPath, ['consumer.mjs', url!, 'admin-secret-1'], project);
    assert.equal(consumer.code, 0, consumer.stderr);
    assert.deepEqual(JSON.parse(consumer.stdout), {
      home: true,
      alice: true,
      bob: false,
      refused: true,
    });
  });

  test("the packages type-check from TypeScript with the repository's tsc", async () => {
    writeFileSync(join(project, 'consumer.ts'), CONSUMER_TS);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const checked = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
  });
});
