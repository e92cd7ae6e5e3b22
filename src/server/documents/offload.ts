import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Store } from '../../store/index.js';
import { ENTITY_KINDS, KINDS } from '../../store/kinds.js';
import { HttpProblem } from '../problem.js';
import type { DocumentTask, DocumentTaskResult } from './tasks.js';

/** Limits of the document worker (README, "Large documents"). */
export interface WorkerLimits {
  /** The worker is stopped after this long and the request refused (413). Default 120 s. */
  readonly timeoutMs?: number;
  /** Heap of the worker, in MB; a document needing more is refused (413). Default 1024. */
  readonly maxHeapMb?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_HEAP_MB = 1024;

/**
 * Starts the document worker: the compiled `worker.js` beside this module when there is one (`dist/`),
 * else `worker.ts`, after registering tsx in the worker (loader hooks are per thread on Node 20, so
 * neither `--import tsx` nor `bin/tessera.js`'s registration reaches it).
 */
function startWorker(options: WorkerOptions): Worker {
  const js = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, options);
  const ts = new URL('./worker.ts', import.meta.url);
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}

/** Runs one task in a fresh worker thread; the event loop stays free while it parses, validates and plans. */
export function runInWorker(task: DocumentTask, limits: WorkerLimits = {}): Promise<DocumentTaskResult> {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const worker = startWorker({ resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb ?? DEFAULT_HEAP_MB } });
  return new Promise<DocumentTaskResult>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new HttpProblem(
              'payload-too-large',
              `the document took longer than ${Math.round(timeoutMs / 1000)} s to process; split it`,
            ),
          ),
        ),
      timeoutMs,
    );
    worker.on('message', (message: DocumentTaskResult | { failed: string }) =>
      finish(() => ('failed' in message ? reject(new Error(message.failed)) : resolve(message))),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new HttpProblem('payload-too-large', 'the document needs more memory than the server allows; split it')
            : error,
        ),
      ),
    );
    worker.on('exit', (code) => finish(() => reject(new Error(`the document worker exited with code ${code}`))));
    worker.postMessage(task);
  });
}

/** Every record the store's index holds, by kind, for the worker to rebuild the state from. */
export function snapshotRows(store: Store): Record<string, unknown[]> {
  const engine = store.engine;
  const rows: Record<string, unknown[]> = {};
  for (const kind of ENTITY_KINDS) rows[kind] = [...KINDS[kind].list(engine)];
  return rows;
}
