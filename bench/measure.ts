import type { Contender } from './contenders/contender.js';
import type { Check } from './workload.js';

export interface Timing {
  readonly checks: number;
  readonly perSecond: number;
  readonly meanUs: number;
  readonly p99Us: number;
  readonly batch: number;
  readonly allowedFraction: number;
}

export interface TimingOptions {
  readonly warmupSeconds: number;
  readonly minSeconds: number;
  /** Across all rounds. */
  readonly maxChecks?: number;
  readonly rounds?: number;
}

/** A batch should take about this long, so that timer overhead (~50 ns a read) stays under ~1%. */
const BATCH_TARGET_NS = 20_000;
const MAX_BATCH = 64;

/**
 * Times checks in batches, cycling through `checks`. Batch size: 64 checks, or fewer (down to 1)
 * when the warm-up shows a check takes more than BATCH_TARGET_NS / 64. p99 is the 99th percentile,
 * over batches, of the per-check time (batch time ÷ batch size).
 */
export function timeChecks(contender: Contender, checks: readonly Check[], options: TimingOptions): Timing {
  let cursor = 0;
  const runBatch = (size: number): number => {
    if (cursor + size > checks.length) cursor = 0;
    const allowed = contender.run(checks, cursor, cursor + size);
    cursor += size;
    return allowed;
  };
  // Warm-up, which also calibrates the batch size.
  const warmupNs = options.warmupSeconds * 1e9;
  const warmupCap = options.maxChecks === undefined ? Infinity : Math.max(16, options.maxChecks / 10);
  let warmed = 0;
  const warmStart = process.hrtime.bigint();
  let warmNs = 0;
  while (warmNs < warmupNs && warmed < warmupCap) {
    runBatch(16);
    warmed += 16;
    warmNs = Number(process.hrtime.bigint() - warmStart);
  }
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(BATCH_TARGET_NS / (warmNs / warmed))));

  // Several rounds; the round with the median rate gives checks/s and mean, all batches the p99.
  const rounds = options.rounds ?? 3;
  const maxChecks = (options.maxChecks ?? Infinity) / rounds;
  const minNs = (options.minSeconds * 1e9) / rounds;
  const perCheckNs: number[] = [];
  const results: { done: number; ns: number }[] = [];
  let checksDone = 0;
  let allowed = 0;
  for (let round = 0; round < rounds; round++) {
    let totalNs = 0;
    let done = 0;
    while (totalNs < minNs && done < maxChecks) {
      const t0 = process.hrtime.bigint();
      allowed += runBatch(batch);
      const ns = Number(process.hrtime.bigint() - t0);
      totalNs += ns;
      done += batch;
      perCheckNs.push(ns / batch);
    }
    results.push({ done, ns: totalNs });
    checksDone += done;
  }
  results.sort((a, b) => a.done / a.ns - b.done / b.ns);
  const median = results[Math.floor(results.length / 2)]!;
  perCheckNs.sort((a, b) => a - b);
  const p99 = perCheckNs[Math.min(perCheckNs.length - 1, Math.floor(perCheckNs.length * 0.99))]!;
  return {
    checks: checksDone,
    perSecond: median.done / (median.ns / 1e9),
    meanUs: median.ns / median.done / 1e3,
    p99Us: p99 / 1e3,
    batch,
    allowedFraction: allowed / checksDone,
  };
}

/** How many of the sample's decisions differ from the reference ones. */
export function crossCheck(contender: Contender, sample: readonly Check[], expected: Uint8Array): number {
  let mismatches = 0;
  for (let i = 0; i < sample.length; i++) {
    if (Number(contender.check(sample[i]!)) !== expected[i]) mismatches++;
  }
  return mismatches;
}

/** Plain-text table with right-aligned columns except the first. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
