import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AccessEngine, Change, Organization, TesseraError } from '../../src/core/index.js';
import { roleRecord } from '../../src/core/index.js';
import { exportDocument, parseText, planDocument } from '../../src/document/index.js';
import { presetResolver } from '../../src/presets/index.js';
import { type EntityKind, type Store, type StoreOptions, membershipKey } from '../../src/store/index.js';

/** How a database under test is provided: every `open` reaches the same, initially empty, database. */
export interface StoreHarness {
  /** Opens a new store (a new connection, as another server would) on the database. */
  open(options?: StoreOptions): Promise<Store>;
  /** Drops everything, so the suite starts from an empty database. */
  reset?(): Promise<void>;
}

const quiet: StoreOptions = { followIntervalMs: 0 };

const FIXTURE = `
preset: choreo
organizations:
  - name: acme
    projects: [{ name: engineering, resources: [{ type: api, name: pizza, private: true }] }, { name: marketing }]
  - name: globex
users: [{ username: alice }, { username: bob, email: bob@example.com }, { username: carol, status: invited }]
groups:
  - { organization: acme, name: Engineering, members: [alice, bob] }
mappings:
  - { role: Developer, group: Engineering, project: acme/engineering }
  - { role: Admin, user: carol, organization: acme }
`;

const INITECH = `
organizations:
  - name: initech
    projects: [{ name: tps, resources: [{ type: api, name: reports }] }]
groups:
  - { organization: initech, name: Staff, members: [alice] }
mappings:
  - { role: Developer, group: Staff, project: initech/tps }
  - { role: Admin, user: alice, resource: initech/tps/api/reports }
`;

function plan(engine: AccessEngine, document: string): Change[] {
  const result = planDocument(engine, parseText(document).value, { presets: presetResolver });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.changes;
}

function user(id: string, username = id): Change {
  return { op: 'user.put', user: { id, username, store: 'PRIMARY', email: null, status: 'active' } };
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: TesseraError) => {
    assert.equal(error.code, code);
    return true;
  });
}

/** The store contract (docs/concepts.md#consistency-revisions-and-atleast, docs/production.md), run once per database. */
export function storeContract(name: string, harness: StoreHarness): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      await harness.reset?.();
    });
    after(async () => {
      await store?.close();
    });

    it('migrations: servers starting together on an empty database migrate it once', async () => {
      const stores = await Promise.all([harness.open(quiet), harness.open(quiet), harness.open(quiet)]);
      store = stores[0]!;
      for (const other of stores.slice(1)) await other.close();
      assert.equal(store.revision, 0);
    });

    it('writes a batch with one new revision and reads it back with versions', async () => {
      const start = store.revision;
      const { revision } = await store.write(plan(store.engine, FIXTURE), { actor: SYSTEM_ACTOR });
      assert.equal(revision, start + 1);
      assert.equal(store.revision, revision);
      const alice = store.engine.user('alice');
      assert.ok(alice);
      const found = await store.get('user', alice.id);
      assert.equal(found?.record.username, 'alice');
      assert.equal(found?.version, revision);
      assert.equal(
        store.engine.check({
          user: 'alice',
          permission: 'project:edit',
          resource: { type: 'project', id: 'acme/engineering' },
        }).allowed,
        true,
      );
      const group = store.engine.findGroup(
        store.engine.organizations().find((o) => o.name === 'acme')!.id,
        'Engineering',
      )!;
      assert.equal(store.version('membership', membershipKey(group.id, alice.id)), revision);
      assert.equal(await store.get('user', 'nobody'), undefined);
    });

    it('audit: every write records who, what, each record before and after, and its revision, in the same transaction', async () => {
      const alice = store.engine.user('alice')!;
      const { revision } = await store.write([{ op: 'user.put', user: { ...alice, email: 'alice@acme.test' } }], {
        actor: SYSTEM_ACTOR,
        audit: { actor: 'u-auditor', actorName: 'PRIMARY/auditor', action: 'user.update', target: `user:${alice.id}` },
      });
      const [entry] = await store.audit({ target: `user:${alice.id}`, limit: 1 });
      assert.equal(entry?.revision, revision);
      assert.deepEqual(entry?.actor, { id: 'u-auditor', name: 'PRIMARY/auditor' });
      assert.equal(entry?.action, 'user.update');
      assert.deepEqual(entry?.effects, [
        { kind: 'user', key: alice.id, before: alice, after: { ...alice, email: 'alice@acme.test' } },
      ]);
      assert.equal((await store.audit({ actorName: 'PRIMARY/auditor' }))[0]?.id, entry?.id);
      assert.equal(
        (await store.audit({ actor: 'u-auditor', since: new Date(Date.now() + 60_000).toISOString() })).length,
        0,
      );
      // A refused write leaves no entry; a failure in work done alongside rolls the entry back too.
      const count = (await store.audit({ limit: 500 })).length;
      await assert.rejects(
        store.write([{ op: 'user.put', user: { ...alice, id: 'u-other' } }], {
          actor: SYSTEM_ACTOR,
          audit: { actor: null, action: 'refused' },
        }),
      );
      await assert.rejects(
        store.write([{ op: 'user.put', user: { ...alice, email: null } }], {
          actor: SYSTEM_ACTOR,
          audit: { actor: null, action: 'rolled-back' },
          alongside: async () => {
            throw new Error('the work alongside failed');
          },
        }),
        /the work alongside failed/,
      );
      assert.equal((await store.audit({ limit: 500 })).length, count);
      assert.equal(store.engine.user('alice')?.email, 'alice@acme.test');
    });

    it('versions: an update against a stale version fails with CONFLICT and changes nothing', async () => {
      const bob = store.engine.user('bob')!;
      const version = store.version('user', bob.id)!;
      const { revision } = await store.write([{ op: 'user.put', user: { ...bob, email: 'bob@acme.test' } }], {
        actor: SYSTEM_ACTOR,
        expect: [{ kind: 'user', key: bob.id, version }],
      });
      assert.equal(store.version('user', bob.id), revision);
      await rejectsWith(
        store.write([{ op: 'user.put', user: { ...bob, email: 'stale@acme.test' } }], {
          actor: SYSTEM_ACTOR,
          expect: [{ kind: 'user', key: bob.id, version }],
        }),
        'CONFLICT',
      );
      assert.equal(store.revision, revision);
      assert.equal(store.engine.user('bob')?.email, 'bob@acme.test');
      await rejectsWith(
        store.write([user('u-bob2', 'bob2')], {
          actor: SYSTEM_ACTOR,
          expect: [{ kind: 'user', key: bob.id, version: null }],
        }),
        'CONFLICT',
      );
      await store.write([user('u-dave', 'dave')], {
        actor: SYSTEM_ACTOR,
        expect: [{ kind: 'user', key: 'u-dave', version: null }],
      });
    });

    it('integrity: duplicates, missing references, mapped roles and read-only stores fail typed, nothing half-written', async () => {
      const before = exportDocument(store.engine);
      const revision = store.revision;
      const acme = store.engine.organizations().find((o) => o.name === 'acme')!;
      await rejectsWith(
        store.write([user('u-erin', 'erin'), { op: 'organization.put', organization: { ...acme, id: 'org-2' } }], {
          actor: SYSTEM_ACTOR,
        }),
        'DUPLICATE',
      );
      await rejectsWith(
        store.write([user('u-erin', 'erin'), user('u-erin2', 'alice')], { actor: SYSTEM_ACTOR }),
        'DUPLICATE',
      );
      await rejectsWith(
        store.write(
          [
            user('u-erin', 'erin'),
            {
              op: 'mapping.add',
              mapping: {
                id: 'm-x',
                role: 'no-such-role',
                subject: { kind: 'user', id: 'u-erin' },
                target: { level: 'organization', id: acme.id },
              },
            },
          ],
          { actor: SYSTEM_ACTOR },
        ),
        'NOT_FOUND',
      );
      assert.equal(store.revision, revision);
      assert.deepEqual(exportDocument(store.engine), before);
      const custom = roleRecord({ id: 'r-custom', name: 'Custom' });
      await store.write(
        [
          { op: 'role.put', role: custom },
          {
            op: 'mapping.add',
            mapping: {
              id: 'm-custom',
              role: custom.id,
              subject: { kind: 'everyone' },
              target: { level: 'organization', id: acme.id },
            },
          },
        ],
        { actor: SYSTEM_ACTOR },
      );
      await rejectsWith(store.write([{ op: 'role.delete', id: custom.id }], { actor: SYSTEM_ACTOR }), 'REFERENCED');
      assert.ok(store.engine.mapping('m-custom'));
      await store.write(
        [
          { op: 'userStore.put', userStore: { name: 'LDAP', readOnly: true, description: null } },
          { op: 'user.put', user: { id: 'u-ldap', username: 'lee', store: 'LDAP', email: null, status: 'active' } },
        ],
        { actor: SYSTEM_ACTOR },
      );
      const lee = store.engine.user('u-ldap')!;
      await rejectsWith(
        store.write([user('u-erin', 'erin'), { op: 'user.put', user: { ...lee, email: 'lee@x.test' } }], {
          actor: SYSTEM_ACTOR,
        }),
        'READ_ONLY_STORE',
      );
      await rejectsWith(store.write([{ op: 'user.delete', id: lee.id }], { actor: SYSTEM_ACTOR }), 'READ_ONLY_STORE');
      await store.write([{ op: 'user.put', user: { ...lee, email: 'lee@x.test' } }], {
        actor: SYSTEM_ACTOR,
        userStoreSync: true,
      });
      assert.equal(store.engine.user('erin'), undefined);
      // Cascade: the role goes with its mapping, in the tables too.
      await store.write([{ op: 'role.delete', id: custom.id, cascade: true }], { actor: SYSTEM_ACTOR });
      assert.equal(store.engine.mapping('m-custom'), undefined);
      assert.equal(store.version('mapping', 'm-custom'), undefined);
      assert.equal(store.revision, revision + 4);
      const reopened = await harness.open(quiet);
      try {
        assert.equal(reopened.engine.user('erin'), undefined);
        assert.equal(reopened.engine.mapping('m-custom'), undefined);
        assert.equal(reopened.engine.role('r-custom'), undefined);
      } finally {
        await reopened.close();
      }
    });

    it('restart: the index loaded from the database equals the one before', async () => {
      const alice = store.engine.user('alice')!;
      await store.write([{ op: 'user.delete', id: store.engine.user('carol')!.id }], { actor: SYSTEM_ACTOR });
      // Two organizations swap names in one batch: unique names hold at the end, not midway.
      const [acme, globex] = ['acme', 'globex'].map((n) => store.engine.organizations().find((o) => o.name === n)!) as [
        Organization,
        Organization,
      ];
      await store.write(
        [
          { op: 'organization.put', organization: { ...acme, name: 'swap' } },
          { op: 'organization.put', organization: { ...globex, name: 'acme' } },
          { op: 'organization.put', organization: { ...acme, name: 'globex' } },
        ],
        { actor: SYSTEM_ACTOR },
      );
      assert.equal(store.engine.organizations().find((o) => o.name === 'acme')?.id, globex.id);
      // A cascading delete removes projects, resources, groups, memberships and mappings with it.
      await store.write(plan(store.engine, INITECH), { actor: SYSTEM_ACTOR });
      const initech = store.engine.organizations().find((o) => o.name === 'initech')!;
      await store.write([{ op: 'organization.delete', id: initech.id, cascade: true }], { actor: SYSTEM_ACTOR });
      assert.equal(store.engine.user('alice')?.id, alice.id);
      const reopened = await harness.open(quiet);
      try {
        assert.equal(reopened.revision, store.revision);
        assert.deepEqual(exportDocument(reopened.engine), exportDocument(store.engine));
        assert.deepEqual(reopened.engine.settings, store.engine.settings);
        const e = store.engine;
        const keys: [EntityKind, string[]][] = [
          ['user', e.users().map((r) => r.id)],
          ['group', e.groups().map((r) => r.id)],
          ['role', e.roles().map((r) => r.id)],
          ['mapping', e.mappings().map((r) => r.id)],
          ['organization', e.organizations().map((r) => r.id)],
          ['permission', e.permissions().map((r) => r.key)],
        ];
        for (const [kind, list] of keys) {
          for (const key of list) assert.equal(reopened.version(kind, key), store.version(kind, key), `${kind} ${key}`);
        }
        assert.equal(reopened.engine.user('carol'), undefined);
        assert.equal(reopened.engine.user(alice.id)?.username, 'alice');
      } finally {
        await reopened.close();
      }
    });

    it('keeps deleted user ids from being reused after a restart', async () => {
      await store.write([user('u-temp', 'temp')], { actor: SYSTEM_ACTOR });
      await store.write([{ op: 'user.delete', id: 'u-temp' }], { actor: SYSTEM_ACTOR });
      const reopened = await harness.open(quiet);
      try {
        assert.equal(reopened.engine.isDeletedUserId('u-temp'), true);
        await rejectsWith(reopened.write([user('u-temp', 'temp')], { actor: SYSTEM_ACTOR }), 'USER_ID_REUSED');
      } finally {
        await reopened.close();
      }
    });

    it('versions follow exactly the records a write changed, cascades included, on the writer, a follower and after a restart', async () => {
      const other = await harness.open(quiet);
      try {
        const organization = store.engine.organizations()[0]!.id;
        const setup = await store.write(
          [
            user('u-eff', 'eff'),
            {
              op: 'group.put',
              group: { id: 'g-eff', organization, name: 'Effects', store: 'PRIMARY', description: null },
            },
            { op: 'member.add', membership: { group: 'g-eff', user: 'u-eff' } },
            { op: 'role.put', role: roleRecord({ id: 'r-inner', name: 'Inner' }) },
            { op: 'role.put', role: roleRecord({ id: 'r-outer', name: 'Outer', includes: ['r-inner'] }) },
            { op: 'role.put', role: roleRecord({ id: 'r-app', name: 'Application/eff_app', owner: 'u-eff' }) },
            { op: 'scope.put', scope: { name: 'eff:scope', description: null, roles: ['r-inner', 'r-outer'] } },
            {
              op: 'mapping.add',
              mapping: {
                id: 'm-eff',
                role: 'r-inner',
                subject: { kind: 'user', id: 'u-eff' },
                target: { level: 'organization', id: organization },
              },
            },
            {
              op: 'mapping.add',
              mapping: {
                id: 'm-eff-app',
                role: 'r-app',
                subject: { kind: 'user', id: 'u-eff' },
                target: { level: 'organization', id: organization },
              },
            },
          ],
          { actor: SYSTEM_ACTOR },
        );
        // A record a write leaves as it was keeps its version, even when the batch changed it and back.
        const eff = store.engine.user('u-eff')!;
        const same = await store.write(
          [
            { op: 'user.put', user: { ...eff } },
            { op: 'user.put', user: { ...eff, email: 'eff@x.test' } },
            { op: 'user.put', user: { ...eff } },
            user('u-eff2', 'eff2'),
          ],
          { actor: SYSTEM_ACTOR },
        );
        // Deleting a user takes its membership, direct mappings and application role; a cascading
        // role delete edits the role including it and the scope allowing it; a user created and
        // deleted in one batch leaves its id taken.
        const { revision } = await store.write(
          [
            { op: 'user.delete', id: 'u-eff' },
            { op: 'role.delete', id: 'r-inner', cascade: true },
            user('u-blink', 'blink'),
            { op: 'user.delete', id: 'u-blink' },
          ],
          { actor: SYSTEM_ACTOR },
        );
        const expected = {
          'user u-eff': undefined,
          'user u-eff2': same.revision,
          'deletedUserId u-eff': revision,
          'deletedUserId u-blink': revision,
          'user u-blink': undefined,
          'group g-eff': setup.revision,
          [`membership ${membershipKey('g-eff', 'u-eff')}`]: undefined,
          'mapping m-eff': undefined,
          'mapping m-eff-app': undefined,
          'role r-app': undefined,
          'role r-inner': undefined,
          'role r-outer': revision,
          'scope eff:scope': revision,
        };
        const versions = (s: Store) =>
          Object.fromEntries(
            Object.keys(expected).map((k) => {
              const [kind, ...key] = k.split(' ');
              return [k, s.version(kind as EntityKind, key.join(' '))];
            }),
          );
        assert.deepEqual(versions(store), expected, 'the writer');
        await other.sync();
        assert.deepEqual(versions(other), expected, 'a store catching up from the change log');
        const reopened = await harness.open(quiet);
        try {
          assert.deepEqual(versions(reopened), expected, 'the tables');
          assert.deepEqual((await reopened.get('role', 'r-outer'))?.record.includes, []);
          assert.deepEqual((await reopened.get('scope', 'eff:scope'))?.record.roles, ['r-outer']);
          assert.equal(reopened.engine.isDeletedUserId('u-blink'), true);
          assert.deepEqual(exportDocument(reopened.engine), exportDocument(store.engine));
        } finally {
          await reopened.close();
        }
      } finally {
        await other.close();
      }
    });

    it('two stores on one database never lose an update', async () => {
      const other = await harness.open(quiet);
      try {
        const start = store.revision;
        const writes = [];
        for (let i = 0; i < 10; i++) {
          writes.push(store.write([user(`u-a${i}`, `a${i}`)], { actor: SYSTEM_ACTOR }));
          writes.push(other.write([user(`u-b${i}`, `b${i}`)], { actor: SYSTEM_ACTOR }));
        }
        const revisions = (await Promise.all(writes)).map((r) => r.revision).sort((a, b) => a - b);
        assert.deepEqual(
          revisions,
          Array.from({ length: 20 }, (_, i) => start + 1 + i),
        );
        await store.sync();
        await other.sync();
        assert.equal(store.revision, other.revision);
        assert.deepEqual(exportDocument(other.engine), exportDocument(store.engine));
        for (let i = 0; i < 10; i++) assert.ok(store.engine.user(`u-b${i}`) && other.engine.user(`u-a${i}`));

        // Both update one user against the same version: exactly one wins.
        const dave = store.engine.user('u-dave')!;
        const version = store.version('user', dave.id)!;
        const results = await Promise.allSettled([
          store.write([{ op: 'user.put', user: { ...dave, email: 'one@x.test' } }], {
            actor: SYSTEM_ACTOR,
            expect: [{ kind: 'user', key: dave.id, version }],
          }),
          other.write([{ op: 'user.put', user: { ...dave, email: 'two@x.test' } }], {
            actor: SYSTEM_ACTOR,
            expect: [{ kind: 'user', key: dave.id, version }],
          }),
        ]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        assert.equal((failed.reason as TesseraError).code, 'CONFLICT');
      } finally {
        await other.close();
      }
    });

    it('atLeast: a read waits for the index to reach the revision, or fails with REVISION_TIMEOUT', async () => {
      const other = await harness.open(quiet);
      try {
        const { revision } = await store.write([user('u-late', 'late')], { actor: SYSTEM_ACTOR });
        assert.equal(other.engine.user('u-late') === undefined || other.revision >= revision, true);
        const seen = await other.read((e) => e.user('u-late')?.username, { atLeast: revision });
        assert.equal(seen, 'late');
        assert.equal((await other.get('user', 'u-late', { atLeast: revision }))?.version, revision);
        await rejectsWith(other.waitFor(revision + 1000, { timeoutMs: 60 }), 'REVISION_TIMEOUT');
        await rejectsWith(
          other.read(() => 1, { atLeast: revision + 1000, timeoutMs: 30 }),
          'REVISION_TIMEOUT',
        );
        const pending = other.waitFor(revision + 1, { timeoutMs: 2000 });
        await store.write([user('u-later', 'later')], { actor: SYSTEM_ACTOR });
        assert.equal(await pending, revision + 1);
      } finally {
        await other.close();
      }
    });

    it('follows the change log in the background', async () => {
      const follower = await harness.open({ followIntervalMs: 10 });
      try {
        const { revision } = await store.write([user('u-followed', 'followed')], { actor: SYSTEM_ACTOR });
        // A wait that ends as soon as the change is in; long only for a busy machine.
        const deadline = Date.now() + 20_000;
        while (follower.revision < revision && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        assert.equal(follower.engine.user('u-followed')?.username, 'followed');
      } finally {
        await follower.close();
      }
    });
  });
}
