import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * `npm run build` (scripts/build.mjs) on a stand-in project whose three build scripts only log that
 * they ran: a part is rebuilt when one of its inputs changed or its output is missing, and only then.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

function logBuild(part: string, outputs: string[]): string {
  const make = outputs.map((output) => `fs.mkdirSync('${output}', { recursive: true });`).join(' ');
  return `node -e "const fs = require('node:fs'); ${make} fs.appendFileSync('built.log', '${part} ')"`;
}

describe('npm run build', () => {
  const project = mkdtempSync(join(tmpdir(), 'tessera-build-'));
  const build = (...args: string[]): string[] => {
    rmSync(join(project, 'built.log'), { force: true });
    execFileSync('node', [join(project, 'scripts/build.mjs'), ...args], { cwd: project, stdio: 'ignore' });
    try {
      return readFileSync(join(project, 'built.log'), 'utf8').trim().split(' ');
    } catch {
      return [];
    }
  };

  before(() => {
    const write = (file: string, text: string): void => {
      mkdirSync(dirname(join(project, file)), { recursive: true });
      writeFileSync(join(project, file), text);
    };
    mkdirSync(join(project, 'scripts'));
    copyFileSync(join(root, 'scripts/build.mjs'), join(project, 'scripts/build.mjs'));
    write(
      'package.json',
      JSON.stringify({
        name: 'stand-in',
        private: true,
        scripts: {
          'build:server': logBuild('server', ['dist']),
          'build:console': logBuild('console', ['console/dist']),
          'build:packages': logBuild('packages', ['packages/gateway/dist', 'packages/client/dist']),
        },
      }),
    );
    write('package-lock.json', '{}');
    write('tsconfig.json', '{}');
    write('src/index.ts', 'export const a = 1;\n');
    write('console/src/main.tsx', 'export {};\n');
    write('packages/client/src/index.ts', 'export {};\n');
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  test('builds every part the first time, then none while nothing changed', () => {
    assert.deepEqual(build(), ['server', 'console', 'packages']);
    assert.deepEqual(build(), []);
  });

  test('rebuilds only the part whose sources changed', () => {
    writeFileSync(join(project, 'console/src/main.tsx'), 'export const changed = true;\n');
    assert.deepEqual(build(), ['console']);
    assert.deepEqual(build(), []);
  });

  test('rebuilds a part whose output is missing', () => {
    rmSync(join(project, 'packages/gateway/dist'), { recursive: true });
    assert.deepEqual(build(), ['packages']);
  });

  test('parts named on the command line are the only ones built; an unknown name builds nothing', () => {
    writeFileSync(join(project, 'src/index.ts'), 'export const a = 2;\n');
    writeFileSync(join(project, 'packages/client/src/index.ts'), 'export const b = 2;\n');
    assert.deepEqual(build('server', 'console'), ['server']);
    assert.throws(() => build('server', 'nonsense'));
    assert.deepEqual(build(), ['packages']);
  });

  test('a changed lockfile rebuilds every part, and --force rebuilds without a change', () => {
    writeFileSync(join(project, 'package-lock.json'), '{"lockfileVersion": 3}');
    assert.deepEqual(build(), ['server', 'console', 'packages']);
    assert.deepEqual(build('--force'), ['server', 'console', 'packages']);
  });
});
