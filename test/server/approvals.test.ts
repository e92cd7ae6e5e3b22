import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Change } from '../../src/core/changes.js';
import { type Level, roleRecord } from '../../src/core/model.js';
import { type Client, type TestServer, assertProblem, startTestServer } from './harness.js';

/**
 * Approval workflows (docs/approvals.md), one per flow the seeds name: WSO2 API-M's workflow and
 * approval permissions (API publishing, subscriptions, application creation), Akana's API Approver
 * and Provision Manager, and Choreo's subscription approvals. Each: the request is made by the
 * call that used to take effect at once, the effect does not exist until approved, an approver at
 * the right level decides, never the requester, and every step is audited.
 */

/** A role holding `permissions`, mapped to `user` at `level`/`target` (fixtures, as the system). */
async function grant(
  server: TestServer,
  user: string,
  permissions: readonly string[],
  level: Level,
  target: string,
  organization: string | null = null,
): Promise<void> {
  const role = roleRecord({ id: randomUUID(), name: `role-${randomUUID().slice(0, 8)}`, organization, permissions });
  const changes: Change[] = [
    { op: 'role.put', role },
    {
      op: 'mapping.add',
      mapping: { id: randomUUID(), role: role.id, subject: { kind: 'user', id: user }, target: { level, id: target } },
    },
  ];
  await server.write(changes);
}

/** A predefined role of the preset, by name, mapped to `user`. */
async function assign(server: TestServer, user: string, roleName: string, level: Level, target: string) {
  const role = server.store.engine.findRole(roleName, null);
  assert.ok(role !== undefined, `no role ${roleName}`);
  await server.write([
    {
      op: 'mapping.add',
      mapping: { id: randomUUID(), role: role.id, subject: { kind: 'user', id: user }, target: { level, id: target } },
    },
  ]);
}

async function createOrganization(server: TestServer, name: string): Promise<string> {
  const response = await server.admin.post('/v1/organizations', { name });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.organization?.id ?? response.body.id;
}

async function createApi(
  server: TestServer,
  body: { name: string; organization?: string; project?: string; private?: boolean },
) {
  const response = await server.admin.post('/v1/resources', { type: 'api', ...body });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body as { resource: { id: string; private: boolean }; approval?: { id: string; status: string } };
}

async function check(server: TestServer, user: string, permission: string, api: string): Promise<boolean> {
  const response = await server.admin.post('/v1/check', { user, permission, resource: { type: 'api', id: api } });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.allowed as boolean;
}

async function pendingIds(client: Client): Promise<string[]> {
  const response = await client.get('/v1/approvals?status=pending');
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return (response.body.items as { id: string }[]).map((i) => i.id);
}

async function auditActions(server: TestServer, approval: string): Promise<string[]> {
  const response = await server.admin.get(`/v1/audit?target=${encodeURIComponent(`approval:${approval}`)}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return (response.body.items as { action: string }[]).map((e) => e.action).reverse();
}

describe('Choreo: "Approve API subscriptions: approve or reject API subscription requests"', () => {
  let server: TestServer;
  let acme: string;
  let payments: string;
  let billing: string;
  let subscriber: { user: { id: string }; client: Client };
  let projectApprover: { user: { id: string }; client: Client };
  let application: string;

  before(async () => {
    server = await startTestServer('SQLite');
    acme = await createOrganization(server, 'acme');
    for (const name of ['payments', 'billing'])
      assert.equal((await server.admin.post('/v1/organizations/acme/projects', { name })).status, 201);
    payments = (await createApi(server, { name: 'pay-api', project: 'acme/payments' })).resource.id;
    billing = (await createApi(server, { name: 'bill-api', project: 'acme/billing' })).resource.id;
    subscriber = await server.user('sam', { groups: ['API Subscriber'], organization: acme });
    projectApprover = await server.user('pat');
    const project = server.store.engine.projects().find((p) => p.name === 'payments')!;
    // "Project Admin" style: the approval permission granted in one project only.
    await grant(server, projectApprover.user.id, ['workflow:approve:api-subscription'], 'project', project.id, acme);
    const created = await subscriber.client.post('/v1/applications', { name: 'shop', organization: 'acme' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    application = created.body.application.id;
  });
  after(() => server?.close());

  test('only a holder of the configure permission turns subscription approval on for an organization', async () => {
    const refused = await subscriber.client.put('/v1/organizations/acme/approval-workflows/subscription', {
      enabled: true,
    });
    assertProblem(refused, 403, 'forbidden');
    const listed = await server.admin.get('/v1/organizations/acme/approval-workflows');
    assert.deepEqual(
      listed.body.items.map((w: { flow: string; enabled: boolean }) => [w.flow, w.enabled]),
      [['subscription', false]],
    );
    const on = await server.admin.put('/v1/organizations/acme/approval-workflows/subscription', { enabled: true });
    assert.equal(on.status, 200, JSON.stringify(on.body));
    assert.equal(on.body.items[0].enabled, true);
    assert.equal(on.body.items[0].approver, 'workflow:approve:api-subscription');
  });

  test('a subscription request is pending, and until approved the subscription does not exist', async () => {
    const requested = await subscriber.client.post(`/v1/applications/${application}/subscriptions`, { api: payments });
    assert.equal(requested.status, 202, JSON.stringify(requested.body));
    assert.equal(requested.body.approval.status, 'pending');
    assert.equal(requested.body.approval.flow, 'subscription');
    const subscriptions = await subscriber.client.get(`/v1/applications/${application}/subscriptions`);
    assert.deepEqual(subscriptions.body.items, []);
    const again = await subscriber.client.post(`/v1/applications/${application}/subscriptions`, { api: payments });
    assertProblem(again, 409, 'duplicate');
    // Visible to its requester, who is not offered it to decide.
    const mine = await subscriber.client.get('/v1/approvals?mine=true');
    assert.deepEqual(
      mine.body.items.map((i: { id: string }) => i.id),
      [requested.body.approval.id],
    );
    assert.equal(mine.body.items[0].mayDecide, false);
    assert.deepEqual(await pendingIds(subscriber.client), []);
  });

  test("an approver at the API's project lists and approves it; the subscription then exists, audited", async () => {
    const [id] = await pendingIds(projectApprover.client);
    assert.ok(id !== undefined, 'the project-level approver is offered the request');
    const approved = await projectApprover.client.post(`/v1/approvals/${id}/approve`, {});
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.approval.status, 'approved');
    assert.match(approved.body.approval.effect, /^subscription:/);
    const subscriptions = await subscriber.client.get(`/v1/applications/${application}/subscriptions`);
    assert.equal(subscriptions.body.items.length, 1);
    assert.equal(subscriptions.body.items[0].api.id, payments);
    assert.deepEqual(await auditActions(server, id!), ['approval.request', 'approval.approve']);
    const again = await server.admin.post(`/v1/approvals/${id}/approve`, {});
    assertProblem(again, 409, 'approval-decided');
  });

  test('an approver in another project is neither offered nor allowed a request for this API', async () => {
    const requested = await subscriber.client.post(`/v1/applications/${application}/subscriptions`, { api: billing });
    assert.equal(requested.status, 202, JSON.stringify(requested.body));
    const id = requested.body.approval.id as string;
    assert.deepEqual(await pendingIds(projectApprover.client), []);
    const refused = await projectApprover.client.post(`/v1/approvals/${id}/reject`, { reason: 'no' });
    assertProblem(refused, 404, 'not-found');
    assert.ok((await pendingIds(server.admin)).includes(id), 'the organization Admin is offered it');
  });

  test('a rejection carries its reason to the requester and the audit log, and nothing takes effect', async () => {
    const [id] = (await subscriber.client.get('/v1/approvals?mine=true&status=pending')).body.items.map(
      (i: { id: string }) => i.id,
    );
    const missing = await server.admin.post(`/v1/approvals/${id}/reject`, {});
    assertProblem(missing, 400, 'validation');
    const rejected = await server.admin.post(`/v1/approvals/${id}/reject`, { reason: 'billing API is internal' });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    const seen = await subscriber.client.get(`/v1/approvals/${id}`);
    assert.equal(seen.body.status, 'rejected');
    assert.equal(seen.body.reason, 'billing API is internal');
    const subscriptions = await subscriber.client.get(`/v1/applications/${application}/subscriptions`);
    assert.deepEqual(
      subscriptions.body.items.map((s: { api: { id: string } }) => s.api.id),
      [payments],
    );
    const entries = await server.admin.get(`/v1/audit?target=${encodeURIComponent(`approval:${id}`)}`);
    const reject = entries.body.items.find((e: { action: string }) => e.action === 'approval.reject');
    assert.equal(reject.effects[0].after.reason, 'billing API is internal');
  });

  test('maker/checker: a super admin cannot approve its own request', async () => {
    const own = await server.admin.post('/v1/applications', { name: 'admin-app', organization: 'acme' });
    const requested = await server.admin.post(`/v1/applications/${own.body.application.id}/subscriptions`, {
      api: payments,
    });
    assert.equal(requested.status, 202, JSON.stringify(requested.body));
    const id = requested.body.approval.id as string;
    assert.equal(requested.body.approval.mayDecide, false);
    assert.equal((await pendingIds(server.admin)).includes(id), false, 'not offered to its requester');
    const refused = await server.admin.post(`/v1/approvals/${id}/approve`, {});
    assertProblem(refused, 403, 'self-approval');
    const refusedReject = await server.admin.post(`/v1/approvals/${id}/reject`, { reason: 'mine' });
    assertProblem(refusedReject, 403, 'self-approval');
    const still = await server.admin.get(`/v1/approvals/${id}`);
    assert.equal(still.body.status, 'pending');
    assert.deepEqual(await auditActions(server, id), ['approval.request']);
  });
});

describe('WSO2 API-M: workflow and approval permissions (API publishing, subscriptions, application creation)', () => {
  let server: TestServer;
  let home: string;
  let workflowAdmin: { user: { id: string }; client: Client };
  let subscriber: { user: { id: string }; client: Client };
  let viewer: { user: { id: string } };

  before(async () => {
    server = await startTestServer('SQLite', { preset: 'wso2-apim' });
    home = server.home.id;
    // WSO2's login permission gates sign-in: each user holds a role that grants it before signing in.
    workflowAdmin = await server.user('wanda', { roles: ['Internal/observer'] });
    await grant(server, workflowAdmin.user.id, ['admin:manage:workflowadmin'], 'organization', home);
    subscriber = await server.user('sid', { roles: ['Internal/subscriber'] });
    viewer = await server.user('vic', { roles: ['Internal/observer'] });
    await grant(server, viewer.user.id, ['resource:view'], 'organization', home);
    for (const flow of ['api-publish', 'subscription', 'application-create']) {
      const on = await server.admin.put(`/v1/organizations/${home}/approval-workflows/${flow}`, { enabled: true });
      assert.equal(on.status, 200, JSON.stringify(on.body));
    }
  });
  after(() => server?.close());

  test('API publishing: a public API is created unpublished, invisible until the workflow admin approves', async () => {
    const created = await createApi(server, { name: 'pizza-shack', organization: home });
    assert.equal(created.resource.private, true);
    assert.equal(created.approval?.status, 'pending');
    const api = created.resource.id;
    assert.equal(await check(server, viewer.user.id, 'resource:view', api), false);
    // The requester (the super admin, holding `*`) may not approve its own request.
    assertProblem(await server.admin.post(`/v1/approvals/${created.approval!.id}/approve`, {}), 403, 'self-approval');
    const approved = await workflowAdmin.client.post(`/v1/approvals/${created.approval!.id}/approve`, {
      reason: 'reviewed',
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(server.store.engine.resources().find((r) => r.id === api)?.private, false);
    assert.equal(await check(server, viewer.user.id, 'resource:view', api), true);
    assert.deepEqual(await auditActions(server, created.approval!.id), ['approval.request', 'approval.approve']);
  });

  test('API publishing: making a private API public asks for approval (202) and leaves it private', async () => {
    const api = (await createApi(server, { name: 'internal', organization: home, private: true })).resource.id;
    const patched = await server.admin.patch(`/v1/resources/${api}`, { private: false });
    assert.equal(patched.status, 202, JSON.stringify(patched.body));
    assert.equal(patched.body.resource.private, true);
    assert.equal(await check(server, viewer.user.id, 'resource:view', api), false);
    assert.ok((await pendingIds(workflowAdmin.client)).includes(patched.body.approval.id));
    assert.equal((await pendingIds(subscriber.client)).length, 0, 'a subscriber approves nothing');
  });

  test('application creation: the application exists only once approved', async () => {
    const requested = await subscriber.client.post('/v1/applications', { name: 'mobile', organization: home });
    assert.equal(requested.status, 202, JSON.stringify(requested.body));
    assert.deepEqual((await subscriber.client.get('/v1/applications')).body.items, []);
    const id = requested.body.approval.id as string;
    assertProblem(
      await subscriber.client.post('/v1/applications', { name: 'mobile', organization: home }),
      409,
      'duplicate',
    );
    const approved = await workflowAdmin.client.post(`/v1/approvals/${id}/approve`, {});
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    const listed = (await subscriber.client.get('/v1/applications')).body.items;
    assert.deepEqual(
      listed.map((a: { name: string }) => a.name),
      ['mobile'],
    );
    assert.equal(approved.body.approval.effect, `application:${listed[0].id}`);
  });

  test('subscriptions: pending until the workflow admin approves', async () => {
    const api = (await createApi(server, { name: 'public-api', organization: home, private: true })).resource.id;
    await server.write([
      {
        op: 'resource.put',
        resource: { ...server.store.engine.resources().find((r) => r.id === api)!, private: false },
      },
    ]);
    const application = (await subscriber.client.get('/v1/applications')).body.items[0].id as string;
    const requested = await subscriber.client.post(`/v1/applications/${application}/subscriptions`, { api });
    assert.equal(requested.status, 202, JSON.stringify(requested.body));
    assert.deepEqual((await subscriber.client.get(`/v1/applications/${application}/subscriptions`)).body.items, []);
    const approved = await workflowAdmin.client.post(`/v1/approvals/${requested.body.approval.id}/approve`, {});
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    const subscriptions = (await subscriber.client.get(`/v1/applications/${application}/subscriptions`)).body.items;
    assert.equal(subscriptions.length, 1);
  });

  test('with the workflow off, the same calls take effect at once', async () => {
    const off = await server.admin.put(`/v1/organizations/${home}/approval-workflows/application-create`, {
      enabled: false,
    });
    assert.equal(off.status, 200);
    const created = await subscriber.client.post('/v1/applications', { name: 'direct', organization: home });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
});

describe('Akana: API Approver approves APIs for publishing; Provision Manager approves app/API contracts', () => {
  let server: TestServer;
  let acme: string;
  let provisioner: { user: { id: string }; client: Client };
  let otherProvisioner: { user: { id: string }; client: Client };
  let approver: { user: { id: string }; client: Client };
  let developer: { user: { id: string }; client: Client };
  let payments: string;
  let application: string;

  before(async () => {
    server = await startTestServer('SQLite', { preset: 'akana' });
    acme = await createOrganization(server, 'acme');
    payments = (await createApi(server, { name: 'payments', organization: acme })).resource.id;
    const orders = (await createApi(server, { name: 'orders', organization: acme })).resource.id;
    provisioner = await server.user('pm');
    await assign(server, provisioner.user.id, 'Provision Manager', 'resource', payments);
    otherProvisioner = await server.user('pm2');
    await assign(server, otherProvisioner.user.id, 'Provision Manager', 'resource', orders);
    approver = await server.user('appr');
    await assign(server, approver.user.id, 'API Approver', 'organization', acme);
    developer = await server.user('dev');
    // Registering applications is another part of the Akana preset: the app is a fixture here.
    application = randomUUID();
    await server.store.database
      .insertInto('applications')
      .values({
        id: application,
        owner: developer.user.id,
        organization: acme,
        name: 'storefront',
        description: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    for (const flow of ['api-publish', 'subscription']) {
      const on = await server.admin.put(`/v1/organizations/acme/approval-workflows/${flow}`, { enabled: true });
      assert.equal(on.status, 200, JSON.stringify(on.body));
    }
  });
  after(() => server?.close());

  test('a contract request waits for a Provision Manager of that API; one of another API cannot approve it', async () => {
    const requested = await developer.client.post(`/v1/applications/${application}/subscriptions`, { api: payments });
    assert.equal(requested.status, 202, JSON.stringify(requested.body));
    assert.equal(requested.body.approval.title, 'App/API contract approval (Provision Manager)');
    const id = requested.body.approval.id as string;
    assert.deepEqual((await developer.client.get(`/v1/applications/${application}/subscriptions`)).body.items, []);
    assert.deepEqual(await pendingIds(otherProvisioner.client), []);
    assertProblem(await otherProvisioner.client.post(`/v1/approvals/${id}/approve`, {}), 404, 'not-found');
    assertProblem(await developer.client.post(`/v1/approvals/${id}/approve`, {}), 403, 'self-approval');
    assert.deepEqual(await pendingIds(provisioner.client), [id]);
    const approved = await provisioner.client.post(`/v1/approvals/${id}/approve`, { reason: 'terms accepted' });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    const contracts = (await developer.client.get(`/v1/applications/${application}/subscriptions`)).body.items;
    assert.equal(contracts.length, 1);
    assert.equal(contracts[0].api.id, payments);
  });

  test('an API made public waits for the API Approver; until then a platform user does not see it', async () => {
    const api = (await createApi(server, { name: 'ledger', organization: acme, private: true })).resource.id;
    const patched = await server.admin.patch(`/v1/resources/${api}`, { private: false });
    assert.equal(patched.status, 202, JSON.stringify(patched.body));
    assert.equal(await check(server, developer.user.id, 'api:view', api), false);
    assertProblem(
      await provisioner.client.post(`/v1/approvals/${patched.body.approval.id}/approve`, {}),
      404,
      'not-found',
    );
    const approved = await approver.client.post(`/v1/approvals/${patched.body.approval.id}/approve`, {});
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(await check(server, developer.user.id, 'api:view', api), true);
  });
});

describe('on PostgreSQL: a request, its approval and its effect are stored and audited alike', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer('PostgreSQL');
  });
  after(() => server?.close());

  test('a Choreo subscription request is pending, then approved by an Admin, then exists', async () => {
    const acme = await createOrganization(server, 'acme');
    const api = (await createApi(server, { name: 'orders', organization: acme })).resource.id;
    const on = await server.admin.put('/v1/organizations/acme/approval-workflows/subscription', { enabled: true });
    assert.equal(on.status, 200, JSON.stringify(on.body));
    const sam = await server.user('sam', { groups: ['API Subscriber'], organization: acme });
    const application = (await sam.client.post('/v1/applications', { name: 'shop', organization: 'acme' })).body
      .application.id as string;
    const requested = await sam.client.post(`/v1/applications/${application}/subscriptions`, { api });
    assert.equal(requested.status, 202, JSON.stringify(requested.body));
    assert.deepEqual((await sam.client.get(`/v1/applications/${application}/subscriptions`)).body.items, []);
    const id = requested.body.approval.id as string;
    assertProblem(await sam.client.post(`/v1/approvals/${id}/approve`, {}), 403, 'self-approval');
    assert.equal((await server.admin.post(`/v1/approvals/${id}/approve`, {})).status, 200);
    assert.equal((await sam.client.get(`/v1/applications/${application}/subscriptions`)).body.items.length, 1);
    assert.deepEqual(await auditActions(server, id), ['approval.request', 'approval.approve']);
  });
});
