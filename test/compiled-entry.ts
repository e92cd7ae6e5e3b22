import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A test's child-process entry (TypeScript) and the sources it imports, compiled into one ES module
 * that plain `node` runs. A child started through tsx spends about a second of CPU loading it; tests
 * that start dozens of children pay that many times. Packages stay external, resolved from the
 * repository's node_modules, beside which the module is written.
 */
export function compiledEntry(entry: string): string {
  const directory = join(root, 'node_modules/.cache/tessera-test');
  mkdirSync(directory, { recursive: true });
  const outfile = join(directory, `${basename(entry).replace(/\.ts$/, '')}-${process.pid}.mjs`);
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}
