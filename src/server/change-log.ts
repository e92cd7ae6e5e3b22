import type { FastifyBaseLogger } from 'fastify';
import { type ChangeLogRetention, DEFAULT_CHANGE_LOG_RETENTION, compactChangeLog } from '../store/compaction.js';
import type { Store } from '../store/index.js';
import type { App, ServerContext } from './context.js';

/** How often a server compacts the change log, unless `TESSERA_CHANGE_LOG_COMPACT_SECONDS` says otherwise (0: never). */
export const DEFAULT_COMPACT_SECONDS = 600;

function nonNegative(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : fallback;
}

/**
 * The change log's retention and compaction period from the environment:
 * `TESSERA_CHANGE_LOG_KEEP_REVISIONS`, `TESSERA_CHANGE_LOG_KEEP_SECONDS` and
 * `TESSERA_CHANGE_LOG_COMPACT_SECONDS` (docs/configuration.md).
 */
export function changeLogSettings(env: NodeJS.ProcessEnv = process.env): {
  readonly retention: ChangeLogRetention;
  readonly everySeconds: number;
} {
  return {
    retention: {
      keepRevisions: Math.max(
        1,
        Math.floor(nonNegative(env.TESSERA_CHANGE_LOG_KEEP_REVISIONS, DEFAULT_CHANGE_LOG_RETENTION.keepRevisions)),
      ),
      keepSeconds: nonNegative(env.TESSERA_CHANGE_LOG_KEEP_SECONDS, DEFAULT_CHANGE_LOG_RETENTION.keepSeconds),
    },
    everySeconds: nonNegative(env.TESSERA_CHANGE_LOG_COMPACT_SECONDS, DEFAULT_COMPACT_SECONDS),
  };
}

/**
 * Compacts every `everySeconds` while the server runs (not at all for 0); the timer does not keep
 * the process alive. Every server sharing a database may do it: a deletion another one made first
 * deletes nothing.
 */
export function scheduleChangeLogCompaction(
  store: Store,
  settings: ReturnType<typeof changeLogSettings>,
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
): () => void {
  if (settings.everySeconds <= 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    compactChangeLog(store.database, settings.retention)
      .then(
        (deleted) => {
          if (deleted > 0) log.info({ deleted }, 'change log compacted');
        },
        (error: unknown) => log.warn({ err: error }, 'could not compact the change log; retrying next period'),
      )
      .finally(() => {
        running = false;
      });
  }, settings.everySeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Runs the change log's compaction while `app` is up (src/store/compaction.ts). */
export function changeLogCompaction(app: App, context: ServerContext): void {
  let stop = (): void => {};
  app.addHook('onReady', async () => {
    stop = scheduleChangeLogCompaction(context.store, changeLogSettings(), app.log);
  });
  app.addHook('onClose', async () => stop());
}
