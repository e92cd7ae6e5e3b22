/** Policy tests express separation of duties and grants with limits (docs/policy-tests.md). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseText, runPolicyTests } from '../../src/document/index.js';
import { presetResolver } from '../../src/presets/index.js';

const FIXTURE = new URL('../fixtures/separation-of-duties.policy-tests.yaml', import.meta.url);
const load = () => parseText(readFileSync(FIXTURE, 'utf8')).value as Record<string, unknown>;

describe('policy tests of separation of duties and expiry', () => {
  test('the example file passes: "at" decides at a time, "activeRoles" per session, "assignments" prove static constraints', () => {
    const run = runPolicyTests(load(), { presets: presetResolver });
    assert.ok(run.ok, JSON.stringify(run));
    assert.deepEqual(
      run.results.filter((r) => !r.passed).map((r) => r.name),
      [],
    );
    assert.equal(run.passed, 10);
  });

  test('an expectation that a conflicting mapping is accepted fails, naming the constraint', () => {
    const document = load();
    document.assignments = [{ mapping: { role: 'Approver', user: 'alice', organization: 'acme' }, refused: false }];
    const run = runPolicyTests(document, { presets: presetResolver });
    assert.ok(run.ok);
    assert.equal(run.failed, 1);
    assert.match(run.results.at(-1)!.explanation.denial!.reason, /request-or-approve/);
  });

  test('an expectation one millisecond past expiresAt that still expects the grant fails', () => {
    const document = load();
    document.expectations = [
      { user: 'carol', may: 'payment:approve', on: 'organization/acme', at: '2030-01-01T17:00:00.000Z' },
    ];
    const run = runPolicyTests(document, { presets: presetResolver });
    assert.ok(run.ok);
    assert.equal(run.results[0]!.passed, false);
    assert.equal(run.results[0]!.explanation.denial?.code, 'GRANT_EXPIRED');
  });

  test('a fixture that breaks a static constraint is refused', () => {
    const document = load();
    const fixture = document.fixture as { mappings: unknown[] };
    fixture.mappings.push({ role: 'Approver', user: 'alice', organization: 'acme' });
    const run = runPolicyTests(document, { presets: presetResolver });
    assert.equal(run.ok, false);
    assert.match(JSON.stringify(run), /request-or-approve/);
  });
});
