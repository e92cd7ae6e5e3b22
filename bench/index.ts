/**
 * Tessera vs casbin vs CASL vs a hand-written baseline on one synthetic model (bench/workload.ts).
 * Run with `npm run bench` (node --expose-gc --import tsx bench/index.ts).
 */
import { availableParallelism, loadavg } from 'node:os';
import { BaselineIndex, baseline } from './contenders/baseline.js';
import { casbinDomains, casbinGraph } from './contenders/casbin.js';
import { caslPerRequest, caslPrebuilt } from './contenders/casl.js';
import { type ContenderSpec, elapsedMs, quietHeap } from './contenders/contender.js';
import { tessera } from './contenders/tessera.js';
import { type Timing, crossCheck, formatTable, timeChecks } from './measure.js';
import { benchStart } from './start.js';
import { benchStore } from './store.js';
import { type Check, SIZES, generateChecks, generateWorkload } from './workload.js';

const CHECKS = 200_000;
const SAMPLE = 20_000;
const TIMING = { warmupSeconds: 0.5, minSeconds: 3, rounds: 3 };

interface Row {
  readonly name: string;
  readonly buildMs: number | null;
  readonly heapMB: number | null;
  readonly mismatches: number;
  readonly timing: Timing;
  readonly note?: string;
}

async function measure(
  spec: ContenderSpec,
  all: readonly Check[],
  sample: readonly Check[],
  expected: Uint8Array,
): Promise<Row[]> {
  const before = await quietHeap();
  const built = await spec.build(workload, sample);
  const heapMB = ((await quietHeap()) - before + (built.extraHeapBytes ?? 0)) / 2 ** 20;
  const checks = spec.sampleOnly === true ? sample : all;
  const options = spec.maxChecks === undefined ? TIMING : { ...TIMING, maxChecks: spec.maxChecks };
  const rows: Row[] = [];
  for (const [i, { name, contender }] of [
    { name: spec.name, contender: built.contender },
    ...(built.variants ?? []),
  ].entries()) {
    const mismatches = crossCheck(contender, sample, expected);
    const timing = timeChecks(contender, checks, options);
    rows.push({
      name,
      buildMs: i === 0 ? built.buildMs : null,
      heapMB: i === 0 ? heapMB : null,
      mismatches,
      timing,
      ...(i === 0 && built.note !== undefined ? { note: built.note } : {}),
    });
    console.log(
      `${name}: build ${built.buildMs.toFixed(0)} ms, heap ${heapMB.toFixed(1)} MB, ${fmtRate(timing.perSecond)} checks/s, ` +
        `mean ${timing.meanUs.toFixed(3)} µs, p99 ${timing.p99Us.toFixed(3)} µs, ${mismatches} mismatches, ` +
        `${(timing.allowedFraction * 100).toFixed(1)}% allowed of ${timing.checks} timed`,
    );
  }
  return rows;
}

function fmtRate(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`${availableParallelism()} CPUs, load average ${load()} at start`);
let start = process.hrtime.bigint();
const workload = generateWorkload();
const sizes = SIZES;
console.log(
  `workload: 1 organization, ${sizes.projects} projects, ${sizes.users} users, ${sizes.groups} groups, ` +
    `${workload.userGroups.reduce((n, g) => n + g.length, 0)} memberships, ${sizes.permissions} permissions, ${sizes.roles} roles ` +
    `(${workload.rolePermissions.map((p) => p.length).join(' ')} permissions), ${sizes.orgMappings} organization and ` +
    `${sizes.projectMappings} project mappings (${elapsedMs(start).toFixed(0)} ms)`,
);
start = process.hrtime.bigint();
const { checks, sample, expected } = (() => {
  const oracle = new BaselineIndex(workload);
  const checks = generateChecks(workload, oracle, CHECKS);
  const sample = checks.slice(0, SAMPLE);
  const expected = Uint8Array.from(sample, (c) => Number(oracle.check(c.user, c.permission, c.project)));
  const allowed = checks.reduce((n, c) => n + Number(oracle.check(c.user, c.permission, c.project)), 0);
  console.log(
    `checks: ${CHECKS} generated, ${((allowed / CHECKS) * 100).toFixed(1)}% allowed; cross-check sample: first ${SAMPLE}, ` +
      `${((expected.reduce((n, x) => n + x, 0) / SAMPLE) * 100).toFixed(1)}% allowed (${elapsedMs(start).toFixed(0)} ms)\n`,
  );
  return { checks, sample, expected };
})();

const specs: ContenderSpec[] = [tessera, baseline, casbinGraph, casbinDomains, caslPerRequest, caslPrebuilt];
const rows: Row[] = [];
const idleHeap = await quietHeap();
for (const spec of specs) {
  try {
    rows.push(...(await measure(spec, checks, sample, expected)));
  } catch (error) {
    console.log(`${spec.name}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  // Each contender is measured alone: nothing of it may survive into the next one's heap figure.
  console.log(`  (heap after dropping it: ${(((await quietHeap()) - idleHeap) / 2 ** 20).toFixed(1)} MB over idle)`);
}

const reference = rows.find((r) => r.name === tessera.name)?.timing.perSecond;
const notes: string[] = [];
const table = formatTable(
  ['contender', 'build ms', 'heap MB', 'checks/s', 'mean µs', 'p99 µs', 'Tessera ÷ it', 'mismatches', 'timed checks'],
  rows.map((r) => {
    if (r.note !== undefined) notes.push(`[${notes.length + 1}] ${r.name}: ${r.note}`);
    return [
      r.name + (r.note !== undefined ? ` [${notes.length}]` : ''),
      r.buildMs === null ? '(same)' : r.buildMs.toFixed(0),
      r.heapMB === null ? '(same)' : r.heapMB.toFixed(1),
      fmtRate(r.timing.perSecond),
      r.timing.meanUs.toFixed(3),
      r.timing.p99Us.toFixed(3),
      reference === undefined ? 'n/a' : (reference / r.timing.perSecond).toFixed(2),
      `${r.mismatches}/${SAMPLE}`,
      `${r.timing.checks} (batch ${r.timing.batch})`,
    ];
  }),
);
console.log(`\n${table}\n`);
for (const note of notes) console.log(note);
console.log(
  'One thread, Node ' +
    process.version +
    '. Build: time in the library load calls (Tessera: one apply() of the whole model); ' +
    'input arrays are built outside the timer.\nHeap: heapUsed after gc() with the contender built, minus before (inputs dropped). ' +
    'checks/s and mean: the median of 3 rounds of ≥1 s of checks each, after a 0.5 s warm-up (casbin domains: capped at ' +
    `${casbinDomains.maxChecks} checks).\n` +
    'p99: 99th percentile over all timed batches of batch time ÷ batch size (batch of 64 checks, smaller down to 1 when a ' +
    'check takes > ~0.3 µs, so a batch lasts ~20 µs); not the p99 of individual checks.\n' +
    `Mismatches: decisions differing from the hand-written baseline on the first ${SAMPLE} checks.\n` +
    `Load average at the end: ${load()} (other processes on the machine skew every number).`,
);

await benchStore(workload);
await benchStart(workload);
