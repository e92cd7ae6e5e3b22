import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestServer, startTestServer } from '../server/harness.js';
import { type CliResult, runTessera } from '../support/tessera-cli.js';

const tessera = (args: readonly string[]): Promise<CliResult> => runTessera(args, { timeoutMs: 120_000 });

describe('tessera approvals', () => {
  let server: TestServer;
  let approval: string;
  let application: string;

  before(async () => {
    server = await startTestServer('SQLite');
    assert.equal((await server.admin.post('/v1/organizations', { name: 'acme' })).status, 201);
    const acme = server.store.engine.organizations().find((o) => o.name === 'acme')!.id;
    const api = (await server.admin.post('/v1/resources', { type: 'api', name: 'orders', organization: 'acme' })).body
      .resource.id as string;
    assert.equal(
      (await server.admin.put('/v1/organizations/acme/approval-workflows/subscription', { enabled: true })).status,
      200,
    );
    const sam = await server.user('sam', { groups: ['API Subscriber'], organization: acme });
    application = (await sam.client.post('/v1/applications', { name: 'shop', organization: 'acme' })).body.application
      .id as string;
    const requested = await sam.client.post(`/v1/applications/${application}/subscriptions`, { api });
    assert.equal(requested.status, 202, JSON.stringify(requested.body));
    approval = requested.body.approval.id as string;
  });
  after(() => server?.close());

  test('lists the pending request for an approver, refuses its requester in one line, and approves as an approver', async () => {
    const database = ['--database', server.database];
    const listed = await tessera(['approvals', 'list', '--status', 'pending', '--as', 'admin', ...database]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`${approval}\\s+subscription\\s+pending\\s+api/`));

    const own = await tessera(['approvals', 'approve', approval, '--as', 'sam', ...database]);
    assert.equal(own.code, 1);
    assert.equal(own.stdout, '');
    assert.match(own.stderr, /^tessera: a request cannot be approved or rejected by its own requester/);
    assert.equal(own.stderr.trim().split('\n').length, 1);

    const approved = await tessera(['approvals', 'approve', approval, '--as', 'admin', '--reason', 'ok', ...database]);
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stdout, new RegExp(`^approved ${approval} \\(subscription:`));
    const subscriptions = await server.admin.get(`/v1/applications/${application}/subscriptions`);
    assert.equal(subscriptions.body.items.length, 1);
    const entries = await server.admin.get(`/v1/audit?target=approval:${approval}`);
    const approve = entries.body.items.find((e: { action: string }) => e.action === 'approval.approve');
    assert.match(approve.actor.name, /^cli:.+ as PRIMARY\/admin$/);
  });
});
