import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ConsoleTest, screenshot, signIn, startConsoleTest } from './harness.js';

describe('console: approvals', () => {
  let t: ConsoleTest;
  let approval: string;

  before(async () => {
    t = await startConsoleTest();
    const { server } = t;
    const api = (
      await server.admin.post('/v1/resources', { type: 'api', name: 'orders', organization: server.home.id })
    ).body.resource.id as string;
    const on = await server.admin.put(`/v1/organizations/${server.home.id}/approval-workflows/subscription`, {
      enabled: true,
    });
    assert.equal(on.status, 200, JSON.stringify(on.body));
    const sam = await server.user('sam', { groups: ['API Subscriber'] });
    const application = (await sam.client.post('/v1/applications', { name: 'shop', organization: server.home.id })).body
      .application.id as string;
    const requested = await sam.client.post(`/v1/applications/${application}/subscriptions`, { api });
    assert.equal(requested.status, 202, JSON.stringify(requested.body));
    approval = requested.body.approval.id as string;
  });
  after(() => t.close());

  test('an approver sees the pending subscription request and rejects it with a reason; the requester sees why', async () => {
    const page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
    const request = page.getByRole('form', { name: /API subscription approval/ });
    await request.waitFor();
    assert.match(await request.innerText(), /PRIMARY\/sam asks to subscribe application/);
    await screenshot(page, 'approvals-pending');
    await request.getByRole('button', { name: 'Reject' }).click();
    await request.getByText('say why you reject the request').waitFor();
    await request.getByLabel('Reason').fill('orders is internal');
    await request.getByRole('button', { name: 'Reject' }).click();
    await page.getByText('No request is waiting for you.').waitFor();
    const seen = await t.server.admin.get(`/v1/approvals/${approval}`);
    assert.equal(seen.body.status, 'rejected');
    assert.equal(seen.body.reason, 'orders is internal');
  });
});
