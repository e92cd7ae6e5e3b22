import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { AccessEngine } from '../../src/core/index.js';
import {
  InvalidDocumentError,
  PUBLISHED_SCHEMAS,
  applyDocument,
  exportDocument,
  formatError,
  parseText,
  planDocument,
  runPolicyTests,
} from '../../src/document/index.js';
import { presetResolver } from '../../src/presets/index.js';
import { renderSchema } from '../../scripts/write-schema.js';
import { TREE } from '../helpers.js';

const DOCUMENT = `
preset: tessera
${TREE}
organizations:
  - name: acme
    projects:
      - name: engineering
        resources:
          - { type: api, name: pizza-shack, private: true }
users:
  - { username: alice, email: alice@example.com }
  - { username: bob }
groups:
  - { organization: acme, name: Engineering, members: [alice] }
roles:
  - { name: Developer, permissions: [project] }
  - { name: API Administrator, permissions: [api], aliases: [API Admin] }
  - { organization: acme, name: Monitor, permissions: [api:analytics] }
mappings:
  - { role: Developer, group: Engineering, project: acme/engineering }
  - { role: API Admin, user: alice, resource: acme/engineering/api/pizza-shack }
  - { role: Monitor, user: bob, organization: acme }
`;

const errorsOf = (input: unknown): string[] => {
  const plan = planDocument(new AccessEngine(), input, { presets: presetResolver });
  return plan.ok ? [] : plan.errors.map(formatError);
};

describe('access as code (docs/documents.md)', () => {
  test('the JSON Schemas published under schema/ are the ones the loader validates with', () => {
    for (const name of Object.keys(PUBLISHED_SCHEMAS)) {
      assert.equal(
        readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8'),
        renderSchema(name),
        `run npm run schema (${name})`,
      );
    }
  });

  test('every error is reported with its path, never a stack trace', () => {
    const errors = errorsOf({
      preset: 'tessera',
      permissions: [{ key: 'api' }, { key: 'api:publish' }],
      roles: [{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D', permissions: ['api:publish', 'api:publsh'] }],
      mappings: [
        { role: 'Ghost', user: 'nobody', organization: 'nowhere' },
        { role: 'A', organization: 'x', project: 'x/y', user: 'a' },
      ],
      groups: [{ organization: 'nowhere', name: 'G' }],
    });
    assert.deepEqual(errors, [
      'roles[3].permissions[1]: unknown permission "api:publsh"',
      'groups[0].organization: unknown organization "nowhere"',
      'mappings[0].organization: unknown organization "nowhere"',
      'mappings[1]: give exactly one of organization, project, resource',
    ]);
  });

  test('structural errors list each bad field with its path', () => {
    assert.deepEqual(
      errorsOf({ roles: [{ name: 'x', permissions: 'all', colour: 'red' }], users: [{ username: '' }] }),
      [
        'roles[0].colour: unknown field "colour"',
        'roles[0].permissions: expected array',
        'users[0].username: expected string length greater or equal to 1',
      ],
    );
  });

  test('a YAML syntax error names its line and column', () => {
    const parsed = parseText('roles:\n  - { name: x\nusers: []\n');
    assert.equal(parsed.errors.length > 0, true);
    assert.match(parsed.errors[0]!.message, /^line \d+, column \d+: /);
    assert.throws(
      () => applyDocument(new AccessEngine(), 'roles: [\n'),
      (error: unknown) => error instanceof InvalidDocumentError && !error.message.includes(' at '),
    );
  });

  test('a permission needs its parent declared, and a preset may not include itself', () => {
    assert.deepEqual(errorsOf({ permissions: [{ key: 'api:publish' }] }), [
      'permissions[0].key: permission "api:publish" needs its parent "api" declared first',
    ]);
    assert.deepEqual(errorsOf({ preset: 'no-such-preset' }), ['preset: unknown preset "no-such-preset"']);
  });

  test('applying a document is one transaction that reports what it created, changed and left alone', () => {
    const engine = new AccessEngine();
    const first = applyDocument(engine, DOCUMENT, { presets: presetResolver });
    assert.ok(first.created.includes('role "Developer"'));
    assert.ok(first.created.includes('member "PRIMARY/alice" of group "Engineering"'));
    assert.equal(first.revision, 1, 'the whole document is one batch');
    const second = applyDocument(engine, DOCUMENT, { presets: presetResolver });
    assert.deepEqual([second.created, second.changed], [[], []], 'applying twice changes nothing the second time');
    assert.equal(second.revision, 1);
    const edited = applyDocument(
      engine,
      DOCUMENT.replace('permissions: [project] }', 'permissions: [project, api:read] }'),
      { presets: presetResolver },
    );
    assert.deepEqual([edited.created, edited.changed], [[], ['role "Developer"']]);
  });

  test('a document that fails validation changes nothing', () => {
    const engine = new AccessEngine();
    applyDocument(engine, DOCUMENT, { presets: presetResolver });
    const before = JSON.stringify(exportDocument(engine));
    assert.throws(
      () =>
        applyDocument(engine, `${DOCUMENT}\n  - { role: Ghost, user: bob, organization: acme }\n`, {
          presets: presetResolver,
        }),
      InvalidDocumentError,
    );
    assert.equal(JSON.stringify(exportDocument(engine)), before);
  });

  test('an exported document re-applies to the same state', () => {
    const engine = new AccessEngine();
    applyDocument(engine, DOCUMENT, { presets: presetResolver });
    const exported = exportDocument(engine);
    const copy = new AccessEngine();
    applyDocument(copy, exported);
    assert.deepEqual(exportDocument(copy), exported);
    const again = applyDocument(copy, exported);
    assert.deepEqual([again.created, again.changed], [[], []]);
    for (const [user, permission, type, id] of [
      ['alice', 'api:admins', 'api', 'acme/engineering/api/pizza-shack'],
      ['alice', 'project:edit', 'project', 'acme/engineering'],
      ['bob', 'api:analytics', 'api', 'pizza-shack'],
      ['bob', 'api:read', 'api', 'pizza-shack'],
    ] as const) {
      const ref = { type, id };
      assert.equal(
        copy.check({ user, permission, resource: ref }).allowed,
        engine.check({ user, permission, resource: ref }).allowed,
      );
    }
  });

  test('policy tests: a fixture and expectations, each passed or failed with its explanation', () => {
    const fixture = parseText(DOCUMENT).value;
    const run = runPolicyTests(
      {
        kind: 'tessera/policy-tests',
        fixture,
        expectations: [
          { user: 'alice', may: 'api:admins', on: 'api/pizza-shack' },
          { user: 'bob', mayNot: 'api:read', on: 'api/pizza-shack' },
          { user: 'bob', may: 'api:read', on: 'api/acme/engineering/pizza-shack' },
          { mayNot: 'project:edit', on: { type: 'project', id: 'acme/engineering' } },
        ],
      },
      { presets: presetResolver },
    );
    assert.ok(run.ok);
    assert.deepEqual(
      run.results.map((r) => r.passed),
      [true, true, false, true],
    );
    assert.equal(run.results[2]!.name, 'bob may api:read on api/acme/engineering/pizza-shack');
    assert.equal(
      run.results[2]!.explanation.denial?.reason,
      'no role mapping grants "api:read" on this API or above it',
    );
    const stopped = runPolicyTests(
      {
        kind: 'tessera/policy-tests',
        fixture,
        expectations: [
          { user: 'bob', may: 'api:read', on: 'api/pizza-shack' },
          { user: 'alice', may: 'api:admins', on: 'api/pizza-shack' },
        ],
      },
      { presets: presetResolver, stopAtFirstFailure: true },
    );
    assert.ok(stopped.ok);
    assert.equal(stopped.results.length, 1);
  });

  test('policy tests report unknown users, permissions and targets with their paths', () => {
    const run = runPolicyTests(
      {
        kind: 'tessera/policy-tests',
        fixture: parseText(DOCUMENT).value,
        expectations: [
          { user: 'zed', may: 'api:read', on: 'api/pizza-shack' },
          { user: 'bob', may: 'api:reed', on: 'api/pizza-shack' },
          { user: 'bob', may: 'api:read', on: 'api/nowhere' },
          { user: 'bob', may: 'api:read', mayNot: 'api:read', on: 'api/pizza-shack' },
        ],
      },
      { presets: presetResolver },
    );
    assert.ok(!run.ok);
    assert.deepEqual(run.errors.map(formatError), [
      'expectations[0].user: unknown user "zed"',
      'expectations[1].may: unknown permission "api:reed"',
      'expectations[2].on: unknown api "nowhere"',
      'expectations[3]: give exactly one of may, mayNot',
    ]);
  });
});
