import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CliResult, runTessera } from '../support/tessera-cli.js';

describe('tessera: presets, check exit codes and apply --prune', () => {
  let directory: string;
  let database: string;

  const run = (args: readonly string[], extra: Record<string, string> = {}): Promise<CliResult> =>
    runTessera(args, { cwd: directory, env: { TESSERA_DATABASE: database, ...extra } });

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'tessera-sync-'));
    database = join(directory, 'tessera.db');
    const init = await run(['init', '--preset', 'choreo'], { TESSERA_ADMIN_PASSWORD: 'admin-secret-1' });
    assert.equal(init.code, 0, init.stderr);
    writeFileSync(
      join(directory, 'seed.yaml'),
      `
organizations:
  - name: acme
    projects: [{ name: engineering }, { name: legacy }]
users: [{ username: alice }, { username: bob }]
groups:
  - { organization: acme, name: Engineering, members: [alice], roles: [Developer] }
`,
    );
    const seeded = await run(['apply', 'seed.yaml']);
    assert.equal(seeded.code, 0, seeded.stderr);
  });
  after(() => rmSync(directory, { recursive: true, force: true }));

  test("a --preset that differs from the database's is refused with one line; the same one is accepted", async () => {
    const refused = await run(['init', '--preset', 'akana']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^tessera: the database holds the "choreo" preset, not "akana"/);
    assert.equal(refused.stderr.trim().split('\n').length, 1);
    const fromEnvironment = await run(['init'], { TESSERA_PRESET: 'wso2-apim' });
    assert.equal(fromEnvironment.code, 1);
    assert.match(fromEnvironment.stderr, /holds the "choreo" preset, not "wso2-apim"/);
    const same = await run(['init', '--preset', 'choreo']);
    assert.equal(same.code, 0, same.stderr);
    const none = await run(['init']);
    assert.equal(none.code, 0, none.stderr);
  });

  test("serve refuses a --preset that differs from the database's before it listens", async () => {
    const refused = await run(['serve', '--preset', 'akana', '--port', '0']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^tessera: the database holds the "choreo" preset, not "akana"/);
  });

  test('check exits 0 for yes, 1 for no and 2 for an error', async () => {
    const yes = await run(['check', 'alice', 'project:edit', 'project/acme/engineering']);
    assert.deepEqual([yes.code, yes.stdout], [0, 'yes\n'], yes.stderr);
    const no = await run(['check', 'bob', 'project:edit', 'project/acme/engineering']);
    assert.deepEqual([no.code, no.stdout], [1, 'no\n'], no.stderr);
    const unknown = await run(['check', 'alice', 'project:edti', 'project/acme/engineering']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /^tessera: permission "project:edti" is not in the permission tree\n$/);
    const malformed = await run(['check', 'alice', 'project:edit', 'engineering']);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /^tessera: "engineering" is not a target/);
    const usage = await run(['check', 'alice']);
    assert.equal(usage.code, 2, usage.stderr);
  });

  test('apply --prune --dry-run lists what would be deleted; apply --prune deletes it', async () => {
    writeFileSync(
      join(directory, 'truth.yaml'),
      `
organizations:
  - name: acme
    projects: [{ name: engineering }]
groups:
  - { organization: acme, name: Engineering, members: [alice], roles: [Developer] }
`,
    );
    const dry = await run(['apply', 'truth.yaml', '--prune', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /1 would be deleted/);
    assert.match(dry.stdout, /^ {2}- project "acme\/legacy"$/m);
    const applied = await run(['apply', 'truth.yaml', '--prune']);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, /1 deleted/);
    const gone = await run(['check', 'alice', 'project:edit', 'project/acme/legacy']);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /unknown project/);
  });
});
