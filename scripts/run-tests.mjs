// The test step of `npm test`: node's test runner over every test/*/*.test.ts (or the files given),
// several files at a time. The runner's own command line sorts files by name; this starts the
// slowest ones (a fresh install, the packed packages, the browser) first, so they don't end last.
// Run with `node --import tsx`: each test file's process inherits the loader.
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';

/** Folders whose files take longest, slowest first; the rest follow by name. */
const SLOW_FIRST = ['test/e2e', 'test/console', 'test/cli', 'test/store', 'test/server'];

function allTestFiles() {
  return readdirSync('test', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join('test', entry.name))
        .filter((name) => name.endsWith('.test.ts'))
        .map((name) => join('test', entry.name, name)),
    )
    .sort();
}

const rank = (file) => {
  const at = SLOW_FIRST.findIndex((folder) => file.startsWith(`${folder}/`));
  return at === -1 ? SLOW_FIRST.length : at;
};

const given = process.argv.slice(2);
const files = (given.length > 0 ? given : allTestFiles()).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const concurrency = Number(process.env.TESSERA_TEST_CONCURRENCY ?? Math.max(4, availableParallelism() * 3));

// scrypt at its production cost (N = 2^15, 32 MiB) was most of the CPU of the server tests; the
// cost is a setting of its own, and test/server/password-cost.test.ts covers the default.
process.env.TESSERA_PASSWORD_COST ??= '10';

const stream = run({ files, concurrency });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.compose(tap).pipe(process.stdout);
