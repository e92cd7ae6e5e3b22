import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, type Page, PHONE, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: role memberships', () => {
  let t: ConsoleTest;
  let page: Page;
  const ids: Record<string, string> = {};
  before(async () => {
    t = await startConsoleTest();
    for (const name of ['alice', 'bob', 'carol']) ids[name] = (await t.server.user(name)).user.id;
    // carol already holds Developer directly, so Save both adds and removes.
    const mapped = await t.server.admin.post('/v1/mappings', {
      role: 'Developer',
      subject: { kind: 'user', id: ids.carol },
      target: { type: 'organization', id: t.server.home.id },
    });
    assert.equal(mapped.status, 201);
    page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'Role memberships' }).click();
  });
  after(() => t.close());

  const found = () => page.getByRole('region', { name: 'Find users' });
  const assigned = () => page.getByRole('region', { name: 'Assigned users' });

  test('assigning two users and removing one saves those mappings', async () => {
    await page.getByRole('link', { name: 'Edit members of Developer' }).click();
    await page.getByRole('heading', { name: 'Members of Developer' }).waitFor();
    await assigned().getByRole('checkbox', { name: 'PRIMARY/carol' }).waitFor();
    await screenshot(page, 'role-memberships');

    await found().getByLabel('Username contains').fill('alice');
    await found().getByRole('checkbox', { name: 'PRIMARY/alice' }).check();
    await found()
      .getByRole('button', { name: /^Assign/ })
      .click();
    await assigned().getByRole('checkbox', { name: 'PRIMARY/alice' }).waitFor();

    await found().getByLabel('Username contains').fill('bob');
    await found().getByRole('checkbox', { name: 'PRIMARY/bob' }).check();
    await found()
      .getByRole('button', { name: /^Assign/ })
      .click();

    await assigned().getByRole('checkbox', { name: 'PRIMARY/carol' }).check();
    await assigned()
      .getByRole('button', { name: /Remove/ })
      .click();
    assert.equal(await assigned().getByRole('checkbox', { name: 'PRIMARY/carol' }).count(), 0);

    const changes = page.getByRole('region', { name: 'Changes to save' });
    assert.match(await changes.innerText(), /Assign: PRIMARY\/alice, PRIMARY\/bob\s+Remove: PRIMARY\/carol/);
    // Nothing is written before Save.
    assert.equal(
      (await t.server.admin.get(`/v1/mappings?role=Developer&subject=user:${ids.alice}`)).body.items.length,
      0,
    );

    await changes.getByRole('button', { name: 'Save' }).click();
    await changes
      .getByRole('status')
      .filter({ hasText: 'Saved the members of Developer: 3 changes applied.' })
      .waitFor();
    assert.match(
      await changes.getByRole('list', { name: 'Changes applied' }).innerText(),
      /Assign PRIMARY\/alice: done\s+Assign PRIMARY\/bob: done\s+Remove PRIMARY\/carol: done/,
    );
    await screenshot(page, 'role-memberships-saved');

    const mappings = await t.server.admin.get(
      `/v1/mappings?role=Developer&organization=${t.server.home.id}&level=organization`,
    );
    const direct = mappings.body.items
      .filter((m: { subject: { kind: string } }) => m.subject.kind === 'user')
      .map((m: { subject: { id: string } }) => m.subject.id);
    assert.deepEqual(direct.sort(), [ids.alice, ids.bob].sort());
    // The pane now shows what the server holds.
    assert.deepEqual(
      (
        await assigned()
          .getByRole('checkbox')
          .evaluateAll((inputs) => inputs.map((i) => i.parentElement!.textContent))
      ).sort(),
      ['PRIMARY/alice', 'PRIMARY/bob'],
    );

    await page.setViewportSize(PHONE);
    await screenshot(page, 'role-memberships-phone');
  });

  test('a refused assignment shows its reason beside the user and stays to save', async () => {
    await page.getByRole('link', { name: 'Back to the roles' }).click();
    await page.getByRole('link', { name: 'Edit members of Environment Manager' }).click();
    await page.getByRole('heading', { name: 'Members of Environment Manager' }).waitFor();
    await found().getByLabel('Username contains').fill('alice');
    await found().getByRole('checkbox', { name: 'PRIMARY/alice' }).check();
    await found()
      .getByRole('button', { name: /^Assign/ })
      .click();
    const changes = page.getByRole('region', { name: 'Changes to save' });
    await changes.getByRole('button', { name: 'Save' }).click();
    const step = changes
      .getByRole('list', { name: 'Changes applied' })
      .getByRole('listitem')
      .filter({ hasText: 'Assign PRIMARY/alice: failed' });
    await step.getByRole('alert').waitFor();
    assert.match(await step.getByRole('alert').innerText(), /deprecated/i);
    await changes
      .getByRole('status')
      .filter({ hasText: '0 of 1 change applied; 1 failed: Save again to retry it.' })
      .waitFor();
    assert.match(await changes.innerText(), /Assign: PRIMARY\/alice/, 'the failed change is still to save');
    const mappings = await t.server.admin.get(
      `/v1/mappings?role=${encodeURIComponent('Environment Manager')}&subject=user:${ids.alice}`,
    );
    assert.equal(mappings.body.items.length, 0);
    await screenshot(page, 'role-memberships-refused');
  });
});
