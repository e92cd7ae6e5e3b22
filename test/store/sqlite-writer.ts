import { SYSTEM_ACTOR } from '../../src/core/gate.js';
// A separate process writing to a shared SQLite file: `node sqlite-writer.mjs FILE PREFIX COUNT` (compiled by test/compiled-entry.ts).
import { createSqliteStore } from '../../src/store/index.js';

const [file, prefix, count] = process.argv.slice(2);
const store = await createSqliteStore({ database: file!, followIntervalMs: 0 });
for (let i = 0; i < Number(count); i++) {
  const id = `${prefix}-${i}`;
  await store.write([{ op: 'user.put', user: { id, username: id, store: 'PRIMARY', email: null, status: 'active' } }], {
    actor: SYSTEM_ACTOR,
  });
}
await store.close();
