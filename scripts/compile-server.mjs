// The first step of `npm run build:server`: every src/ module compiled to dist/, one file each, by
// esbuild, which strips the types and changes nothing else (`verbatimModuleSyntax` keeps type-only
// imports marked, so each file compiles on its own). The type-check is `tsc --noEmit`, which
// `npm test` runs as one of its tests (test/e2e/typecheck.test.ts) and CI with it: compiling with
// tsc as well cost half a minute of CPU at every build of a fresh checkout, for the same output.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const OUT = process.argv[2] ?? 'dist';
const sources = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => join('src', file));

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: sources,
  outdir: OUT,
  outbase: 'src',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
