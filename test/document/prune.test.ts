import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AccessEngine } from '../../src/core/index.js';
import { applyDocument, parseText, planDocument } from '../../src/document/index.js';
import { presetResolver } from '../../src/presets/index.js';

const BEFORE = `
preset: choreo
organizations:
  - name: acme
    projects:
      - name: engineering
        resources:
          - { type: api, name: orders }
          - { type: api, name: legacy }
      - name: marketing
  - name: globex
    projects: [{ name: sales }]
users: [{ username: alice }, { username: bob }, { username: carol }]
groups:
  - { organization: acme, name: Engineering, members: [alice, bob] }
  - { organization: acme, name: Temporary }
  - { organization: globex, name: Sales }
roles:
  - { organization: acme, name: Monitor, permissions: [component:monitor] }
  - { organization: acme, name: Old Role, permissions: [component:monitor] }
mappings:
  - { role: Developer, group: Engineering, project: acme/engineering }
  - { role: Monitor, user: bob, organization: acme }
  - { role: Old Role, user: carol, organization: acme }
  - { role: Developer, user: carol, project: acme/marketing }
  - { role: Developer, user: carol, project: globex/sales }
`;

/** The whole truth for acme: what BEFORE has, less legacy, marketing, Temporary, Old Role, bob's membership and two mappings. */
const TRUTH = `
organizations:
  - name: acme
    projects:
      - name: engineering
        resources: [{ type: api, name: orders }]
groups:
  - { organization: acme, name: Engineering, members: [alice] }
roles:
  - { organization: acme, name: Monitor, permissions: [component:monitor] }
mappings:
  - { role: Developer, group: Engineering, project: acme/engineering }
  - { role: Monitor, user: bob, organization: acme }
`;

function engineBefore(): AccessEngine {
  const engine = new AccessEngine();
  applyDocument(engine, BEFORE, { presets: presetResolver });
  return engine;
}

const names = (engine: AccessEngine) => ({
  projects: engine
    .projects()
    .map((p) => `${engine.organizations().find((o) => o.id === p.organization)!.name}/${p.name}`)
    .sort(),
  resources: engine
    .resources()
    .map((r) => r.name)
    .sort(),
  groups: engine
    .groups()
    .map((g) => `${engine.organizations().find((o) => o.id === g.organization)!.name}/${g.name}`)
    .sort(),
});

describe('declarative sync: prune', () => {
  test('without prune a document only ever adds', () => {
    const engine = engineBefore();
    const before = names(engine);
    const mappings = engine.mappings().length;
    const report = applyDocument(engine, TRUTH, { presets: presetResolver });
    assert.equal(report.deleted, undefined);
    assert.deepEqual(names(engine), before);
    assert.equal(engine.mappings().length, mappings);
  });

  test('with prune, what the document does not name in the organizations it declares is deleted', () => {
    const engine = engineBefore();
    const report = applyDocument(engine, TRUTH, { presets: presetResolver, prune: true });
    const after = names(engine);
    assert.deepEqual(after.projects, ['acme/engineering', 'globex/sales']);
    assert.deepEqual(after.resources, ['orders']);
    assert.equal(after.groups.includes('acme/Temporary'), false);
    assert.ok(engine.findRole('Monitor', engine.organizations().find((o) => o.name === 'acme')!.id));
    assert.equal(
      engine.roles().some((r) => r.name === 'Old Role'),
      false,
    );
    const engineering = engine.findGroup('acme', 'Engineering')!;
    const bob = engine.user('bob')!;
    assert.deepEqual(engine.members(engineering.id), [engine.user('alice')!.id], "bob's membership is pruned");
    const carol = engine.user('carol')!;
    const carols = engine.mappings().filter((m) => m.subject.kind === 'user' && m.subject.id === carol.id);
    assert.equal(carols.length, 1, 'only the mapping in globex is left');
    assert.ok(engine.mappings().some((m) => m.subject.kind === 'user' && m.subject.id === bob.id));
    assert.ok(report.deleted!.includes('project "acme/marketing"'));
    assert.ok(report.deleted!.includes('resource "acme/engineering/api/legacy"'));
    assert.ok(report.deleted!.includes('group "acme/Temporary"'));
    assert.ok(report.deleted!.includes('member "PRIMARY/bob" of group "Engineering"'));
    assert.ok(report.deleted!.some((label) => label.startsWith('mapping "Old Role" → user "PRIMARY/carol"')));
  });

  test("organizations the document does not declare, and the preset's organization defaults, are left alone", () => {
    const engine = engineBefore();
    const defaults = engine
      .groups()
      .filter((g) => g.organization === engine.organizations().find((o) => o.name === 'acme')!.id);
    applyDocument(engine, TRUTH, { presets: presetResolver, prune: true });
    const after = names(engine);
    assert.ok(after.groups.includes('globex/Sales'));
    assert.ok(after.projects.includes('globex/sales'));
    for (const group of defaults.filter((g) => g.name !== 'Temporary' && g.name !== 'Engineering'))
      assert.ok(engine.group(group.id), `default group ${group.name} kept`);
    assert.ok(
      engine.mappings().some((m) => m.subject.kind === 'everyone' || m.subject.kind === 'group'),
      'default mappings kept',
    );
  });

  test('a dry run lists what would be deleted and changes nothing; applying the truth twice deletes nothing the second time', () => {
    const engine = engineBefore();
    const revision = engine.revision;
    const plan = planDocument(engine, parseText(TRUTH).value, { presets: presetResolver, prune: true });
    assert.ok(plan.ok);
    assert.ok(plan.report.deleted!.length >= 6, JSON.stringify(plan.report.deleted));
    assert.equal(engine.revision, revision);
    applyDocument(engine, TRUTH, { presets: presetResolver, prune: true });
    const again = applyDocument(engine, TRUTH, { presets: presetResolver, prune: true });
    assert.deepEqual(again.deleted, []);
    assert.deepEqual(again.created, []);
  });
});
