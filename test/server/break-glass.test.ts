/**
 * Separation of duties and grants with limits over HTTP (issue 13, item 6): static constraints refused at
 * every write, dynamic ones per session, expiring mappings, the expiry sweeper, and break glass.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sweepExpiredMappings } from '../../src/server/expiry.js';
import { DATABASES, type TestServer, assertProblem, startTestServer } from './harness.js';

for (const kind of DATABASES) {
  describe(`separation of duties, expiring grants and break glass (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind, { logLevel: 'warn' });
    });
    after(() => server.close());

    const home = () => ({ type: 'organization', id: server.home.id });
    const groupId = (name: string) => server.store.engine.findGroup(server.home.id, name)!.id;

    test('a static constraint refuses a group join and a mapping that would give one user both roles, naming both roles, the user and the path', async () => {
      const made = await server.admin.post('/v1/constraints', {
        name: 'publish-or-bill',
        kind: 'static',
        roles: ['API Publisher', 'Billing Admin'],
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const { user } = await server.user('carol', { groups: ['API Publisher'] });
      const join = await server.admin.put(`/v1/groups/${groupId('Billing Admin')}/members/carol`);
      assertProblem(join, 409, 'sod-conflict');
      assert.match(join.body.detail, /PRIMARY\/carol/);
      assert.match(join.body.detail, /"API Publisher"/);
      assert.match(join.body.detail, /"Billing Admin"/);
      assert.match(join.body.detail, /through group API Publisher/);
      const mapped = await server.admin.post('/v1/mappings', {
        role: 'Billing Admin',
        subject: { kind: 'user', id: user.id },
        target: home(),
      });
      assertProblem(mapped, 409, 'sod-conflict');
      assert.equal(server.store.engine.groupsOf(user.id).includes(groupId('Billing Admin')), false);
    });

    test('a constraint the existing state already breaks is refused', async () => {
      await server.user('dave', { groups: ['Developer', 'Choreo DevOps'] });
      const made = await server.admin.post('/v1/constraints', {
        name: 'build-or-run',
        kind: 'static',
        roles: ['Developer', 'Choreo DevOps'],
      });
      assertProblem(made, 409, 'sod-conflict');
      assert.match(made.body.detail, /PRIMARY\/dave/);
    });

    test('a dynamic constraint: a role paired with one the session already used does not count in /v1/check', async () => {
      const made = await server.admin.post('/v1/constraints', {
        name: 'develop-or-operate',
        kind: 'dynamic',
        roles: ['Developer', 'Environment Manager'],
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const { user } = await server.user('erin', { groups: ['Developer'] });
      const permission = server.store.engine
        .rolePermissions(server.store.engine.findRole('Developer')!.id)
        .find(
          (key) =>
            !server.store.engine.rolePermissions(server.store.engine.findRole('Environment Manager')!.id).includes(key),
        )!;
      const ask = (activeRoles?: string[]) =>
        server.admin.post('/v1/check', {
          user: user.id,
          permission,
          resource: home(),
          ...(activeRoles ? { activeRoles } : {}),
        });
      assert.equal((await ask()).body.allowed, true);
      assert.equal((await ask(['Environment Manager'])).body.allowed, false);
    });

    test('a mapping with expiresAt counts until then, /v1/check at the boundary says no, /v1/explain names the expiry', async () => {
      const { user } = await server.user('frank');
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const mapped = await server.admin.post('/v1/mappings', {
        role: 'Developer',
        subject: { kind: 'user', id: user.id },
        target: home(),
        expiresAt,
      });
      assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
      assert.equal(mapped.body.mapping.expiresAt, expiresAt);
      const permission = 'project:create';
      const ask = (at: string) =>
        server.admin.post('/v1/check', { user: user.id, permission: 'project:view', resource: home(), at });
      void permission;
      const before = new Date(Date.parse(expiresAt) - 1).toISOString();
      assert.equal((await ask(before)).body.allowed, true);
      assert.equal((await ask(expiresAt)).body.allowed, false);
      const explained = await server.admin.post('/v1/explain', {
        user: user.id,
        permission: 'project:view',
        resource: home(),
        at: expiresAt,
      });
      assert.equal(explained.body.explanation.denial.code, 'GRANT_EXPIRED');
      assert.match(explained.body.explanation.denial.reason, new RegExp(expiresAt.replaceAll('.', '\\.')));
      const now = await server.admin.post('/v1/explain', {
        user: user.id,
        permission: 'project:view',
        resource: home(),
      });
      assert.equal(now.body.explanation.grant.expiresAt, expiresAt);
    });

    test('the expiry sweeper records each expiry in the audit log once, and frees the mapping', async () => {
      const { user } = await server.user('gina');
      const mapped = await server.admin.post('/v1/mappings', {
        role: 'Developer',
        subject: { kind: 'user', id: user.id },
        target: home(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      assert.equal(mapped.status, 201, JSON.stringify(mapped.body));
      const id = mapped.body.mapping.id as string;
      // The sweeps are given the time, so a slow request can't make the mapping expire early.
      const expiresAt = Date.parse(mapped.body.mapping.expiresAt as string);
      assert.deepEqual(await sweepExpiredMappings(server.store, expiresAt - 1), []);
      const [first, second] = await Promise.all([
        sweepExpiredMappings(server.store, expiresAt),
        sweepExpiredMappings(server.store, expiresAt),
      ]);
      assert.deepEqual([...first!, ...second!], [id]);
      assert.deepEqual(await sweepExpiredMappings(server.store, expiresAt + 1), []);
      const entries = (await server.store.audit({ target: `mapping:${id}` })).map((e) => e.action);
      assert.deepEqual(entries, ['mapping.expired', 'mapping.create']);
      assert.equal(server.store.engine.mapping(id), undefined);
    });

    test('break glass: a request waits for an approver, never its own requester, and becomes an expiring mapping', async () => {
      const { user, client } = await server.user('hank');
      const { client: other } = await server.user('ivan');
      const asked = await client.post('/v1/elevations', {
        role: 'Choreo DevOps',
        target: home(),
        durationMinutes: 30,
        reason: 'incident 4711: restart production',
      });
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      const elevation = asked.body.elevation;
      assert.equal(elevation.status, 'pending');
      assert.equal(
        server.store.engine.mappings().some((m) => m.subject.kind === 'user' && m.subject.id === user.id),
        false,
      );
      assertProblem(await client.post(`/v1/elevations/${elevation.id}/approve`), 403, 'forbidden');
      assertProblem(await other.post(`/v1/elevations/${elevation.id}/approve`), 403, 'forbidden');
      const mine = await client.get('/v1/elevations');
      assert.deepEqual(
        mine.body.items.map((e: { id: string }) => e.id),
        [elevation.id],
      );
      const approved = await server.admin.post(`/v1/elevations/${elevation.id}/approve`);
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.elevation.status, 'approved');
      const mapping = server.store.engine.mapping(approved.body.elevation.mapping)!;
      const lasts = Date.parse(mapping.expiresAt!) - Date.now();
      assert.ok(lasts > 29 * 60_000 && lasts <= 30 * 60_000, `expires in ${lasts} ms`);
      assertProblem(await server.admin.post(`/v1/elevations/${elevation.id}/approve`), 409, 'elevation-decided');
      const [entry] = await server.store.audit({ target: `mapping:${mapping.id}` });
      assert.equal(entry?.action, 'elevation.approve');
    });

    test('break glass: self-granting needs a policy for the role, and is flagged in the audit log, the metrics and the log', async () => {
      const { client } = await server.user('jane');
      const ask = () =>
        client.post('/v1/elevations', {
          role: 'Billing Admin',
          target: home(),
          durationMinutes: 15,
          reason: 'payment provider outage',
          emergency: true,
        });
      assertProblem(await ask(), 403, 'self-grant-not-allowed');
      const policy = await server.admin.put('/v1/elevation-policies/Billing Admin', {
        selfGrant: true,
        maxMinutes: 60,
      });
      assert.equal(policy.status, 200, JSON.stringify(policy.body));
      // The server logs through pino to standard output (fd 1) with fs.write: catch those lines.
      const logged: string[] = [];
      const write = fs.write;
      (fs as { write: unknown }).write = (fd: number, data: unknown, ...rest: unknown[]) => {
        if (fd !== 1) return (write as (...args: unknown[]) => void)(fd, data, ...rest);
        logged.push(String(data));
        const done = rest.findLast((arg) => typeof arg === 'function') as (e: null, n: number) => void;
        setImmediate(() => done(null, Buffer.byteLength(String(data))));
      };
      let granted: Awaited<ReturnType<typeof ask>>;
      try {
        granted = await ask();
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        fs.write = write;
      }
      assert.equal(granted.status, 201, JSON.stringify(granted.body));
      assert.equal(granted.body.elevation.status, 'self-granted');
      const [entry] = await server.store.audit({ target: `mapping:${granted.body.elevation.mapping}` });
      assert.equal(entry?.action, 'elevation.self-granted');
      assert.equal(entry?.actor.name, 'PRIMARY/jane');
      const warning = logged
        .flatMap((chunk) => chunk.split('\n').filter((line) => line.startsWith('{')))
        .map((line) => JSON.parse(line))
        .find((line) => line.elevation === granted.body.elevation.id);
      assert.equal(warning?.level, 40);
      assert.match(warning?.msg, /break glass/);
      const metrics = await server.admin.get('/metrics');
      assert.match(String(metrics.body), /tessera_elevations_self_granted_total\{role="Billing Admin"\} 1/);
      const tooLong = await client.post('/v1/elevations', {
        role: 'Billing Admin',
        target: home(),
        durationMinutes: 61,
        reason: 'longer than the policy allows',
        emergency: true,
      });
      assertProblem(tooLong, 400, 'invalid');
    });

    test('break glass cannot break a static constraint: the grant is refused like any mapping', async () => {
      const { client } = await server.user('kate', { groups: ['API Publisher'] });
      const asked = await client.post('/v1/elevations', {
        role: 'Billing Admin',
        target: home(),
        durationMinutes: 10,
        reason: 'needs to see invoices',
      });
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      assertProblem(await server.admin.post(`/v1/elevations/${asked.body.elevation.id}/approve`), 409, 'sod-conflict');
      const listed = await server.admin.get('/v1/elevations?status=pending');
      assert.ok(listed.body.items.some((e: { id: string }) => e.id === asked.body.elevation.id));
    });
  });
}
