import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { membershipKey } from '../../src/core/effects.js';
import { SYSTEM_ACTOR } from '../../src/core/gate.js';
import type { Change } from '../../src/core/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { membershipsFromKeys } from '../../src/store/kysely-store.js';

const directory = mkdtempSync(join(tmpdir(), 'tessera-index-load-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** Ids with the characters a membership key escapes or could be cut at. */
const ODD_IDS = ['plain', 'with "quotes"', 'back\\slash', 'comma","cut', '["bracket"]', 'ünïcødé ✓', 'tab\there'];

describe('index load: memberships read from their keys', () => {
  it('splits every key back into the group and user it was made of', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string({ minLength: 1 })), { maxLength: 30 }),
        (pairs) => {
          const { groups, users } = membershipsFromKeys(pairs.map(([g, u]) => membershipKey(g, u)));
          assert.deepEqual(
            groups,
            pairs.map(([g]) => g),
          );
          assert.deepEqual(
            users,
            pairs.map(([, u]) => u),
          );
        },
      ),
    );
    // Ids whose own characters make the `","` between the key's two ids with its quotes.
    const edges = [
      [',', ' '],
      [',', ','],
      [' ', ','],
      [',,', '","'],
    ] as const;
    const cut = membershipsFromKeys(edges.map(([g, u]) => membershipKey(g, u)));
    assert.deepEqual(
      cut.groups,
      edges.map(([g]) => g),
    );
    assert.deepEqual(
      cut.users,
      edges.map(([, u]) => u),
    );
    const odd = ODD_IDS.flatMap((g) => ODD_IDS.map((u) => [g, u] as const));
    const { groups, users } = membershipsFromKeys(odd.map(([g, u]) => membershipKey(g, u)));
    assert.deepEqual(
      groups,
      odd.map(([g]) => g),
    );
    assert.deepEqual(
      users,
      odd.map(([, u]) => u),
    );
  });

  it('gives a reopened store the same members and groups, ids with quotes and backslashes included', async () => {
    const file = join(directory, 'odd-ids.db');
    let store = await createSqliteStore({ database: file, followIntervalMs: 0 });
    const organization = store.engine.organizations()[0]?.id;
    const changes: Change[] = [];
    let home = organization;
    if (home === undefined) {
      home = 'org-odd';
      changes.push({
        op: 'organization.put',
        organization: { id: home, name: 'odd', parent: null, requireTwoFactor: false, adminRole: null },
      });
    }
    ODD_IDS.forEach((id, i) => {
      changes.push({
        op: 'user.put',
        user: { id: `u ${id}`, username: `user${i}`, store: 'PRIMARY', email: null, status: 'active' },
      });
      changes.push({
        op: 'group.put',
        group: { id: `g ${id}`, organization: home, name: `group${i}`, store: 'PRIMARY', description: null },
      });
    });
    // Every user in a different number of groups (0 to 6), so each one's group list has its own size.
    ODD_IDS.forEach((user, i) => {
      for (const group of ODD_IDS.slice(0, i))
        changes.push({ op: 'member.add', membership: { group: `g ${group}`, user: `u ${user}` } });
    });
    await store.write(changes, { actor: SYSTEM_ACTOR });
    const before = ODD_IDS.map((id) => [store.engine.members(`g ${id}`).sort(), store.engine.user(`u ${id}`)]);
    await store.close();

    store = await createSqliteStore({ database: file, followIntervalMs: 0 });
    try {
      const reloaded = ODD_IDS.map((id) => [store.engine.members(`g ${id}`).sort(), store.engine.user(`u ${id}`)]);
      assert.deepEqual(reloaded, before);
      assert.equal(store.engine.members(`g ${ODD_IDS[0]}`).length, ODD_IDS.length - 1);
      // A member added after the load joins the loaded list of groups (sized exactly at load).
      await store.write([{ op: 'member.add', membership: { group: `g ${ODD_IDS[6]}`, user: `u ${ODD_IDS[0]}` } }], {
        actor: SYSTEM_ACTOR,
      });
      assert.deepEqual(store.engine.members(`g ${ODD_IDS[6]}`), [`u ${ODD_IDS[0]}`]);
      await store.write([{ op: 'member.remove', membership: { group: `g ${ODD_IDS[0]}`, user: `u ${ODD_IDS[6]}` } }], {
        actor: SYSTEM_ACTOR,
      });
      assert.ok(!store.engine.members(`g ${ODD_IDS[0]}`).includes(`u ${ODD_IDS[6]}`));
    } finally {
      await store.close();
    }
  });
});
