/**
 * Property tests for grants with limits and separation of duties: the engine against the reference
 * evaluator (test/reference/evaluator.ts) on random models whose mappings carry random time limits,
 * asked at the boundaries; and the gate's static constraints against the reference's literal reading.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Change } from '../../src/core/changes.js';
import { TesseraError } from '../../src/core/errors.js';
import { SYSTEM_ACTOR, judge } from '../../src/core/gate.js';
import { AccessEngine } from '../../src/core/index.js';
import { allChanges, extraBatch, mutationSeedArb, scenarioArb, universe } from '../reference/arbitraries.js';
import { ReferenceEvaluator, replay } from '../reference/evaluator.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
const INSTANTS = [1_000, 2_000, 3_000];
/** Every boundary, one millisecond each side, and far away. */
const ASKED = [0, 999, 1_000, 1_001, 1_999, 2_000, 2_001, 2_999, 3_000, 3_001, 10_000];
const iso = (ms: number) => new Date(ms).toISOString();

const windowArb = fc
  .record({
    from: fc.option(fc.constantFrom(...INSTANTS), { nil: null }),
    until: fc.option(fc.constantFrom(...INSTANTS), { nil: null }),
  })
  .filter(({ from, until }) => from === null || until === null || from < until);

/** The scenario's changes with the i-th mapping given the i-th window (cycled). */
function withWindows(changes: readonly Change[], windows: readonly { from: number | null; until: number | null }[]) {
  let i = 0;
  return changes.map((change): Change => {
    if (change.op !== 'mapping.add' || windows.length === 0) return change;
    const { from, until } = windows[i++ % windows.length]!;
    return {
      op: 'mapping.add',
      mapping: {
        ...change.mapping,
        ...(from === null ? {} : { notBefore: iso(from) }),
        ...(until === null ? {} : { expiresAt: iso(until) }),
      },
    };
  });
}

describe('P: expiring grants against the reference evaluator', () => {
  test('P: every decision at every boundary equals the reference rule with notBefore inclusive and expiresAt exclusive', () => {
    fc.assert(
      fc.property(
        scenarioArb({ moveOrganizations: true }),
        fc.array(windowArb, { minLength: 1, maxLength: 8 }),
        (scenario, windows) => {
          const changes = withWindows(allChanges(scenario), windows);
          const engine = new AccessEngine({ clock: () => Number.NaN });
          engine.apply(changes);
          const snapshot = replay(changes);
          const u = universe(changes);
          for (const now of ASKED) {
            const reference = new ReferenceEvaluator(snapshot, now);
            for (const user of u.users)
              for (const permission of u.permissions)
                for (const resource of u.targets) {
                  const expected = reference.allowedRef(user, permission, resource);
                  const got = engine.check({ user, permission, resource, now }).allowed;
                  assert.equal(got, expected, `${user} ${permission} ${resource.type}/${resource.id} at ${now}`);
                  const fast = engine.allowed(user, permission, resource.type, resource.id, now);
                  assert.equal(
                    fast,
                    expected,
                    `allowed() ${user} ${permission} ${resource.type}/${resource.id} at ${now}`,
                  );
                  const explained = engine.explain({ user, permission, resource, now }).grant !== null;
                  assert.equal(explained, expected, `explain ${user} ${permission} at ${now}`);
                }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('P: static separation of duties against the reference evaluator', () => {
  const constraintArb = fc.record({
    a: fc.nat(),
    b: fc.nat(),
    organization: fc.option(fc.nat(), { nil: null }),
  });

  test('P: a constraint is refused exactly when some user already holds both roles, and a later batch exactly when it makes one', () => {
    fc.assert(
      fc.property(
        scenarioArb({ moveOrganizations: true }),
        constraintArb,
        fc.array(mutationSeedArb, { minLength: 1, maxLength: 6 }),
        (scenario, seed, seeds) => {
          const changes = allChanges(scenario);
          const snapshot = replay(changes);
          const roles = [...snapshot.roles.keys()];
          const organizations = [...snapshot.organizations.keys()];
          if (roles.length < 2) return;
          const a = roles[seed.a % roles.length]!;
          const b = roles[(seed.a + 1 + (seed.b % (roles.length - 1))) % roles.length]!;
          const organization =
            seed.organization === null || organizations.length === 0
              ? null
              : organizations[seed.organization % organizations.length]!;
          const put: Change = {
            op: 'constraint.put',
            constraint: { id: 'c1', name: 'c1', kind: 'static', roles: [a, b], organization, description: null },
          };
          const engine = new AccessEngine();
          engine.apply(changes);
          const withConstraint = new ReferenceEvaluator(replay([...changes, put]));
          const refused = judge(engine, SYSTEM_ACTOR, [put]).some((v) => v.code === 'SOD_CONFLICT');
          assert.equal(refused, withConstraint.staticConflicts().length > 0, 'judging the constraint itself');
          if (refused) return;
          engine.apply([put]);
          const batch = extraBatch(scenario, seeds, { moveOrganizations: true });
          if (batch.length === 0) return;
          let violations: readonly { code: string }[];
          try {
            violations = judge(engine, SYSTEM_ACTOR, batch);
          } catch (error) {
            if (error instanceof TesseraError) return; // refused by the engine's own integrity (a constraint's role deleted without cascade)
            throw error;
          }
          const after = new ReferenceEvaluator(replay([...changes, put, ...batch]));
          assert.equal(
            violations.some((v) => v.code === 'SOD_CONFLICT'),
            after.staticConflicts().length > 0,
            `batch ${JSON.stringify(batch)}`,
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});
