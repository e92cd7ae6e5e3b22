import type { Check, Workload } from '../workload.js';

export interface Contender {
  check(c: Check): boolean;
  /**
   * Runs checks[from, to) and returns how many were allowed. Each contender has its own loop, so
   * the hot call site stays monomorphic; the harness only makes one polymorphic call per batch.
   */
  run(checks: readonly Check[], from: number, to: number): number;
}

export interface Built {
  readonly contender: Contender;
  /** Time spent in the library's load calls; building their input arrays is not counted. */
  readonly buildMs: number;
  /** Heap the harness cannot see: a contender built for a sample only adds its extrapolation here. */
  readonly extraHeapBytes?: number;
  readonly note?: string;
  /** Other ways to call the same built instance, timed separately (build and heap shown once). */
  readonly variants?: readonly { readonly name: string; readonly contender: Contender }[];
}

export interface ContenderSpec {
  readonly name: string;
  build(w: Workload, sampleChecks: readonly Check[]): Promise<Built>;
  /** Cap on timed checks (a very slow contender). */
  readonly maxChecks?: number;
  /** Restrict the cross-check and timing to the sample checks (a contender built for a sample of users). */
  readonly sampleOnly?: boolean;
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** heapUsed after full collections (needs --expose-gc). */
export function settledHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run node with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * heapUsed once it stops shrinking: lets pending timers and promises (casbin's async loading) run
 * and release what they hold, then collects again.
 */
export async function quietHeap(): Promise<number> {
  let heap = settledHeap();
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const next = settledHeap();
    const settled = Math.abs(next - heap) < 2 ** 20;
    heap = next;
    if (settled) break;
  }
  return heap;
}
