import { AccessEngine, roleRecord } from '../../src/core/index.js';
import type { Change } from '../../src/core/index.js';
import type { Check, Workload } from '../workload.js';
import { type Built, type Contender, type ContenderSpec, elapsedMs } from './contender.js';

/** The whole model as one batch of changes, in dependency order. */
export function tesseraChanges(w: Workload): Change[] {
  const changes: Change[] = [];
  for (const key of w.permissionKeys) {
    changes.push({
      op: 'permission.put',
      permission: { key, description: null, levels: ['organization', 'project', 'resource'], visibilityGated: false },
    });
  }
  const organization = w.orgId;
  changes.push({
    op: 'organization.put',
    organization: { id: organization, name: 'Org 0', parent: null, requireTwoFactor: false, adminRole: null },
  });
  w.projectIds.forEach((id, i) =>
    changes.push({ op: 'project.put', project: { id, name: `project-${i}`, organization } }),
  );
  w.roleIds.forEach((id, i) =>
    changes.push({
      op: 'role.put',
      role: roleRecord({ id, name: `role-${i}`, permissions: w.rolePermissions[i]!.map((p) => w.permissionKeys[p]!) }),
    }),
  );
  w.userIds.forEach((id, i) =>
    changes.push({
      op: 'user.put',
      user: { id, username: `user${i}`, store: 'PRIMARY', email: null, status: 'active' },
    }),
  );
  w.groupIds.forEach((id, i) =>
    changes.push({
      op: 'group.put',
      group: { id, organization, name: `group-${i}`, store: 'PRIMARY', description: null },
    }),
  );
  w.userGroups.forEach((groups, u) => {
    for (const g of groups)
      changes.push({ op: 'member.add', membership: { group: w.groupIds[g]!, user: w.userIds[u]! } });
  });
  for (const m of w.orgMappings) {
    changes.push({
      op: 'mapping.add',
      mapping: {
        id: m.id,
        role: w.roleIds[m.role]!,
        subject: { kind: 'group', id: w.groupIds[m.group]! },
        target: { level: 'organization', id: organization },
      },
    });
  }
  for (const m of w.projectMappings) {
    changes.push({
      op: 'mapping.add',
      mapping: {
        id: m.id,
        role: w.roleIds[m.role]!,
        subject: { kind: 'group', id: w.groupIds[m.group]! },
        target: { level: 'project', id: w.projectIds[m.project]! },
      },
    });
  }
  return changes;
}

function load(w: Workload): { engine: AccessEngine; buildMs: number } {
  const engine = new AccessEngine();
  const changes = tesseraChanges(w);
  const start = process.hrtime.bigint();
  engine.apply(changes);
  return { engine, buildMs: elapsedMs(start) };
}

/** `engine.allowed(user, permission, type, id)`: the allocation-free decision path. */
function positional(engine: AccessEngine): Contender {
  return {
    check: (c) => engine.allowed(c.user, c.permission, 'project', c.project),
    run(checks, from, to) {
      let allowed = 0;
      for (let i = from; i < to; i++) {
        const c = checks[i]!;
        if (engine.allowed(c.user, c.permission, 'project', c.project)) allowed++;
      }
      return allowed;
    },
  };
}

/** `engine.check` with a request object built per call, as a caller of the public API does. */
function contender(engine: AccessEngine, explain: boolean): Contender {
  const check = (c: Check): boolean =>
    engine.check({ user: c.user, permission: c.permission, resource: { type: 'project', id: c.project }, explain })
      .allowed;
  return {
    check,
    run(checks, from, to) {
      let allowed = 0;
      for (let i = from; i < to; i++) {
        const c = checks[i]!;
        if (
          engine.check({
            user: c.user,
            permission: c.permission,
            resource: { type: 'project', id: c.project },
            explain,
          }).allowed
        ) {
          allowed++;
        }
      }
      return allowed;
    },
  };
}

export const tessera: ContenderSpec = {
  name: 'Tessera allowed()',
  async build(w: Workload): Promise<Built> {
    const { engine, buildMs } = load(w);
    return {
      buildMs,
      contender: positional(engine),
      variants: [
        { name: 'Tessera check({...})', contender: contender(engine, false) },
        { name: 'Tessera check, explain: true', contender: contender(engine, true) },
      ],
    };
  },
};
