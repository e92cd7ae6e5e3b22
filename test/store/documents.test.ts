import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, test } from 'node:test';
import pg from 'pg';
import type { TesseraError } from '../../src/core/index.js';
import { InvalidDocumentError } from '../../src/document/index.js';
import { presetResolver } from '../../src/presets/index.js';
import {
  type Store,
  applyDocumentToStore,
  createPostgresStore,
  createSqliteStore,
  exportStoreDocument,
} from '../../src/store/index.js';

/** Opens a new, empty database (`name` tells them apart): `open` opens a store on it, as another server would. */
type Fresh = (name: string) => Promise<() => Promise<Store>>;

const TENANT = `
preset: choreo
organizations:
  - name: acme
    projects: [{ name: engineering, resources: [{ type: api, name: pizza, private: true }] }, { name: marketing }]
users: [{ username: alice }, { username: bob, email: bob@example.com }]
groups:
  - { organization: acme, name: Engineering, members: [alice, bob] }
mappings:
  - { role: Developer, group: Engineering, project: acme/engineering }
  - { role: Admin, user: alice, organization: acme }
`;

const BAD = `
organizations:
  - name: acme
    projects: [{ name: engineering }]
users: [{ username: carol }]
groups:
  - { organization: acme, name: Ops, members: [carol, nobody] }
mappings:
  - { role: No Such Role, group: Ops, project: acme/engineering }
  - { role: Developer, group: Ops, project: acme/nowhere }
`;

function documentSuite(name: string, fresh: Fresh): void {
  describe(`documents through the store: ${name}`, () => {
    it('applies the choreo preset and a tenant as one write, then a second time changes nothing', async () => {
      const store = await (await fresh('apply'))();
      try {
        const first = await applyDocumentToStore(store, TENANT, {
          write: { actor: SYSTEM_ACTOR },
          presets: presetResolver,
        });
        assert.equal(first.revision, 1, 'one write, one revision');
        assert.equal(store.revision, 1);
        assert.deepEqual(first.changed, ['settings'], "the built-in settings take the preset's");
        for (const label of ['acme', 'alice', 'bob', 'Developer']) {
          assert.ok(
            first.created.some((c) => c.includes(label)),
            `created reports ${label}: ${first.created.join(', ')}`,
          );
        }
        assert.equal(
          store.engine.check({
            user: 'bob',
            permission: 'project:edit',
            resource: { type: 'project', id: 'acme/engineering' },
          }).allowed,
          true,
        );

        const second = await applyDocumentToStore(store, TENANT, {
          write: { actor: SYSTEM_ACTOR },
          presets: presetResolver,
        });
        assert.deepEqual(second.created, []);
        assert.deepEqual(second.changed, []);
        assert.ok(second.unchanged.length > 0);
        assert.equal(second.revision, 1, 'no new revision');
        assert.equal(store.revision, 1);
        // Nothing was logged: catching up with the change log leaves it at revision 1.
        await store.sync();
        assert.equal(store.revision, 1);
      } finally {
        await store.close();
      }
    });

    it('an export applied to a fresh database gives the same export', async () => {
      const source = await (await fresh('export-from'))();
      const target = await (await fresh('export-to'))();
      try {
        await applyDocumentToStore(source, TENANT, { write: { actor: SYSTEM_ACTOR }, presets: presetResolver });
        await source.write([{ op: 'user.put', user: { ...source.engine.user('bob')!, email: 'bob@acme.test' } }], {
          actor: SYSTEM_ACTOR,
        });
        const exported = exportStoreDocument(source);
        const applied = await applyDocumentToStore(target, exported, { write: { actor: SYSTEM_ACTOR } });
        assert.equal(applied.revision, 1, 'one write');
        assert.deepEqual(exportStoreDocument(target), exported);
        const again = await applyDocumentToStore(target, exported, { write: { actor: SYSTEM_ACTOR } });
        assert.equal(again.revision, 1, 'applying the export again changes nothing');
        assert.deepEqual(again.created, []);
        assert.deepEqual(again.changed, []);
      } finally {
        await source.close();
        await target.close();
      }
    });

    it('a bad document throws InvalidDocumentError with every error and changes nothing', async () => {
      const store = await (await fresh('bad'))();
      try {
        await applyDocumentToStore(store, TENANT, { write: { actor: SYSTEM_ACTOR }, presets: presetResolver });
        const before = exportStoreDocument(store);
        await assert.rejects(
          applyDocumentToStore(store, BAD, {
            write: { actor: SYSTEM_ACTOR },
            presets: presetResolver,
            source: 'bad.yaml',
          }),
          (error: unknown) => {
            assert.ok(error instanceof InvalidDocumentError);
            assert.ok(error.errors.length >= 3, `every error: ${error.message}`);
            assert.match(error.message, /^bad\.yaml: /);
            assert.match(error.message, /nobody/);
            assert.match(error.message, /No Such Role/);
            assert.match(error.message, /nowhere/);
            return true;
          },
        );
        await assert.rejects(
          applyDocumentToStore(store, 'users: [{ username: ', { write: { actor: SYSTEM_ACTOR } }),
          InvalidDocumentError,
        );
        await assert.rejects(
          applyDocumentToStore(store, { users: [{ name: 'x' }] }, { write: { actor: SYSTEM_ACTOR } }),
          InvalidDocumentError,
        );
        assert.equal(store.revision, 1);
        assert.deepEqual(exportStoreDocument(store), before);
        await store.sync();
        assert.equal(store.revision, 1);
        assert.equal(store.engine.user('carol'), undefined);
      } finally {
        await store.close();
      }
    });

    it("plans against the current state: another server's write is neither lost nor overwritten", async () => {
      const open = await fresh('concurrent');
      const store = await open();
      const other = await open();
      try {
        await applyDocumentToStore(store, TENANT, { write: { actor: SYSTEM_ACTOR }, presets: presetResolver });
        await other.sync();
        // The other server changes bob; this one, not having followed, applies a document about bob.
        await other.write([{ op: 'user.put', user: { ...other.engine.user('bob')!, email: 'bob@other.test' } }], {
          actor: SYSTEM_ACTOR,
        });
        const report = await applyDocumentToStore(
          store,
          'users: [{ username: bob, email: bob@doc.test }, { username: dan }]',
          { write: { actor: SYSTEM_ACTOR } },
        );
        assert.equal(report.revision, 3);
        assert.equal(store.engine.user('bob')?.email, 'bob@doc.test');
        assert.ok(report.changed.some((c) => c.includes('bob')));
        assert.ok(report.created.some((c) => c.includes('dan')));
        // The caller's own expectations hold too: a stale one fails the whole document.
        const bob = store.engine.user('bob')!;
        await assert.rejects(
          applyDocumentToStore(store, 'users: [{ username: erin }]', {
            write: { actor: SYSTEM_ACTOR, expect: [{ kind: 'user', key: bob.id, version: 2 }] },
          }),
          (error: TesseraError) => error.code === 'CONFLICT',
        );
        assert.equal(store.revision, 3);
        assert.equal(store.engine.user('erin'), undefined);
      } finally {
        await other.close();
        await store.close();
      }
    });
  });
}

const directory = mkdtempSync(join(tmpdir(), 'tessera-documents-'));
after(() => rmSync(directory, { recursive: true, force: true }));
documentSuite('SQLite', async (label) => {
  const file = join(directory, `${label}.db`);
  return () => createSqliteStore({ database: file, followIntervalMs: 0 });
});

const url = process.env.TESSERA_TEST_POSTGRES_URL;
if (url === undefined || url === '') {
  // Not a skip: CI provides the database, and a missing one must not pass unnoticed.
  test('documents through the store: PostgreSQL', () => assert.fail('TESSERA_TEST_POSTGRES_URL is not set'));
} else {
  // A schema per database wanted, so this suite shares the server with the others safely.
  const schemas: string[] = [];
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(query).finally(() => client.end());
  };
  after(async () => {
    for (const schema of schemas) await admin(`drop schema if exists ${schema} cascade`);
  });
  documentSuite('PostgreSQL', async (label) => {
    const schema = `tessera_documents_${process.pid}_${label.replace(/\W/g, '_')}`;
    schemas.push(schema);
    await admin(`drop schema if exists ${schema} cascade`);
    await admin(`create schema ${schema}`);
    return () =>
      createPostgresStore({
        database: new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4 }),
        followIntervalMs: 0,
      });
  });
}
