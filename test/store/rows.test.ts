import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccessEngine, type Change, type Effect, membershipKey, roleRecord } from '../../src/core/index.js';
import { parseText, planDocument } from '../../src/document/index.js';
import { presetResolver } from '../../src/presets/index.js';
import { KINDS } from '../../src/store/kinds.js';
import { rowsOf } from '../../src/store/rows.js';

const DOCUMENT = `
preset: choreo
organizations:
  - name: acme
    projects: [{ name: engineering, resources: [{ type: api, name: pizza, private: true }] }]
users: [{ username: alice }, { username: bob }]
groups:
  - { organization: acme, name: Engineering, members: [alice, bob] }
mappings:
  - { role: Developer, group: Engineering, project: acme/engineering }
  - { role: Admin, user: alice, organization: acme }
`;

function planned(engine: AccessEngine): Change[] {
  const plan = planDocument(engine, parseText(DOCUMENT).value, { presets: presetResolver });
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
  return plan.changes;
}

describe('rows from effects', () => {
  it('the engine keys each effect as the store keys its rows', () => {
    const engine = new AccessEngine();
    const effects: Effect[] = [...engine.applyWithEffects(planned(engine)).effects];
    const acme = engine.organizations()[0]!.id;
    effects.push(
      ...engine.applyWithEffects([
        { op: 'userStore.put', userStore: { name: 'LDAP', readOnly: false, description: null } },
      ]).effects,
      ...engine.applyWithEffects([{ op: 'user.delete', id: engine.user('bob')!.id }]).effects,
      ...engine.applyWithEffects([{ op: 'organization.delete', id: acme, cascade: true }]).effects,
    );
    const kinds = new Set(effects.map((e) => e.kind));
    for (const kind of [
      'settings',
      'organization',
      'project',
      'resource',
      'userStore',
      'user',
      'deletedUserId',
      'group',
      'membership',
      'permission',
      'role',
      'scope',
      'mapping',
    ] as const) {
      if (kind !== 'scope') assert.ok(kinds.has(kind), `the batches report ${kind}`);
    }
    for (const effect of effects) {
      const record = effect.record ?? effect.previous;
      const spec = KINDS[effect.kind] as unknown as { key(record: unknown): string };
      assert.equal(effect.key, spec.key(record), `${effect.kind} ${effect.key}`);
    }
  });

  it('writes each record once, as the batch left it, and leaves alone what it left as it was', () => {
    const engine = new AccessEngine();
    engine.apply(planned(engine));
    const alice = engine.user('alice')!;
    const group = engine.findGroup(engine.organizations()[0]!.id, 'Engineering')!.id;
    const { effects } = engine.applyWithEffects([
      { op: 'user.put', user: { ...alice, email: 'a@x.test' } },
      { op: 'user.put', user: { ...alice } },
      { op: 'member.remove', membership: { group, user: alice.id } },
      { op: 'member.add', membership: { group, user: alice.id } },
      { op: 'user.put', user: { id: 'u-new', username: 'new', store: 'PRIMARY', email: null, status: 'active' } },
      { op: 'user.put', user: { id: 'u-new', username: 'newer', store: 'PRIMARY', email: null, status: 'active' } },
      { op: 'user.put', user: { id: 'u-gone', username: 'gone', store: 'PRIMARY', email: null, status: 'active' } },
      { op: 'member.add', membership: { group, user: 'u-gone' } },
      { op: 'user.delete', id: 'u-gone' },
      { op: 'role.put', role: roleRecord({ id: 'r-x', name: 'X' }) },
    ]);
    assert.equal(effects.length, 12);
    const rows = rowsOf(effects).rows.map((r) => [
      r.kind,
      r.key,
      r.record === null ? null : JSON.parse(r.record),
      r.nameKey,
    ]);
    assert.deepEqual(rows, [
      [
        'user',
        'u-new',
        { id: 'u-new', username: 'newer', store: 'PRIMARY', email: null, status: 'active' },
        JSON.stringify(['PRIMARY', 'newer']),
      ],
      ['deletedUserId', 'u-gone', { id: 'u-gone' }, null],
      ['role', 'r-x', JSON.parse(JSON.stringify(engine.role('r-x'))), null],
    ]);
    assert.equal(
      rowsOf(effects).rows.some((r) => r.key === membershipKey(group, 'u-gone')),
      false,
      'added and removed: nothing to write',
    );
  });
});
