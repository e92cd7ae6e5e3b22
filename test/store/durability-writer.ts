import { SYSTEM_ACTOR } from '../../src/core/gate.js';
// The durability test's child (compiled by test/compiled-entry.ts): `node durability-writer.mjs sqlite FILE` or `… postgres URL SCHEMA`.
// Prints `ready` once loaded, waits for a line on stdin, opens the store, prints `open`, then writes
// batches until killed, printing `ack BATCH REVISION` after each write resolved.
import { createInterface } from 'node:readline';
import type { Store } from '../../src/store/index.js';
import { batchChanges, batchesPresent } from './durability-batches.js';

const [kind, database, schema] = process.argv.slice(2);
// Loaded before `ready`, so the parent's timing starts with the store's own work.
const open: () => Promise<Store> =
  kind === 'sqlite'
    ? await import('../../src/store/sqlite/sqlite-store.js').then(
        (m) => () => m.createSqliteStore({ database: database!, followIntervalMs: 0 }),
      )
    : await Promise.all([import('../../src/store/postgres/postgres-store.js'), import('pg')]).then(
        ([m, pg]) =>
          () =>
            m.createPostgresStore({
              database: new pg.default.Pool({
                connectionString: database!,
                options: `-c search_path=${schema!}`,
                max: 4,
              }),
              followIntervalMs: 0,
            }),
      );
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));

const store = await open();
process.stdout.write(`open ${store.revision}\n`);
for (let n = batchesPresent(store.engine); ; n++) {
  const { revision } = await store.write(batchChanges(n), { actor: SYSTEM_ACTOR });
  // Writes to a pipe are synchronous on Linux: the line is out before the next write begins.
  process.stdout.write(`ack ${n} ${revision}\n`);
}
