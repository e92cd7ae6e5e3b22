import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The repository holds everything its tests use: a clone into an empty directory runs the tests
 * that read reference fixtures, and no tracked file names a path outside the repository.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: here, encoding: 'utf8' }).trim();

// Built from parts so that this file does not match its own patterns.
const UP = `..${'/'}`;
const SIBLING = /(?:\.\.\/)+shared\b|\bshared\/(?:seeds|reference)\b/;
/** A quoted string literal starting with `../`. */
const RELATIVE_LITERAL = /(['"`])((?:\.\.\/)+[^'"`\s]*|\.\.)\1/g;
const CODE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;

/**
 * Where `content` (the text of the tracked file `file`, a path relative to the repository root)
 * names a path outside the repository: a sibling checkout (a `shared` directory beside the root), or, in
 * code, a relative path literal that climbs above the root from the file's own directory.
 */
export function escapes(file: string, content: string): string[] {
  const found: string[] = [];
  const lines = content.split('\n');
  lines.forEach((line, index) => {
    const at = `${file}:${index + 1}`;
    if (SIBLING.test(line)) {
      found.push(`${at}: ${line.trim()}`);
      return;
    }
    if (!CODE.test(file)) return;
    for (const [, , literal] of line.matchAll(RELATIVE_LITERAL)) {
      const resolved = posix.normalize(posix.join(posix.dirname(file), literal!));
      if (resolved === '..' || resolved.startsWith(UP)) found.push(`${at}: ${literal} leaves the repository`);
    }
  });
  return found;
}

/** The test files that read the reference fixtures, plus every test of the documents and the presets. */
function fixtureTests(): string[] {
  const files = execFileSync('git', ['ls-files', 'test/*/*.test.ts'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  return files.filter(
    (file) =>
      file.startsWith('test/document/') ||
      file.startsWith('test/presets/') ||
      /from '\.\.\/fixtures\//.test(readFileSync(join(root, file), 'utf8')),
  );
}

/** The test step of `npm test` (the README's test command), for the given files instead of every file. */
function testStep(files: string[]): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.match(readme, /&& npm test\b/, 'the README tests with npm test');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { test: string } };
  const step = manifest.scripts.test
    .split('&&')
    .map((part) => part.trim())
    .find((part) => part.includes('--test') || part.includes('scripts/run-tests.mjs'));
  assert.ok(step !== undefined, 'npm test has a step that runs the tests with node');
  const words = step.split(/\s+/);
  assert.equal(words[0], 'node');
  return [...words.slice(1).filter((word) => !word.includes('*')), ...files];
}

describe('the repository is self-contained', () => {
  test('no tracked file names a path outside the repository', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
    assert.ok(files.length > 100, 'git ls-files lists the repository');
    const found: string[] = [];
    for (const file of files) {
      let content: string;
      try {
        content = readFileSync(join(root, file), 'utf8');
      } catch {
        continue; // deleted in the working tree
      }
      if (content.includes('\0')) continue; // binary
      found.push(...escapes(file, content));
    }
    assert.deepEqual(found, [], `paths outside the repository:\n${found.join('\n')}`);
  });

  test('the guard finds a sibling checkout and a relative path climbing above the root, and nothing else', () => {
    const sibling = `${UP}${UP}${UP}${'shared'}/reference/x.json`;
    assert.equal(escapes('test/presets/a.test.ts', `readFileSync(new URL('${sibling}', import.meta.url))`).length, 1);
    assert.equal(escapes('README.md', `see ${'shared'}/seeds/000.txt`).length, 1);
    assert.deepEqual(escapes('test/a/b.test.ts', `join(here, '${UP}${UP}${UP}data')`), [
      `test/a/b.test.ts:1: ${UP}${UP}${UP}data leaves the repository`,
    ]);
    assert.equal(escapes('src/cli/program.ts', `new URL("${UP}${UP}${UP}package.json", import.meta.url)`).length, 1);
    assert.deepEqual(escapes('src/cli/program.ts', `new URL('${UP}${UP}package.json', import.meta.url)`), []);
    assert.deepEqual(escapes('test/e2e/x.test.ts', `join(here, '${UP}..')`), []);
    assert.deepEqual(escapes('test/presets/a.test.ts', `import { x } from '${UP}${UP}src/presets/index.js';`), []);
    assert.deepEqual(escapes('notes.md', `'${UP}${UP}elsewhere'`), [], 'prose may say anything but a sibling checkout');
  });

  test("what npm start and the README's tour leave in the checkout is ignored by git", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.match(readme, /--output acme\.yaml/);
    const leftovers = ['acme.yaml', 'tessera-data/tessera.db', 'tessera-data/tessera.db-wal', 'test-results/x.png'];
    const ignored = execFileSync('git', ['check-ignore', '--no-index', ...leftovers], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    assert.deepEqual(ignored, leftovers);
  });

  describe('a fresh clone into an empty directory', { timeout: 5 * 60_000 }, () => {
    const directory = mkdtempSync(join(tmpdir(), 'tessera-clone-'));
    const clone = join(directory, 'tessera');
    after(() => rmSync(directory, { recursive: true, force: true }));

    test('runs the tests that read the reference fixtures, and they pass', async () => {
      const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
      execFileSync('git', ['clone', '--quiet', '--no-local', '--no-checkout', root, clone], { stdio: 'pipe' });
      execFileSync('git', ['checkout', '--quiet', '--detach', head], { cwd: clone, stdio: 'pipe' });
      assert.deepEqual(readdirSync(directory), ['tessera'], 'nothing beside the clone');
      assert.deepEqual(
        readdirSync(clone)
          .filter((name) => name !== '.git')
          .sort(),
        execFileSync('git', ['ls-tree', '--name-only', 'HEAD'], { cwd: root, encoding: 'utf8' })
          .split('\n')
          .filter(Boolean)
          .sort(),
        'the clone holds the committed tree',
      );

      // The installed dependencies, hard-linked (a new `npm ci` would take minutes).
      try {
        execFileSync('cp', ['-al', join(root, 'node_modules'), join(clone, 'node_modules')], { stdio: 'pipe' });
      } catch {
        rmSync(join(clone, 'node_modules'), { recursive: true, force: true });
        symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
      }

      const files = fixtureTests();
      for (const expected of [
        'test/presets/presets.test.ts',
        'test/document/tenant-conf.test.ts',
        'test/server/tenant-conf.test.ts',
      ])
        assert.ok(files.includes(expected), expected);

      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.NODE_TEST_CONTEXT; // the child is a test run of its own, not a part of this one
      delete env.TESSERA_TEST_TIMELINE;
      const child = spawn(process.execPath, testStep(files), { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 0, `the tests failed in ${relative(tmpdir(), clone)}:\n${output.slice(-4000)}`);
      assert.match(output, /^# fail 0$/m);
      assert.doesNotMatch(output, /^# pass 0$/m);
    });
  });
});
