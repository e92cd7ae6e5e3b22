import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { accessSummary } from '../../src/core/access-summary.js';
import { engineWith } from '../helpers.js';

const AKANA = `
preset: akana
organizations:
  - name: business
    resources: [{ type: api, name: weather }, { type: api, name: payments }, { type: group, name: readers }]
  - name: other
users:
  - { username: ava }
  - { username: bea }
  - { username: apd }
  - { username: mel }
  - { username: gus }
mappings:
  - { role: API Administrator, user: ava, resource: business/api/weather }
  - { role: Business Administrator, user: bea, organization: business }
  - { role: API Developer, user: apd, organization: business }
  - { role: Group Member, user: mel, resource: business/group/readers }
`;

function world() {
  const engine = engineWith(AKANA);
  const id = (name: string) => engine.organizations().find((o) => o.name === name)!.id;
  const summaryOf = (username: string) => accessSummary(engine, engine.user(username)!.id, id('other'));
  const pagesIn = (username: string, organization: string) =>
    summaryOf(username).organizations.find((o) => o.id === id(organization))?.pages ?? [];
  return { engine, summaryOf, pagesIn };
}

describe('access summary: the "APIs and resources" page goes to those who administer resources', () => {
  test('an API Administrator invited to one API gets the page in its organization, without Project access', () => {
    const { pagesIn, summaryOf } = world();
    const pages = pagesIn('ava', 'business');
    assert.ok(pages.includes('resources'), pages.join(', '));
    assert.ok(!pages.includes('project-access'), 'no project is theirs to see');
    assert.ok(summaryOf('ava').pages.includes('resources'));
    // Managing the API's administrators counts only on the API itself, and they hold it there.
    const weather = summaryOf('ava').resources.find((r) => r.name === 'weather');
    assert.ok(weather?.permissions.includes('api:admins:manage'));
  });

  test('a Business Administrator of the organization gets the page there', () => {
    const { pagesIn } = world();
    assert.ok(pagesIn('bea', 'business').includes('resources'));
  });

  test('a read-only API Developer, a group member and a user with no role do not', () => {
    const { pagesIn, summaryOf } = world();
    assert.ok(!pagesIn('apd', 'business').includes('resources'), 'api:view alone administers nothing');
    assert.ok(!pagesIn('mel', 'business').includes('resources'), 'a member of a group resource');
    assert.ok(!summaryOf('gus').pages.includes('resources'));
  });

  test("the summary names the permission each operation on a resource needs: Akana's own for APIs, resource:manage otherwise", () => {
    const { summaryOf } = world();
    const { resourceTypes } = summaryOf('gus');
    assert.equal(resourceTypes.default, 'resource:manage');
    assert.deepEqual(resourceTypes.types.api, {
      create: 'api:create',
      edit: 'api:modify',
      delete: 'api:delete',
      manageAdministrators: 'api:admins:manage',
    });
  });
});
