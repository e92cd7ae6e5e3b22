import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TREE, engineWith } from '../helpers.js';

// The entry of the decision path (AccessEngine.check and allowed): what it answers before the rule itself.
const WORLD = `
${TREE}
organizations:
  - name: acme
    projects: [{ name: engineering }]
users:
  - { username: ann }
roles:
  - { name: Reader, permissions: [api:read] }
mappings:
  - { role: Reader, user: ann, organization: acme }
  - { role: Reader, anonymous: true, project: acme/engineering }
`;

describe('the decision path', () => {
  test('the first organization declared is a target like any other', () => {
    const engine = engineWith(WORLD);
    assert.equal(engine.allowed('ann', 'api:read', 'organization', 'acme'), true);
    assert.equal(
      engine.check({ user: 'ann', permission: 'api:read', resource: { type: 'organization', id: 'acme' } }).allowed,
      true,
    );
  });

  test('an unknown permission, target or user is denied, not thrown', () => {
    const engine = engineWith(WORLD);
    assert.equal(engine.allowed('ann', 'no:such', 'organization', 'acme'), false);
    assert.equal(engine.allowed('ann', 'api:read', 'organization', 'nowhere'), false);
    assert.equal(engine.allowed('nobody', 'api:read', 'organization', 'acme'), false);
    assert.equal(engine.allowed('nobody', 'api:read', 'project', 'acme/engineering'), false);
  });

  test('an undefined user is the guest, as null is', () => {
    const engine = engineWith(WORLD);
    assert.equal(engine.allowed(undefined, 'api:read', 'project', 'acme/engineering'), true);
    assert.equal(engine.allowed(null, 'api:read', 'project', 'acme/engineering'), true);
    assert.equal(engine.allowed(undefined, 'api:read', 'organization', 'acme'), false);
  });

  test('a bare check carries no explanation; an explained one answers the same decision as the bare one', () => {
    const engine = engineWith(WORLD);
    const resource = { type: 'organization', id: 'acme' };
    const bare = engine.check({ user: null, permission: 'api:read', resource });
    assert.equal(bare.allowed, false);
    assert.equal('explanation' in bare, false);
    const explained = engine.check({ user: null, permission: 'api:read', resource, explain: true });
    assert.equal(explained.allowed, false);
    assert.notEqual(explained.explanation, undefined);
    assert.equal(engine.check({ user: 'ann', permission: 'api:read', resource, explain: true }).allowed, true);
  });
});
