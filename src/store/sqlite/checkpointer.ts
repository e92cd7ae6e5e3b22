import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies committed pages from the WAL into the database file. */
const INTERVAL_MS = 1000;

// Plain JavaScript, run as a worker: its connection's waits and fsyncs block nobody.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or gone: the next tick tries again; the WAL keeps every commit meanwhile.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints a WAL database from a worker thread. SQLite's automatic checkpoint runs inside the
 * commit that crosses its threshold, on the committing connection: for a large write, copying
 * and fsyncing megabytes on the event loop, where every request waits. The store's connection
 * turns it off (`wal_autocheckpoint = 0`) and this does it beside, without blocking writers or
 * readers (PASSIVE). Answers the function that stops it after a last checkpoint.
 */
export function startCheckpointer(file: string): () => Promise<void> {
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: {
      file,
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: INTERVAL_MS,
    },
  });
  worker.unref();
  // A failure to open (the file removed under it) leaves SQLite's WAL to grow until the next start.
  worker.on('error', () => undefined);
  return async () => {
    if (worker.threadId === -1) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref(); // the close waits for the last checkpoint
    worker.postMessage('stop');
    await exited;
  };
}
