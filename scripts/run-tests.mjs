// The test step of `npm test`: node's test runner over every test/*/*.test.ts (or the files given),
// several processes at a time. The runner's own command line sorts files by name; this starts the
// slowest ones (a fresh install, the packed packages, the browser) first, so they don't end last.
// Starting a test process costs seconds of CPU (the loader, the server's modules, a browser), so
// files of one folder share a process, a few at a time, one after the other; files that change
// process-wide settings or measure stalls run alone. TESSERA_TEST_ALONE=1 runs every file alone.
// Run with `node --import tsx`: each test process inherits the loader.
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** How many files of a folder share one process; folders not listed run each file alone. */
const PER_PROCESS = {
  'test/core': 6,
  'test/document': 5,
  'test/presets': 5,
  'test/docs': 5,
  'test/gateway': 3,
  'test/store': 3,
  'test/cli': 2,
  'test/server': 4,
  'test/console': 4,
};

/** Files that set a process-wide variable (TESSERA_SECRET_KEY) or measure the event loop's stalls. */
const ALONE = new Set([
  'test/server/ldap-provision.test.ts',
  'test/server/ldap-store.test.ts',
  'test/server/ldap-write.test.ts',
  'test/server/two-factor.test.ts',
  'test/server/password-cost.test.ts',
  'test/server/large-documents.test.ts',
  'test/store/durability.test.ts',
]);

/** A group entry module's path → the test files it imports, for the timeline. */
const groupFiles = new Map();

/** The files in runs of one process each: a file alone, or an entry module importing a few, in order. */
function processes(files) {
  if (process.env.TESSERA_TEST_ALONE === '1') return files;
  const directory = mkdtempSync(join(tmpdir(), 'tessera-test-groups-'));
  process.on('exit', () => rmSync(directory, { recursive: true, force: true }));
  const folders = new Map();
  const entries = [];
  for (const file of files) {
    const folder = file.split('/').slice(0, 2).join('/');
    const size = PER_PROCESS[folder] ?? 1;
    if (size === 1 || ALONE.has(file)) {
      entries.push(file);
      continue;
    }
    let open = folders.get(folder);
    if (open === undefined || open.length === size) {
      open = [];
      folders.set(folder, open);
      entries.push(open);
    }
    open.push(file);
  }
  return entries.map((entry, index) => {
    if (typeof entry === 'string') return entry;
    if (entry.length === 1) return entry[0];
    const name = `${entry[0].split('/')[1]}-${index}.test.mjs`;
    const imports = entry.map((file) => `await import(${JSON.stringify(pathToFileURL(resolve(file)).href)});`);
    writeFileSync(join(directory, name), `// ${entry.join(', ')}\n${imports.join('\n')}\n`);
    groupFiles.set(join(directory, name), entry.join(', '));
    return join(directory, name);
  });
}

/**
 * With TESSERA_TEST_TIMELINE=<file>, appends a line per test process when the run ends: its start and
 * end in seconds from the runner's start, and the files it ran. Shows which processes make the run's tail.
 */
function timeline(path) {
  if (path === undefined || path === '') return;
  const started = Date.now();
  const entries = new Set(groups.map((file) => resolve(file)));
  const spans = new Map();
  const seconds = () => (Date.now() - started) / 1000;
  stream.on('test:dequeue', (event) => {
    if (event.nesting === 0 && entries.has(event.file) && !spans.has(event.file)) spans.set(event.file, { start: seconds(), end: seconds() });
  });
  stream.on('test:complete', (event) => {
    const span = spans.get(event.file);
    if (event.nesting === 0 && span !== undefined) span.end = seconds();
  });
  process.on('exit', () => {
    const lines = [...spans].map(
      ([file, { start, end }]) => `${start.toFixed(1)}\t${end.toFixed(1)}\t${groupFiles.get(file) ?? file}`,
    );
    appendFileSync(path, `${lines.join('\n')}\n`);
  });
}

const given = process.argv.slice(2);
const files = (given.length > 0 ? given : allTestFiles()).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const concurrency = Number(process.env.TESSERA_TEST_CONCURRENCY ?? Math.max(4, availableParallelism() * 3));

// scrypt at its production cost (N = 2^15, 32 MiB) was most of the CPU of the server tests; the
// cost is a setting of its own, and test/server/password-cost.test.ts covers the default.
process.env.TESSERA_PASSWORD_COST ??= '10';

const groups = processes(files);
const stream = run({ files: groups, concurrency });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
timeline(process.env.TESSERA_TEST_TIMELINE);
stream.compose(tap).pipe(process.stdout);
