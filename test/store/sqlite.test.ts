import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { Change } from '../../src/core/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { compiledEntry } from '../compiled-entry.js';
import { storeContract } from './contract.js';

const execFileAsync = promisify(execFile);
const directory = mkdtempSync(join(tmpdir(), 'tessera-store-'));
const file = join(directory, 'tessera.db');
after(() => rmSync(directory, { recursive: true, force: true }));

storeContract('SQLite', { open: (options) => createSqliteStore({ ...options, database: file }) });

describe('SQLite store shared by several processes', () => {
  it('loses no update when processes write to one file at once', async () => {
    const shared = join(directory, 'shared.db');
    const writer = compiledEntry(fileURLToPath(new URL('./sqlite-writer.ts', import.meta.url)));
    const run = (prefix: string) => execFileAsync(process.execPath, [writer, shared, prefix, '15']);
    await Promise.all(['p1', 'p2', 'p3'].map(run));
    const store = await createSqliteStore({ database: shared, followIntervalMs: 0 });
    try {
      assert.equal(store.revision, 45);
      assert.equal(store.engine.users().length, 45);
    } finally {
      await store.close();
    }
  });
});

describe('SQLite store when the database fails a write the engine accepted', () => {
  it('rebuilds the index from the database, so it never holds what was not committed', async () => {
    const database = new BetterSqlite3(join(directory, 'failing.db'));
    const store = await createSqliteStore({ database, followIntervalMs: 0 });
    try {
      await store.write(
        [{ op: 'user.put', user: { id: 'u-ok', username: 'ok', store: 'PRIMARY', email: null, status: 'active' } }],
        { actor: SYSTEM_ACTOR },
      );
      database.exec(
        `create trigger poison before insert on change_log when new.changes like '%poison%' begin select raise(abort, 'injected'); end`,
      );
      const poison: Change = {
        op: 'user.put',
        user: { id: 'u-poison', username: 'poison', store: 'PRIMARY', email: null, status: 'active' },
      };
      await assert.rejects(store.write([poison], { actor: SYSTEM_ACTOR }), /injected/);
      assert.equal(store.revision, 1);
      assert.equal(store.engine.user('u-poison'), undefined);
      assert.equal(store.version('user', 'u-poison'), undefined);
      const { revision } = await store.write(
        [{ op: 'user.put', user: { id: 'u-next', username: 'next', store: 'PRIMARY', email: null, status: 'active' } }],
        { actor: SYSTEM_ACTOR },
      );
      assert.equal(revision, 2);
    } finally {
      await store.close();
    }
  });
});
