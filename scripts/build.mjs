// `npm run build`: the server (src → dist), the console (console/dist) and the two packages, each
// rebuilt only when its inputs changed since its last build or its output is missing. The SHA-256 of
// the inputs each part was last built from is kept in node_modules/.cache (a fresh `npm ci` starts
// clean; the output directories stay exactly what the compilers wrote). `--force` rebuilds everything.
// A part's inputs are its sources, its configuration and the lockfile. Parts named on the command
// line (`server console`, what `npm start` serves) are the only ones built.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PARTS = [
  {
    name: 'server',
    script: 'build:server',
    inputs: ['src', 'scripts/compile-server.mjs', 'scripts/bundle-server.mjs', 'tsconfig.json', 'package.json'],
    outputs: ['dist'],
  },
  {
    name: 'console',
    script: 'build:console',
    inputs: [
      'console/src',
      'console/index.html',
      'console/vite.config.ts',
      'console/tsconfig.json',
      'console/package.json',
    ],
    outputs: ['console/dist'],
  },
  {
    name: 'packages',
    script: 'build:packages',
    inputs: ['packages/gateway/src', 'packages/gateway/package.json', 'packages/gateway/tsconfig.build.json']
      .concat(['packages/client/src', 'packages/client/package.json', 'packages/client/tsconfig.build.json'])
      .concat(['tsconfig.json']),
    outputs: ['packages/gateway/dist', 'packages/client/dist'],
  },
];
const STAMPS = 'node_modules/.cache/tessera-build';

/** Every file under `path` (or `path` itself), sorted, so the digest does not depend on listing order. */
function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => files(join(path, entry.name)));
}

function digest(inputs) {
  const hash = createHash('sha256');
  for (const file of [...inputs, 'package-lock.json'].flatMap(files)) {
    hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const force = process.argv.includes('--force');
const named = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = named.filter((name) => !PARTS.some((part) => part.name === name));
if (unknown.length > 0) {
  console.error(`build: no part named ${unknown.join(', ')} (the parts: ${PARTS.map((p) => p.name).join(', ')})`);
  process.exit(1);
}
for (const part of PARTS.filter((p) => named.length === 0 || named.includes(p.name))) {
  const wanted = digest(part.inputs);
  const stamp = join(STAMPS, part.name);
  const built =
    part.outputs.every((output) => existsSync(output)) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === wanted;
  if (built && !force) {
    console.log(`${part.name}: up to date (inputs unchanged since its last build)`);
    continue;
  }
  rmSync(stamp, { force: true });
  execFileSync('npm', ['run', '-s', part.script], { stdio: 'inherit' });
  mkdirSync(STAMPS, { recursive: true });
  writeFileSync(stamp, `${wanted}\n`);
}
