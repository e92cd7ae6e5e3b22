// The test step of `npm test`: node's test runner over every test/*/*.test.ts (or the files given),
// several processes at a time. The runner's own command line sorts files by name; this starts the
// slowest ones (a fresh install, the packed packages, the browser) first, so they don't end last.
// Starting a test process costs seconds of CPU (the loader, the server's modules, a browser), so
// files of one folder share a process, a few at a time, one after the other; files that change
// process-wide settings or measure stalls run alone. TESSERA_TEST_ALONE=1 runs every file alone.
// Run with `node --import tsx`: each test process inherits the loader.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Transform } from 'node:stream';
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
  'test/server/ldap-store-mode.test.ts',
  'test/server/ldap-write.test.ts',
  'test/server/two-factor.test.ts',
  'test/server/password-cost.test.ts',
  'test/server/large-documents.test.ts',
  'test/store/durability.test.ts',
]);

/**
 * The files in runs of one process each: a file alone, or an entry module importing a few, in order.
 * With a timeline file, every process runs through an entry module that appends, as it exits, its
 * start and end (seconds since `origin`), its own CPU time (without its children: browsers, servers
 * started as processes) and its files: which processes make the run's tail, and what they cost.
 */
const groupFiles = new Map();

function processes(files, timelinePath) {
  const timed = timelinePath !== undefined && timelinePath !== '';
  const alone = process.env.TESSERA_TEST_ALONE === '1';
  if (alone && !timed) return files;
  const directory = mkdtempSync(join(tmpdir(), 'tessera-test-groups-'));
  process.on('exit', () => rmSync(directory, { recursive: true, force: true }));
  const folders = new Map();
  const entries = [];
  for (const file of files) {
    const folder = file.split('/').slice(0, 2).join('/');
    const size = alone ? 1 : (PER_PROCESS[folder] ?? 1);
    if (size === 1 || ALONE.has(file)) {
      entries.push([file]);
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
  const origin = Date.now();
  return entries.map((entry, index) => {
    if (entry.length === 1 && !timed) return entry[0];
    const name = `${entry[0].split('/')[1]}-${index}.test.mjs`;
    const lines = [`// ${entry.join(', ')}`];
    if (timed) {
      lines.push(
        "import { appendFileSync } from 'node:fs';",
        'const started = Date.now();',
        "process.on('exit', () => {",
        '  const { user, system } = process.cpuUsage();',
        `  const seconds = (at) => ((at - ${origin}) / 1000).toFixed(1);`,
        `  appendFileSync(${JSON.stringify(resolve(timelinePath))}, \`\${seconds(started)}\\t\${seconds(Date.now())}\\t\${((user + system) / 1e6).toFixed(1)}\\t${entry.join(', ')}\\n\`);`,
        '});',
      );
    }
    lines.push(...entry.map((file) => `await import(${JSON.stringify(pathToFileURL(resolve(file)).href)});`));
    writeFileSync(join(directory, name), `${lines.join('\n')}\n`);
    groupFiles.set(join(directory, name), entry.join(', '));
    return join(directory, name);
  });
}

const given = process.argv.slice(2);
const files = (given.length > 0 ? given : allTestFiles()).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const concurrency = Number(process.env.TESSERA_TEST_CONCURRENCY ?? Math.max(4, availableParallelism() * 3));

// scrypt at its production cost (N = 2^15, 32 MiB) was most of the CPU of the server tests; the
// cost is a setting of its own, and test/server/password-cost.test.ts covers the default.
process.env.TESSERA_PASSWORD_COST ??= '10';

/**
 * The tap report, with the failed tests listed again just above its closing summary: a log read
 * from its end (CI keeps the tail) names what failed, not only how many.
 */
function withFailuresAboveSummary(failed) {
  let pending = '';
  let listed = false;
  const list = () => {
    listed = true;
    if (failed.length === 0) return '';
    return `${['# failed:', ...failed.map((line) => `#   ${line}`)].join('\n')}\n`;
  };
  return new Transform({
    transform(chunk, _encoding, done) {
      pending += chunk.toString();
      const end = pending.lastIndexOf('\n') + 1;
      let out = pending.slice(0, end);
      pending = pending.slice(end);
      if (!listed) {
        const summary = out.search(/^# tests \d+$/m);
        if (summary !== -1) out = out.slice(0, summary) + list() + out.slice(summary);
      }
      done(null, out);
    },
    flush(done) {
      done(null, pending + (listed ? '' : list()));
    },
  });
}

const failed = [];
const runs = processes(files, process.env.TESSERA_TEST_TIMELINE);
/** An entry module's path → the test files it imports, to name them in the failure list. */
const sources = new Map(runs.map((path) => [resolve(path), groupFiles.get(path) ?? relative('.', path)]));
// A test process that outlives this fails and is stopped, rather than holding the run (and CI) open:
// a server or timer left behind by a failed hook keeps a process alive after its tests are done.
const PROCESS_TIMEOUT_MS = 20 * 60 * 1000;
const stream = run({ files: runs, concurrency, timeout: PROCESS_TIMEOUT_MS });
stream.on('test:fail', (data) => {
  process.exitCode = 1;
  if (data.details?.type === 'suite') return;
  const error = data.details?.error;
  const cause = error?.cause instanceof Error ? error.cause.message : (error?.message ?? '');
  const reason = String(cause)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, 3)
    .join(' ')
    .slice(0, 300);
  const file = data.file === undefined ? '?' : (sources.get(data.file) ?? relative('.', data.file));
  failed.push(`${file}: ${data.name}${reason === '' ? '' : ` — ${reason}`}`);
});
stream.compose(tap).pipe(withFailuresAboveSummary(failed)).pipe(process.stdout);
