import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The repository type-checks (`tsc --noEmit` over tsconfig.json: the server, the tests, the
 * benchmarks, the scripts and the packages). It runs as one of the suite's processes, beside the
 * other tests, so a type error fails `npm test` without the whole suite waiting for the compiler.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

test('the repository type-checks with tsc --noEmit', { timeout: 10 * 60_000 }, async () => {
  const child = spawn(process.execPath, [TSC, '--noEmit', '--pretty', 'false', '-p', root], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  assert.equal(
    code,
    0,
    `tsc reported ${errors.length} error(s):\n${(errors.length > 0 ? errors : [output]).slice(0, 30).join('\n')}`,
  );
});
