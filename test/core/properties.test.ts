/**
 * Property tests: the engine against the slow reference evaluator of test/reference/evaluator.ts,
 * on random models and random mutation sequences (test/reference/arbitraries.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { AccessEngine, TesseraError, roleRecord } from '../../src/core/index.js';
import type { Change } from '../../src/core/changes.js';
import type { Level, Permission, RoleMapping, Target } from '../../src/core/model.js';
import {
  type Scenario,
  type Universe,
  allChanges,
  extraBatch,
  makeMapping,
  mappingSeedArb,
  mutationSeedArb,
  scenarioArb,
  universe,
} from '../reference/arbitraries.js';
import { type Ref, ReferenceEvaluator, VIEW_PRIVATE, referenceFor, replay } from '../reference/evaluator.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

const ORG = (id: string, parent: string | null): Change => ({
  op: 'organization.put',
  organization: { id, name: `org-${id}`, parent, requireTwoFactor: false, adminRole: null },
});

/** Two organizations, the second under the first, with mappings at and below the second. */
function movableOrganizations(): Change[] {
  return [
    ORG('o1', null),
    ORG('o2', 'o1'),
    { op: 'project.put', project: { id: 'p1', name: 'proj-p1', organization: 'o2' } },
    {
      op: 'permission.put',
      permission: { key: 'a', description: null, levels: ['organization', 'project'], visibilityGated: false },
    },
    { op: 'role.put', role: roleRecord({ id: 'R1', name: 'R1', permissions: ['a'] }) },
    {
      op: 'mapping.add',
      mapping: { id: 'm1', role: 'R1', subject: { kind: 'everyone' }, target: { level: 'organization', id: 'o2' } },
    },
    {
      op: 'mapping.add',
      mapping: { id: 'm2', role: 'R1', subject: { kind: 'anonymous' }, target: { level: 'project', id: 'p1' } },
    },
  ];
}

const GENERATION = { moveOrganizations: true };
const SCENARIOS = scenarioArb(GENERATION);

// ───────────────────────────── helpers ─────────────────────────────

function label(user: string | null, permission: string, ref: Ref): string {
  return `(user=${user === null ? 'guest' : user}, permission=${permission}, target=${ref.type}/${ref.id})`;
}

/** Applies the scenario batch by batch and checks the revision grows by one per batch. */
function incremental(scenario: Scenario): AccessEngine {
  const engine = new AccessEngine();
  let revision = engine.apply(scenario.model);
  assert.equal(revision, 1, 'the first batch makes revision 1');
  for (const batch of scenario.mutations) {
    const next = engine.apply(batch);
    assert.equal(next, revision + 1, `revision grows by one per batch (batch ${JSON.stringify(batch)})`);
    revision = next;
  }
  return engine;
}

function fromScratch(scenario: Scenario): AccessEngine {
  const engine = new AccessEngine();
  engine.apply(allChanges(scenario));
  return engine;
}

function* triples(u: Universe): Generator<[string | null, string, Ref]> {
  for (const user of u.users)
    for (const permission of u.permissions) for (const ref of u.targets) yield [user, permission, ref];
}

/** Pages through a paged read (`after` = the previous page's `next`), checking no item repeats across pages. */
function pageAll<T>(
  read: (after: string | null) => { items: readonly T[]; next: string | null },
  keyOf: (item: T) => string,
): T[] {
  const all: T[] = [];
  const seen = new Set<string>();
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = read(after);
    for (const item of page.items) {
      const key = keyOf(item);
      assert.ok(!seen.has(key), `duplicate ${key} across pages`);
      seen.add(key);
      all.push(item);
    }
    if (page.next === null) return all;
    after = page.next;
  }
  assert.fail('paging did not end');
}

/** The denial codes that describe a denied decision truthfully (any of them will do). */
function expectedDenialCodes(
  ref: ReferenceEvaluator,
  user: string | null,
  permission: string,
  resource: Ref,
): Set<string> {
  const s = ref.snapshot;
  const codes = new Set<string>();
  const target = ref.resolve(resource);
  if (!s.permissions.has(permission)) codes.add('UNKNOWN_PERMISSION');
  if (target === null) codes.add('UNKNOWN_TARGET');
  if (user !== null && !s.users.has(user)) codes.add('UNKNOWN_USER');
  if (user !== null && s.users.get(user)?.status === 'disabled') codes.add('USER_DISABLED');
  if (codes.size > 0) return codes;
  const holding = ref.holding(user, permission, target!);
  if (holding.length === 0) return new Set(['NO_GRANT']);
  for (const h of holding) {
    const why = ref.exclusion(user, permission, target!, h.mapping);
    if (why !== null) codes.add(why);
  }
  return codes;
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

const perm = (
  key: string,
  levels: Level[] = ['organization', 'project', 'resource'],
  visibilityGated = false,
): Change => ({
  op: 'permission.put',
  permission: { key, description: null, levels, visibilityGated } satisfies Permission,
});
const role = (id: string, permissions: string[], includes: string[] = []): Change => ({
  op: 'role.put',
  role: roleRecord({ id, name: id, permissions, includes }),
});
const map = (id: string, roleId: string, subject: RoleMapping['subject'], target: Target): Change => ({
  op: 'mapping.add',
  mapping: { id, role: roleId, subject, target },
});
const userPut = (id: string, status: 'active' | 'invited' | 'disabled' = 'active'): Change => ({
  op: 'user.put',
  user: { id, username: `name-${id}`, store: 'PRIMARY', email: null, status },
});

/** acme ⊃ eng ⊃ {pizza (api), secret (private api)}; acme ⊃ loose (application, no project). */
const BASE: Change[] = [
  {
    op: 'organization.put',
    organization: { id: 'acme', name: 'Acme', parent: null, requireTwoFactor: false, adminRole: null },
  },
  { op: 'project.put', project: { id: 'eng', name: 'engineering', organization: 'acme' } },
  {
    op: 'resource.put',
    resource: { id: 'pizza', type: 'api', name: 'pizza-shack', organization: 'acme', project: 'eng', private: false },
  },
  {
    op: 'resource.put',
    resource: { id: 'secret', type: 'api', name: 'secret-api', organization: 'acme', project: 'eng', private: true },
  },
  {
    op: 'resource.put',
    resource: {
      id: 'loose',
      type: 'application',
      name: 'loose-app',
      organization: 'acme',
      project: null,
      private: false,
    },
  },
  perm('api'),
  perm('api:read', undefined, true),
  perm('api:analytics'),
  perm('api:admins', ['resource']),
  perm('apix'),
  userPut('alice'),
  userPut('ivy', 'invited'),
  userPut('dan', 'disabled'),
  {
    op: 'group.put',
    group: { id: 'devs', organization: 'acme', name: 'Developers', store: 'PRIMARY', description: null },
  },
  { op: 'member.add', membership: { group: 'devs', user: 'ivy' } },
  { op: 'member.add', membership: { group: 'devs', user: 'dan' } },
];

const ACME: Target = { level: 'organization', id: 'acme' };
const ENG: Target = { level: 'project', id: 'eng' };
const PIZZA: Target = { level: 'resource', id: 'pizza' };
const SECRET: Target = { level: 'resource', id: 'secret' };
const LOOSE: Target = { level: 'resource', id: 'loose' };

// ───────────────────────────── the reference on hand-written models ─────────────────────────────

describe('reference evaluator (hand-written models)', () => {
  test('an organization-level mapping grants in its projects and resources, through the permission tree', () => {
    const ref = referenceFor([...BASE, role('Dev', ['api']), map('m1', 'Dev', { kind: 'user', id: 'alice' }, ACME)]);
    for (const t of [ACME, ENG, PIZZA, LOOSE]) {
      assert.equal(ref.allowed('alice', 'api', t), true);
      assert.equal(ref.allowed('alice', 'api:analytics', t), true);
    }
    assert.equal(ref.allowed('alice', 'apix', PIZZA), false, '`api` does not cover `apix`');
    assert.equal(ref.allowed('alice', 'nope', PIZZA), false, 'undeclared permission');
    assert.equal(ref.allowed('bob', 'api', PIZZA), false, 'unknown user');
    assert.equal(ref.allowed(null, 'api', PIZZA), false, 'guest has no mapping');
    assert.deepEqual(ref.chain(PIZZA), [ACME, ENG, PIZZA]);
    assert.deepEqual(ref.chain(LOOSE), [ACME, LOOSE]);
    assert.equal(ref.highestPosition('alice', 'api', PIZZA), 0);
  });

  test('a project-level mapping does not grant at the organization or in other places', () => {
    const ref = referenceFor([
      ...BASE,
      role('Dev', ['api:read']),
      map('m1', 'Dev', { kind: 'group', id: 'devs' }, ENG),
    ]);
    assert.equal(ref.allowed('ivy', 'api:read', PIZZA), true, 'invited users get group mappings');
    assert.equal(ref.allowed('ivy', 'api:read', ACME), false);
    assert.equal(ref.allowed('ivy', 'api:read', LOOSE), false);
    assert.equal(ref.allowed('ivy', 'api', PIZZA), false, 'a child does not cover its parent');
    assert.equal(ref.allowed('dan', 'api:read', PIZZA), false, 'a disabled user is denied everything');
    assert.deepEqual(ref.reverseLookup('api:read', { type: 'api', id: 'pizza' }), ['ivy']);
  });

  test('a resource-only permission does not count from the organization, only from the resource itself', () => {
    const ref = referenceFor([
      ...BASE,
      role('Admin', ['api']),
      map('m1', 'Admin', { kind: 'user', id: 'alice' }, ACME),
      map('m2', 'Admin', { kind: 'user', id: 'ivy' }, PIZZA),
    ]);
    assert.equal(ref.allowed('alice', 'api:admins', PIZZA), false);
    assert.equal(ref.allowed('alice', 'api:publish', PIZZA), false, 'undeclared');
    assert.equal(ref.allowed('alice', 'api:analytics', PIZZA), true);
    assert.equal(ref.allowed('ivy', 'api:admins', PIZZA), true);
    assert.equal(ref.allowed('ivy', 'api:admins', SECRET), false);
    assert.deepEqual(ref.lookup('ivy', 'api:admins', 'api'), ['pizza']);
  });

  test('a private resource does not inherit a gated permission, still inherits the others; an invitation or view-private grants it', () => {
    const base = [...BASE, role('Reader', ['api']), map('m1', 'Reader', { kind: 'user', id: 'alice' }, ACME)];
    let ref = referenceFor(base);
    assert.equal(ref.allowed('alice', 'api:read', PIZZA), true);
    assert.equal(ref.allowed('alice', 'api:read', SECRET), false, 'gated, private, not invited');
    assert.equal(ref.allowed('alice', 'api:analytics', SECRET), true, 'not gated: inherits');
    assert.deepEqual(ref.lookup('alice', 'api:read', 'api'), ['pizza']);

    // An invitation: a mapping on the resource itself.
    ref = referenceFor([...base, map('m2', 'Reader', { kind: 'user', id: 'alice' }, SECRET)]);
    assert.equal(ref.allowed('alice', 'api:read', SECRET), true);
    assert.equal(ref.highestPosition('alice', 'api:read', SECRET), 2, 'only the invitation counts');

    // resource:view-private declared and held at the organization: ancestors count again.
    ref = referenceFor([
      ...base,
      perm('resource'),
      perm(VIEW_PRIVATE, ['organization', 'project'], true),
      role('Peeker', [VIEW_PRIVATE]),
      map('m3', 'Peeker', { kind: 'user', id: 'alice' }, ENG),
    ]);
    assert.equal(ref.allowed('alice', VIEW_PRIVATE, SECRET), true, 'view-private is never gated itself');
    assert.equal(ref.allowed('alice', 'api:read', SECRET), true);
    assert.equal(ref.highestPosition('alice', 'api:read', SECRET), 0, 'the organization-level mapping is the highest');

    // view-private held, but the permission is gated and view-private is undeclared: never counts.
    ref = referenceFor([...base, role('Star', ['*']), map('m4', 'Star', { kind: 'user', id: 'alice' }, ENG)]);
    assert.equal(ref.allowed('alice', 'api:read', SECRET), false);
  });

  test('everyone covers active users only, anonymous only the guest; composite roles and * expand', () => {
    const ref = referenceFor([
      ...BASE,
      role('Base', ['api:analytics']),
      role('Composite', [], ['Base']),
      role('Star', ['*']),
      map('m1', 'Composite', { kind: 'everyone' }, ACME),
      map('m2', 'Star', { kind: 'anonymous' }, LOOSE),
    ]);
    assert.equal(ref.allowed('alice', 'api:analytics', PIZZA), true);
    assert.equal(ref.allowed('ivy', 'api:analytics', PIZZA), false, 'invited: not everyone');
    assert.equal(ref.allowed(null, 'api:analytics', PIZZA), false);
    assert.equal(ref.allowed(null, 'apix', LOOSE), true);
    assert.equal(ref.allowed(null, 'api:admins', LOOSE), true, 'resource-level mapping on the resource itself');
    assert.equal(ref.allowed('alice', 'apix', LOOSE), false, 'a signed-in user is not anonymous');
    assert.deepEqual(ref.permissionsAt(null, { type: 'application', id: 'loose' }), [
      'api',
      'api:admins',
      'api:analytics',
      'api:read',
      'apix',
    ]);
    assert.deepEqual(ref.reverseLookup('api:analytics', { type: 'application', id: 'loose' }), [null, 'alice']);
  });

  test('replay: cascading deletes drop the mappings, memberships and includes that referred to the deleted records', () => {
    const changes: Change[] = [
      ...BASE,
      role('Base', ['api']),
      role('Composite', [], ['Base']),
      map('m1', 'Base', { kind: 'group', id: 'devs' }, ENG),
      map('m2', 'Composite', { kind: 'user', id: 'alice' }, PIZZA),
      { op: 'scope.put', scope: { name: 's', description: null, roles: ['Base'] } },
    ];
    let ref = referenceFor(changes);
    assert.deepEqual(ref.grantableScopes('alice', ['s', 'x'], { type: 'api', id: 'pizza' }), {
      granted: ['s'],
      refused: ['x'],
    });
    assert.deepEqual(ref.grantableScopes('alice', ['s'], { type: 'project', id: 'eng' }), {
      granted: [],
      refused: ['s'],
    });
    ref = referenceFor([...changes, { op: 'role.delete', id: 'Base', cascade: true }]);
    assert.deepEqual([...ref.snapshot.mappings.keys()], ['m2']);
    assert.deepEqual(ref.snapshot.roles.get('Composite')?.includes, []);
    assert.deepEqual(ref.snapshot.scopes.get('s')?.roles, []);
    ref = referenceFor([
      ...changes,
      { op: 'group.delete', id: 'devs', cascade: true },
      { op: 'project.delete', id: 'eng', cascade: true },
    ]);
    assert.deepEqual([...ref.snapshot.mappings.keys()], []);
    assert.deepEqual(ref.snapshot.memberships, []);
    assert.deepEqual([...ref.snapshot.resources.keys()], ['loose']);
  });

  test('the generator makes scenarios the engine accepts and the reference replays', () => {
    fc.assert(
      fc.property(SCENARIOS, (scenario) => {
        incremental(scenario);
        const snapshot = replay(allChanges(scenario));
        for (const m of snapshot.mappings.values()) assert.ok(snapshot.roles.has(m.role));
      }),
      { numRuns: 100 },
    );
  });
});

// ───────────────────────────── the engine against the reference ─────────────────────────────

describe('engine properties (against the reference evaluator)', () => {
  test('P1: check agrees with the reference on every (user, permission, target) after each random mutation; one revision per batch', () => {
    fc.assert(
      fc.property(SCENARIOS, (scenario) => {
        const engine = new AccessEngine();
        const applied: Change[] = [];
        const u = universe(allChanges(scenario));
        const batches = [scenario.model, ...scenario.mutations];
        batches.forEach((batch, i) => {
          const revision = engine.apply(batch);
          assert.equal(revision, i + 1, `revision grows by one per batch (batch ${JSON.stringify(batch)})`);
          applied.push(...batch);
          const ref = referenceFor(applied); // full replay of everything applied so far
          for (const [user, permission, resource] of triples(u)) {
            const decision = engine.check({ user, permission, resource });
            assert.equal(decision.revision, revision);
            assert.equal(
              decision.allowed,
              ref.allowedRef(user, permission, resource),
              `check ${label(user, permission, resource)} at revision ${revision}, after ${JSON.stringify(batch)}`,
            );
          }
        });
      }),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });

  test('P2: permissionsAt, paged lookup, paged reverseLookup, grantableScopes and checkMany agree with the reference', () => {
    fc.assert(
      fc.property(SCENARIOS, fc.integer({ min: 1, max: 3 }), (scenario, limit) => {
        const engine = incremental(scenario);
        const changes = allChanges(scenario);
        const ref = referenceFor(changes);
        const u = universe(changes);
        for (const user of u.users) {
          for (const resource of u.targets) {
            const held = engine.permissionsAt({ user, resource }).permissions.map((p) => p.key);
            assert.deepEqual(
              sorted(held),
              ref.permissionsAt(user, resource),
              `permissionsAt ${label(user, '*', resource)}`,
            );
            const scopes = engine.grantableScopes({ user, requested: u.scopes, resource });
            const expected = ref.grantableScopes(user, u.scopes, resource);
            assert.deepEqual(
              sorted(scopes.granted),
              sorted(expected.granted),
              `grantableScopes granted ${label(user, '-', resource)}`,
            );
            assert.deepEqual(
              sorted(scopes.refused.map((r) => r.scope)),
              sorted(expected.refused),
              `grantableScopes refused ${label(user, '-', resource)}`,
            );
          }
          for (const permission of u.permissions) {
            for (const type of u.types) {
              const items = pageAll(
                (after) => engine.lookup({ user, permission, type, limit, after }),
                (item) => item.id,
              );
              const ids = items.map((item) => item.id);
              assert.deepEqual(
                ids,
                ref.lookup(user, permission, type),
                `lookup user=${user} permission=${permission} type=${type} limit=${limit}`,
              );
            }
          }
        }
        for (const permission of u.permissions) {
          for (const resource of u.targets) {
            const items = pageAll(
              (after) => engine.reverseLookup({ permission, resource, limit, after }),
              (item) => (item.user === null ? '' : item.user.id),
            );
            const who = items.map((item) => (item.user === null ? null : item.user.id));
            assert.deepEqual(
              [...who].sort((a, b) => (a ?? '').localeCompare(b ?? '')),
              [...ref.reverseLookup(permission, resource)].sort((a, b) => (a ?? '').localeCompare(b ?? '')),
              `reverseLookup permission=${permission} target=${resource.type}/${resource.id} limit=${limit}`,
            );
            const target = ref.resolve(resource)!;
            for (const item of items) {
              const counting = ref.counting(item.user?.id ?? null, permission, target).map((c) => c.mapping.id);
              assert.ok(
                counting.includes(item.grant.mapping),
                `reverseLookup grant ${item.grant.mapping} counts for ${item.user?.id ?? 'guest'}`,
              );
            }
          }
        }
        const requests = [...triples(u)].map(([user, permission, resource]) => ({ user, permission, resource }));
        const many = engine.checkMany(requests);
        assert.equal(many.decisions.length, requests.length);
        requests.forEach((r, i) => {
          assert.equal(
            many.decisions[i]!.allowed,
            ref.allowedRef(r.user, r.permission, r.resource),
            `checkMany ${label(r.user, r.permission, r.resource)}`,
          );
        });
      }),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });

  test('P3: adding a mapping never removes a permission', () => {
    fc.assert(
      fc.property(SCENARIOS, mappingSeedArb, (scenario, seed) => {
        const engine = incremental(scenario);
        const changes = allChanges(scenario);
        const snapshot = replay(changes);
        const mapping = makeMapping(snapshot, seed, 'm-extra');
        fc.pre(mapping !== null);
        const u = universe(changes);
        const all = [...triples(u)];
        const before = all.map(([user, permission, resource]) => engine.check({ user, permission, resource }).allowed);
        const refBefore = new ReferenceEvaluator(snapshot);
        const refBeforeAnswers = all.map(([user, permission, resource]) =>
          refBefore.allowedRef(user, permission, resource),
        );
        engine.apply([{ op: 'mapping.add', mapping: mapping! }]);
        const refAfter = referenceFor([...changes, { op: 'mapping.add', mapping: mapping! }]);
        all.forEach(([user, permission, resource], i) => {
          const after = engine.check({ user, permission, resource }).allowed;
          if (before[i])
            assert.ok(
              after,
              `engine lost ${label(user, permission, resource)} after adding ${JSON.stringify(mapping)}`,
            );
          if (refBeforeAnswers[i])
            assert.ok(refAfter.allowedRef(user, permission, resource), 'reference is monotone too');
          assert.equal(
            after,
            refAfter.allowedRef(user, permission, resource),
            `after adding: ${label(user, permission, resource)}`,
          );
        });
      }),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });

  test('P4: the explanation names a highest-level counting mapping when allowed, and a denial when denied', () => {
    fc.assert(
      fc.property(SCENARIOS, (scenario) => {
        const engine = incremental(scenario);
        const changes = allChanges(scenario);
        const ref = referenceFor(changes);
        for (const [user, permission, resource] of triples(universe(changes))) {
          const what = label(user, permission, resource);
          const decision = engine.check({ user, permission, resource, explain: true });
          const explanation = decision.explanation;
          assert.ok(explanation !== undefined, `explanation present ${what}`);
          const target = ref.resolve(resource);
          const expected = ref.allowedRef(user, permission, resource);
          assert.equal(decision.allowed, expected, `explained check ${what}`);
          if (!expected) {
            assert.equal(explanation.grant, null, `no grant when denied ${what}`);
            assert.notEqual(explanation.denial, null, `denial when denied ${what}`);
            const codes = expectedDenialCodes(ref, user, permission, resource);
            assert.ok(
              codes.has(explanation.denial!.code),
              `denial code ${explanation.denial!.code}, expected one of ${[...codes].join(', ')} ${what}`,
            );
            continue;
          }
          assert.equal(explanation.denial, null, `no denial when allowed ${what}`);
          const grant = explanation.grant;
          assert.ok(grant !== null, `grant when allowed ${what}`);
          const chain = ref.chain(target!);
          const position = chain.findIndex((t) => t.level === grant.target.level && t.id === grant.target.id);
          const highest = ref.highestPosition(user, permission, target!);
          assert.equal(
            position,
            highest,
            `grant at ${grant.target.level}/${grant.target.id}, highest is ${chain[highest]?.level}/${chain[highest]?.id} ${what}`,
          );
          const counting = ref.counting(user, permission, target!);
          const best = counting.filter((c) => c.position === highest).map((c) => c.mapping.id);
          assert.ok(
            best.includes(grant.mapping),
            `grant mapping ${grant.mapping} is a highest counting mapping (${best.join(',')}) ${what}`,
          );
          // The documented `grants`: every counting mapping, highest level first.
          assert.deepEqual(
            sorted(explanation.grants.map((g) => g.mapping)),
            sorted(counting.map((c) => c.mapping.id)),
            `grants ${what}`,
          );
          const positions = explanation.grants.map((g) =>
            chain.findIndex((t) => t.level === g.target.level && t.id === g.target.id),
          );
          assert.deepEqual(
            positions,
            [...positions].sort((a, b) => a - b),
            `grants highest first ${what}`,
          );
        }
      }),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });

  test('P5: an incrementally built engine answers like one built from scratch in one batch', () => {
    fc.assert(
      fc.property(SCENARIOS, (scenario) => {
        const a = incremental(scenario);
        const b = fromScratch(scenario);
        const changes = allChanges(scenario);
        const u = universe(changes);
        for (const [user, permission, resource] of triples(u)) {
          const x = a.check({ user, permission, resource, explain: true });
          const y = b.check({ user, permission, resource, explain: true });
          const what = label(user, permission, resource);
          assert.equal(x.allowed, y.allowed, `check ${what}`);
          assert.equal(
            x.explanation?.grant?.mapping ?? null,
            y.explanation?.grant?.mapping ?? null,
            `explained grant ${what}`,
          );
        }
        for (const user of u.users) {
          for (const resource of u.targets) {
            assert.deepEqual(
              a.permissionsAt({ user, resource }).permissions.map((p) => p.key),
              b.permissionsAt({ user, resource }).permissions.map((p) => p.key),
              `permissionsAt ${label(user, '-', resource)}`,
            );
            assert.deepEqual(
              a.grantableScopes({ user, requested: u.scopes, resource }).granted,
              b.grantableScopes({ user, requested: u.scopes, resource }).granted,
            );
          }
          for (const permission of u.permissions) {
            for (const type of u.types) {
              assert.deepEqual(
                a.lookup({ user, permission, type, limit: 1000 }).items.map((i) => i.id),
                b.lookup({ user, permission, type, limit: 1000 }).items.map((i) => i.id),
                `lookup user=${user} permission=${permission} type=${type}`,
              );
            }
          }
        }
        for (const permission of u.permissions) {
          for (const resource of u.targets) {
            const x = a
              .reverseLookup({ permission, resource, limit: 1000 })
              .items.map((i) => [i.user?.id ?? null, i.grant.mapping]);
            const y = b
              .reverseLookup({ permission, resource, limit: 1000 })
              .items.map((i) => [i.user?.id ?? null, i.grant.mapping]);
            assert.deepEqual(x, y, `reverseLookup permission=${permission} target=${resource.type}/${resource.id}`);
          }
        }
      }),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });

  test('P6: a rejected batch changes nothing, and the engine keeps working after it', () => {
    fc.assert(
      fc.property(SCENARIOS, fc.array(mutationSeedArb, { minLength: 1, maxLength: 4 }), (scenario, seeds) => {
        const engine = incremental(scenario);
        const changes = allChanges(scenario);
        const batch = extraBatch(scenario, seeds, GENERATION);
        const bad: Change = {
          op: 'mapping.add',
          mapping: {
            id: 'bad',
            role: 'no-such-role',
            subject: { kind: 'everyone' },
            target: { level: 'organization', id: 'o1' },
          },
        };
        const revision = scenario.mutations.length + 1;
        assert.throws(() => engine.apply([...batch, bad]), TesseraError);
        const u = universe([...changes, ...batch]);
        const before = referenceFor(changes);
        for (const [user, permission, resource] of triples(u)) {
          const decision = engine.check({ user, permission, resource });
          assert.equal(decision.revision, revision, 'a rejected batch makes no revision');
          assert.equal(
            decision.allowed,
            before.allowedRef(user, permission, resource),
            `after rejecting ${JSON.stringify(batch)}: ${label(user, permission, resource)}`,
          );
        }
        assert.equal(engine.apply(batch), revision + 1);
        const after = referenceFor([...changes, ...batch]);
        for (const [user, permission, resource] of triples(u)) {
          assert.equal(
            engine.check({ user, permission, resource }).allowed,
            after.allowedRef(user, permission, resource),
            `after applying ${JSON.stringify(batch)} once rejected: ${label(user, permission, resource)}`,
          );
        }
      }),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });

  test('moving an organization carries its mappings along, and moving it under itself is refused', () => {
    const engine = new AccessEngine();
    engine.apply(movableOrganizations());
    const everyone = (id: string) =>
      engine.check({ user: null, permission: 'a', resource: { type: 'project', id } }).allowed;
    engine.apply([ORG('o2', null)]);
    assert.equal(everyone('p1'), true, 'the project mapping moved with its organization');
    assert.deepEqual(engine.organizationChain({ type: 'project', id: 'p1' }), ['o2']);
    engine.apply([ORG('o2', 'o1')]);
    assert.deepEqual(engine.organizationChain({ type: 'project', id: 'p1' }), ['o2', 'o1']);
    assert.throws(() => engine.apply([ORG('o1', 'o2')]), TesseraError);
  });
});
