/**
 * Tessera's allowed() beside the hand-written baseline on the `npm run bench` workload, judged by
 * CPU time (process.cpuUsage) rather than wall clock, in many short interleaved rounds, so a
 * shared, loaded machine skews both alike: `node --import tsx bench/check-cpu.ts`.
 * CHECK_USERS=1000 keeps to the first 1,000 checks (their users' rows stay in cache: the cost of
 * the instructions rather than of the memory); ROUNDS and ROUND_CHECKS set the rounds.
 */
import { loadavg } from 'node:os';
import { BaselineIndex, baseline } from './contenders/baseline.js';
import type { Contender } from './contenders/contender.js';
import { tessera } from './contenders/tessera.js';
import { crossCheck } from './measure.js';
import { generateChecks, generateWorkload } from './workload.js';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const ROUND_CHECKS = Number(process.env.ROUND_CHECKS ?? 200_000);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const workload = generateWorkload();
const oracle = new BaselineIndex(workload);
const generated = generateChecks(workload, oracle, 200_000);
const sample = generated.slice(0, 20_000);
const expected = Uint8Array.from(sample, (c) => Number(oracle.check(c.user, c.permission, c.project)));
const checks = process.env.CHECK_USERS === undefined ? generated : generated.slice(0, Number(process.env.CHECK_USERS));
const contenders: [string, Contender][] = [
  ['Tessera allowed()', (await tessera.build(workload, sample)).contender],
  ['hand-written baseline', (await baseline.build(workload, sample)).contender],
];
console.log(`load average ${load()} at start; ${checks.length} distinct checks, ${ROUNDS} rounds of ≥${ROUND_CHECKS}`);
for (const [name, contender] of contenders)
  console.log(`${name}: ${crossCheck(contender, sample, expected)} mismatches`);

const rates = contenders.map((): number[] => []);
for (let round = 0; round < ROUNDS; round++) {
  contenders.forEach(([, contender], i) => {
    const before = process.cpuUsage();
    let done = 0;
    while (done < ROUND_CHECKS) {
      contender.run(checks, 0, checks.length);
      done += checks.length;
    }
    const used = process.cpuUsage(before);
    rates[i]!.push(done / ((used.user + used.system) / 1e6));
  });
}
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
contenders.forEach(([name], i) =>
  console.log(`${name}: median ${Math.round(median(rates[i]!)).toLocaleString('en-US')} checks per CPU second`),
);
const ratios = rates[0]!.map((rate, round) => rate / rates[1]![round]!);
console.log(
  `Tessera ÷ baseline per round: ${ratios.map((r) => r.toFixed(2)).join(' ')}; median ${median(ratios).toFixed(3)}`,
);
console.log(`load average ${load()} at the end`);
