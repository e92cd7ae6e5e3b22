import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { apply as cliApply } from '../../src/cli/run/documents.js';
import { TesseraError } from '../../src/core/errors.js';
import { hasActiveAdmin } from '../../src/core/gate.js';
import { ESCALATE_PERMISSION, roleRecord } from '../../src/core/model.js';
import { type Client, type TestServer, startTestServer } from './harness.js';

/**
 * Tessera issue 10: random sequences of administrative operations, through the routes, the mapping
 * batch, documents over HTTP and through `tessera apply` on the database, and invitations accepted later, as random actors (the super admin, an
 * organization admin, a user manager, a developer); after every step the invariants hold: the home
 * organization keeps an active admin, no user holds a non-assignable role through any mapping, and
 * nobody gained a permission its actor could not grant.
 */

const ACTORS = ['admin', 'boss', 'manager', 'dev'] as const;
type ActorName = (typeof ACTORS)[number];
const POOL = ['u1', 'u2', 'u3', 'boss', 'manager', 'dev', 'admin'] as const;
const ROLES = ['Admin', 'Developer', 'API Publisher', 'Billing Admin', 'Infra', 'Wrapper'] as const;
const GROUPS = ['Admin', 'Developer', 'API Publisher'] as const;
const KEYS = ['project', 'api', 'user:manage', 'role:assign', 'role:escalate', 'billing'] as const;

const actor = fc.constantFrom(...ACTORS);
const user = fc.constantFrom(...POOL);
const operation = fc.oneof(
  fc.record({ op: fc.constant('map' as const), actor, role: fc.constantFrom(...ROLES), user }),
  fc.record({ op: fc.constant('unmap' as const), actor, index: fc.nat() }),
  fc.record({
    op: fc.constant('batch' as const),
    actor,
    role: fc.constantFrom(...ROLES),
    user,
    index: fc.nat(),
  }),
  fc.record({ op: fc.constant('join' as const), actor, group: fc.constantFrom(...GROUPS), user }),
  fc.record({ op: fc.constant('leave' as const), actor, group: fc.constantFrom(...GROUPS), user }),
  fc.record({
    op: fc.constant('edit' as const),
    actor,
    role: fc.constantFrom('Developer', 'API Publisher', 'Admin', 'Wrapper', 'Infra'),
    keys: fc.subarray([...KEYS]),
    include: fc.boolean(),
  }),
  fc.record({ op: fc.constant('status' as const), actor, user, disabled: fc.boolean() }),
  fc.record({ op: fc.constant('delete' as const), actor, user: fc.constantFrom('u1', 'u2', 'u3') }),
  fc.record({ op: fc.constant('apply' as const), actor, role: fc.constantFrom(...ROLES), user, disable: fc.boolean() }),
  fc.record({ op: fc.constant('invite' as const), actor, group: fc.constantFrom(...GROUPS) }),
  fc.record({ op: fc.constant('cli' as const), role: fc.constantFrom(...ROLES), user, disable: fc.boolean() }),
  fc.record({ op: fc.constant('accept' as const), index: fc.nat() }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

describe('every write path keeps the invariants (issue 10, property)', () => {
  let server: TestServer;
  const clients = new Map<ActorName, Client>();
  const tokens: string[] = [];
  let sequences = 0;
  let steps = 0;
  let refused = 0;
  /** Steps and refusals per write path, reported with the totals. */
  const byPath = new Map<string, { steps: number; refused: number }>();
  const scratch = mkdtempSync(join(tmpdir(), 'tessera-invariant-paths-'));

  before(async () => {
    server = await startTestServer('SQLite');
    const home = server.home.id;
    const infra = roleRecord({ id: randomUUID(), name: 'Infra', permissions: ['billing'], assignable: false });
    const wrapper = roleRecord({ id: randomUUID(), name: 'Wrapper', permissions: ['api'] });
    const manager = roleRecord({
      id: randomUUID(),
      name: 'User Manager',
      permissions: ['user', 'role:assign', 'group'],
    });
    await server.write([
      { op: 'role.put', role: infra },
      { op: 'role.put', role: wrapper },
      { op: 'role.put', role: manager },
    ]);
    clients.set('admin', server.admin);
    clients.set('boss', (await server.user('boss', { groups: ['Admin'] })).client);
    const managed = await server.user('manager');
    await server.write([
      {
        op: 'mapping.add',
        mapping: {
          id: randomUUID(),
          role: manager.id,
          subject: { kind: 'user', id: managed.user.id },
          target: { level: 'organization', id: home },
        },
      },
    ]);
    clients.set('manager', managed.client);
    clients.set('dev', (await server.user('dev', { groups: ['Developer'] })).client);
    for (const name of ['u1', 'u2', 'u3']) await server.user(name);
  });
  after(async () => {
    const paths = [...byPath].map(([op, count]) => `${op} ${count.steps}/${count.refused}`).join(', ');
    console.log(
      `invariant paths: ${sequences} sequences, ${steps} steps, ${refused} refused (steps/refused: ${paths})`,
    );
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const engine = () => server.store.engine;
  const userId = (name: string) => engine().user(`PRIMARY/${name}`)?.id ?? name;
  const group = (name: string) => engine().findGroup(server.home.id, name)!.id;
  const mappingBody = (role: string, name: string) => ({
    role,
    subject: { kind: 'user', id: `PRIMARY/${name}` },
    target: { type: 'organization', id: server.home.id },
  });

  async function perform(step: Operation): Promise<number> {
    if (step.op === 'accept') {
      const token = tokens.splice(step.index % Math.max(tokens.length, 1), 1)[0];
      if (token === undefined) return 0;
      const name = `n${randomUUID().slice(0, 8)}`;
      return (
        await server.anonymous.post('/v1/invitations/accept', { token, username: name, password: `${name}-secret-1` })
      ).status;
    }
    if (step.op === 'cli') {
      // `tessera apply FILE` on the server's database, as the machine's operator would run it.
      const file = join(scratch, `step-${steps}.yaml`);
      const document: Record<string, unknown> = {
        kind: 'tessera/document',
        mappings: [{ role: step.role, user: step.user, organization: server.home.name }],
      };
      if (step.disable) document.users = [{ username: step.user, status: 'disabled' }];
      writeFileSync(file, stringify(document));
      try {
        await cliApply(file, { database: server.database });
      } catch (error) {
        if (!(error instanceof TesseraError)) throw error;
        return 409;
      } finally {
        await server.store.sync();
      }
      if (process.exitCode === 1) {
        process.exitCode = 0; // an invalid document: the CLI said so and wrote nothing
        return 400;
      }
      return 200;
    }
    const client = clients.get(step.actor)!;
    const mappings = engine()
      .mappings()
      .filter((m) => m.subject.kind === 'user' && m.target.level === 'organization')
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    switch (step.op) {
      case 'map':
        return (await client.post('/v1/mappings', mappingBody(step.role, step.user))).status;
      case 'unmap': {
        const mapping = mappings[step.index % Math.max(mappings.length, 1)];
        return mapping === undefined ? 0 : (await client.delete(`/v1/mappings/${mapping.id}`)).status;
      }
      case 'batch': {
        const mapping = mappings[step.index % Math.max(mappings.length, 1)];
        return (
          await client.post('/v1/mappings/batch', {
            add: [mappingBody(step.role, step.user)],
            remove: mapping === undefined ? [] : [mapping.id],
          })
        ).status;
      }
      case 'join':
        return (await client.put(`/v1/groups/${group(step.group)}/members/${userId(step.user)}`)).status;
      case 'leave':
        return (await client.delete(`/v1/groups/${group(step.group)}/members/${userId(step.user)}`)).status;
      case 'edit':
        return (
          await client.patch(`/v1/roles/${encodeURIComponent(step.role)}`, {
            permissions: step.keys,
            ...(step.include ? { includes: ['Infra'] } : {}),
          })
        ).status;
      case 'status':
        return (await client.patch(`/v1/users/${userId(step.user)}`, { status: step.disabled ? 'disabled' : 'active' }))
          .status;
      case 'delete':
        return (await client.delete(`/v1/users/${userId(step.user)}`)).status;
      case 'apply': {
        const document: Record<string, unknown> = {
          kind: 'tessera/document',
          mappings: [{ role: step.role, user: step.user, organization: server.home.name }],
        };
        if (step.disable) document.users = [{ username: step.user, status: 'disabled' }];
        return (await client.post('/v1/apply', document)).status;
      }
      case 'invite': {
        const answer = await client.post('/v1/invitations', {
          email: `${randomUUID().slice(0, 8)}@example.com`,
          group: group(step.group),
        });
        if (answer.status === 201) tokens.push(answer.body.token);
        return answer.status;
      }
    }
  }

  /** Every user's permissions at home, by username. */
  function holdings(): Map<string, Set<string>> {
    const held = new Map<string, Set<string>>();
    for (const u of engine().users()) {
      const answer = engine().permissionsAt({ user: u.id, resource: { type: 'organization', id: server.home.id } });
      held.set(u.id, new Set(answer.permissions.map((p) => p.key)));
    }
    return held;
  }

  function assertInvariants(step: Operation, status: number, before: Map<string, Set<string>>, granter: Set<string>) {
    const e = engine();
    assert.equal(hasActiveAdmin(e, server.home.id), true, `home lost its admin after ${JSON.stringify(step)}`);
    // ...and that admin can still administer: the admin API stays recoverable.
    assert.ok(
      e.users().some((u) => u.status === 'active' && e.allowed(u.id, 'role:manage', 'organization', server.home.id)),
      `nobody can manage roles any more after ${JSON.stringify(step)}`,
    );
    for (const mapping of e.mappings())
      for (const role of e.roleClosure(mapping.role))
        assert.equal(
          e.role(role)?.assignable,
          true,
          `mapping ${mapping.id} grants the non-assignable role ${e.role(role)?.name} after ${JSON.stringify(step)}`,
        );
    if (status >= 300 || step.op === 'accept' || step.op === 'cli') return;
    if (granter.has(ESCALATE_PERMISSION)) return;
    for (const [id, keys] of holdings()) {
      const had = before.get(id) ?? new Set<string>();
      for (const key of keys)
        if (!had.has(key))
          assert.equal(
            granter.has(key),
            true,
            `${id} gained ${key}, which the actor did not hold: ${JSON.stringify(step)}`,
          );
    }
  }

  test('random sequences of administrative operations as random actors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (sequence) => {
        sequences++;
        for (const step of sequence) {
          steps++;
          const before = holdings();
          // An accepted invitation is judged as its inviter; the CLI's operator is the machine itself.
          const inviter = step.op === 'accept' || step.op === 'cli' ? null : userId(step.actor);
          const granter = inviter === null ? new Set<string>(KEYS) : (before.get(inviter) ?? new Set<string>());
          const status = await perform(step);
          if (status >= 300) refused++;
          const path = byPath.get(step.op) ?? { steps: 0, refused: 0 };
          byPath.set(step.op, { steps: path.steps + 1, refused: path.refused + (status >= 300 ? 1 : 0) });
          assert.ok(status < 500, `server error on ${JSON.stringify(step)}`);
          assertInvariants(step, status, before, granter);
        }
      }),
      { numRuns: 40, seed: Number(process.env.TESSERA_PROPERTY_SEED ?? 20261201) },
    );
    assert.ok(steps > 0);
  });
});
