import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';
import { CLI_DEFAULTS, USER_STATUS_CHOICES } from '../../src/cli/defaults.js';
import { USER_STATUSES } from '../../src/core/model.js';
import { PRESETS } from '../../src/presets/index.js';
import { DEFAULT_SETTINGS } from '../../src/server/config.js';
import { verifyPassword } from '../../src/server/passwords.js';
import { createSqliteStore } from '../../src/store/index.js';
import { withoutTesseraSettings } from '../support/environment.js';
import { type CliResult, TESSERA_BIN, runTessera, serveBanner } from '../support/tessera-cli.js';

const DOCUMENT = `
kind: tessera/document
organizations:
  - name: acme
    projects:
      - name: engineering
        resources:
          - { type: api, name: pizza-shack }
users:
  - { username: alice, email: alice@example.com }
  - { username: bob }
groups:
  - { organization: acme, name: Engineering, members: [alice], roles: [Developer] }
`;

const INVALID = `
organizations:
  - { name: acme, colour: red }
groups:
  - { organization: nowhere, name: G }
`;

const POLICY_TESTS = `
kind: tessera/policy-tests
fixture:
  preset: choreo
  organizations:
    - name: acme
      projects: [{ name: engineering }]
  users: [{ username: alice }, { username: bob }]
  groups:
    - { organization: acme, name: Engineering, members: [alice], roles: [Developer] }
expectations:
  - { user: alice, may: project:edit, on: project/acme/engineering }
  - { user: bob, mayNot: project:edit, on: project/acme/engineering }
`;

const FAILING_POLICY_TESTS =
  POLICY_TESTS.replace('user: bob, mayNot:', 'user: bob, may:') +
  '  - { user: alice, may: project:view, on: project/acme/engineering }\n';

/** Every command's help text, from the program itself (one process for all of them would be the same). */
function everyCommand(command: Command, path: string[] = []): [string[], Command][] {
  return command.commands.flatMap((sub) => [
    [[...path, sub.name()], sub] as [string[], Command],
    ...everyCommand(sub, [...path, sub.name()]),
  ]);
}

describe('the tessera command', () => {
  let directory: string;
  let database: string;
  let env: NodeJS.ProcessEnv;

  const run = (args: readonly string[], options: { input?: string } = {}): Promise<CliResult> =>
    runTessera(args, { cwd: directory, env: { TESSERA_DATABASE: database }, input: options.input });

  const file = (name: string, text: string): string => {
    const path = join(directory, name);
    writeFileSync(path, text);
    return path;
  };

  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
    database = join(directory, 'data', 'tessera.db');
    env = withoutTesseraSettings({ TESSERA_DATABASE: database });
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  test('every command and option has help text, and the help defaults are the server defaults', () => {
    const program = buildProgram();
    const commands = everyCommand(program);
    const names = commands.map(([path]) => path.join(' '));
    for (const name of [
      'serve',
      'init',
      'apply',
      'export',
      'test',
      'check',
      'explain',
      'audit',
      'user list',
      'user create',
      'user disable',
      'user enable',
      'user delete',
      'group list',
      'group create',
      'group add-member',
      'group remove-member',
      'role list',
      'role show',
    ]) {
      assert.ok(names.includes(name), `tessera ${name} exists`);
    }
    for (const [path, command] of commands) {
      assert.notEqual(command.description(), '', `tessera ${path.join(' ')} is described`);
      for (const option of command.options)
        assert.notEqual(option.description, '', `tessera ${path.join(' ')} ${option.flags} is described`);
      for (const argument of command.registeredArguments)
        assert.notEqual(argument.description, '', `tessera ${path.join(' ')} <${argument.name()}> is described`);
      assert.match(command.helpInformation(), /^Usage: tessera /);
    }
    assert.deepEqual(
      {
        database: CLI_DEFAULTS.database,
        preset: CLI_DEFAULTS.preset,
        host: CLI_DEFAULTS.host,
        port: CLI_DEFAULTS.port,
        organization: CLI_DEFAULTS.organization,
        adminUsername: CLI_DEFAULTS.adminUsername,
        logLevel: CLI_DEFAULTS.logLevel,
      },
      {
        database: DEFAULT_SETTINGS.database,
        preset: DEFAULT_SETTINGS.preset,
        host: DEFAULT_SETTINGS.host,
        port: DEFAULT_SETTINGS.port,
        organization: DEFAULT_SETTINGS.organization,
        adminUsername: DEFAULT_SETTINGS.adminUsername,
        logLevel: DEFAULT_SETTINGS.logLevel,
      },
    );
    assert.deepEqual([...CLI_DEFAULTS.presets], [...PRESETS]);
    assert.deepEqual([...USER_STATUS_CHOICES], [...USER_STATUSES]);
  });

  test('--help lists the commands and --version prints the version', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    for (const name of [
      'serve',
      'init',
      'apply',
      'export',
      'test',
      'check',
      'explain',
      'user',
      'group',
      'role',
      'audit',
    ])
      assert.match(help.stdout, new RegExp(`\\n  ${name} `));
    const version = await run(['--version']);
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    assert.equal(version.stdout.trim(), manifest.version);
  });

  test('init bootstraps the database and shows the generated admin password once', async () => {
    const first = await run(['init']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /home organization: default/);
    const password = /password: (\S+)/.exec(first.stdout)?.[1];
    assert.ok(password !== undefined, 'the generated password is printed');
    assert.match(first.stdout, /not shown again/);

    const second = await run(['init', '--database', database]);
    assert.equal(second.code, 0);
    assert.match(second.stdout, /already initialised/);
    assert.doesNotMatch(second.stdout, /password/);

    const store = await createSqliteStore({ database });
    try {
      const admin = store.engine.user('admin')!;
      const account = await store.database
        .selectFrom('accounts')
        .select('password_hash')
        .where('user_id', '=', admin.id)
        .executeTakeFirstOrThrow();
      assert.ok(await verifyPassword(password, account.password_hash), 'the printed password signs the admin in');
    } finally {
      await store.close();
    }
  });

  test('apply creates what a document describes; its export re-applies with nothing changed', async () => {
    const applied = await run(['apply', file('acme.yaml', DOCUMENT)]);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, /^\d+ created, 0 changed, \d+ unchanged$/m);
    assert.match(applied.stdout, /^ {2}\+ organization "acme"$/m);
    assert.match(applied.stdout, /^ {2}\+ member "PRIMARY\/alice" of group "Engineering"$/m);
    assert.match(applied.stdout, /^revision \d+$/m);

    const exported = await run(['export', '--output', join(directory, 'state.json')]);
    assert.equal(exported.code, 0, exported.stderr);
    const document = JSON.parse(readFileSync(join(directory, 'state.json'), 'utf8')) as {
      kind: string;
      organizations: { name: string }[];
    };
    assert.equal(document.kind, 'tessera/document');
    assert.ok(document.organizations.some((o) => o.name === 'acme'));

    const again = await run(['apply', 'state.json']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^0 created, 0 changed, \d+ unchanged$/m);
  });

  test('an invalid document is refused with each error and its path, and exit code 1', async () => {
    const result = await run(['apply', file('invalid.yaml', INVALID)]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^tessera: .*invalid\.yaml is not a valid document/);
    assert.match(result.stderr, /organizations\[0\]\.colour: unknown field "colour"/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(result.stdout, '');
  });

  test('test runs policy tests: all met exits 0, an unmet expectation is named with its explanation and exits non-zero', async () => {
    const passing = await run(['test', file('tests.yaml', POLICY_TESTS)]);
    assert.equal(passing.code, 0, passing.stdout + passing.stderr);
    assert.match(passing.stdout, /✓ alice may project:edit on project\/acme\/engineering/);
    assert.match(passing.stdout, /✓ bob may not project:edit on project\/acme\/engineering/);
    assert.match(passing.stdout, /2 passed, 0 failed/);

    const failing = await run(['test', file('failing.yaml', FAILING_POLICY_TESTS)]);
    assert.notEqual(failing.code, 0);
    assert.match(failing.stdout, /✗ bob may project:edit on project\/acme\/engineering/);
    assert.match(failing.stdout, /no role mapping grants "project:edit"/);
    assert.match(failing.stdout, /1 passed, 1 failed, 1 not run/, 'it stops at the first unmet expectation');
  });

  test('check answers yes with exit 0 and no with exit 1, like kubectl auth can-i', async () => {
    const yes = await run(['check', 'alice', 'project:edit', 'project/acme/engineering']);
    assert.deepEqual([yes.code, yes.stdout], [0, 'yes\n']);
    const no = await run(['check', 'bob', 'project:edit', 'project/acme/engineering', '--explain']);
    assert.equal(no.code, 1);
    assert.match(no.stdout, /^no\n/);
    assert.match(no.stdout, /reason: no role mapping grants "project:edit" on this project or above it/);
    const guest = await run(['check', '-', 'project:view', 'organization/acme']);
    assert.deepEqual([guest.code, guest.stdout], [1, 'no\n']);
  });

  test('explain names the mapping, the group it comes through and the permission-tree node', async () => {
    const result = await run(['explain', 'alice', 'component:deploy', 'api/acme/engineering/api/pizza-shack']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^yes: PRIMARY\/alice may component:deploy on api acme\/engineering\/api\/pizza-shack$/m,
    );
    assert.match(
      result.stdout,
      /role "Developer" mapped to group "Engineering" of organization acme at organization acme/,
    );
    assert.match(result.stdout, /through membership of group "Engineering"/);
    assert.match(result.stdout, /permission-tree node "component" covers "component:deploy"/);
  });

  test('user create stores the password from stdin; disable works, but not for the last admin', async () => {
    const created = await run(['user', 'create', 'carol', '--email', 'carol@example.com', '--password-stdin'], {
      input: 'correct horse battery\n',
    });
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /created user PRIMARY\/carol/);

    const disabled = await run(['user', 'disable', 'carol']);
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.match(disabled.stdout, /disabled user PRIMARY\/carol/);

    const lockout = await run(['user', 'disable', 'admin']);
    assert.equal(lockout.code, 1);
    assert.equal(
      lockout.stderr,
      'tessera: this would leave organization "default" without an active "Admin" (LAST_ADMIN)\n',
    );

    const store = await createSqliteStore({ database });
    try {
      const carol = store.engine.user('carol')!;
      assert.deepEqual([carol.email, carol.status], ['carol@example.com', 'disabled']);
      assert.equal(store.engine.user('admin')!.status, 'active');
      const account = await store.database
        .selectFrom('accounts')
        .select('password_hash')
        .where('user_id', '=', carol.id)
        .executeTakeFirstOrThrow();
      assert.ok(
        await verifyPassword('correct horse battery', account.password_hash),
        'the final line break is not part of the password',
      );
    } finally {
      await store.close();
    }
  });

  test("audit lists the CLI's writes under the operating-system user", async () => {
    const result = await run(['audit', '--actor', `cli:${userInfo().username}`]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.match(lines[0]!, /^TIME\s+ACTOR\s+ACTION\s+TARGET\s+REVISION$/);
    assert.deepEqual(
      lines.slice(1).map((line) => line.split(/\s+/)[2]),
      ['user.disable', 'user.create', 'document.apply'],
      'newest first; the refused disable and the no-op apply wrote nothing',
    );
  });

  test('an error is one line starting with "tessera:" and no stack trace', async () => {
    const result = await run(['apply', 'no-such-file.yaml']);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'tessera: no-such-file.yaml: no such file\n');
    const unknown = await run(['group', 'add-member', 'acme/Nobody', 'alice']);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'tessera: group "acme/Nobody" does not exist\n');
    const missing = await run(['user', 'list', '--database', 'typo.db']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'tessera: no Tessera database at typo.db: create one with `tessera init`\n');
    assert.equal(existsSync(join(directory, 'typo.db')), false, 'a mistyped path creates no database');
  });

  test('serve listens, prints its URLs and how to sign in, and stops cleanly on SIGTERM', async () => {
    const child: ChildProcess = spawn(
      process.execPath,
      [TESSERA_BIN, 'serve', '--port', '0', '--log-level', 'silent'],
      {
        cwd: directory,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const banner = serveBanner(child, 30_000);
    const stdout = banner.stdout;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await banner.url;
      assert.match(stdout(), new RegExp(`Docs: +${url}/docs`));
      assert.match(stdout(), new RegExp(`Console: +${url}/console`));
      assert.match(stdout(), /Sign in as an existing user/, 'an initialised database shows no password');
      const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      };
      assert.match(stdout(), new RegExp(`^Tessera ${manifest.version.replaceAll('.', '\\.')} is listening on `, 'm'));
      assert.match(stdout(), new RegExp(`API: +${url}/v1`));
      assert.ok(stdout().includes(`Database: SQLite ${database}\n`), stdout());
      assert.match(stdout(), /Preset: +choreo\n/, 'the preset the first start loaded');
      const health = await fetch(`${url}/healthz`);
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { status: string }).status, 'ok');
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, stderr);
    assert.match(stdout(), /Stopped\./);
  });
});
