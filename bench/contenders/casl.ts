import { createMongoAbility, subject } from '@casl/ability';
import type { MongoAbility, RawRuleOf } from '@casl/ability';
import type { Check, Workload } from '../workload.js';
import { type Built, type Contender, type ContenderSpec, elapsedMs, settledHeap } from './contender.js';

/*
 * CASL answers for one user: an Ability holds that user's rules. The documented pattern is
 * `defineAbilityFor(user)`, built per request from the user's roles (optionally cached). So the
 * application keeps its own model (plain string-keyed Maps: user → groups, group → mappings,
 * role → permissions; that is the "build") and derives rules per user:
 * one rule per permission, `{ organization }` for an organization-level grant, `{ id: { $in } }`
 * for the projects where it is granted.
 *
 * - "per request": abilities built on demand behind a 1,000-user LRU; with 100k users and random
 *   checks almost every check builds one, and that is counted in check time.
 * - "prebuilt": abilities built up front for the users of the cross-check sample only, timed over
 *   those checks; its build time and heap are extrapolated to all users (× users / sample users).
 */

type AppAbility = MongoAbility;
interface ProjectRecord {
  readonly id: string;
  readonly organization: string;
}
interface Mapping {
  readonly role: string;
  readonly org: boolean;
  readonly target: string;
}

class AppModel {
  readonly userGroups = new Map<string, readonly string[]>();
  readonly groupMappings = new Map<string, Mapping[]>();
  readonly rolePermissions = new Map<string, readonly string[]>();
  /** Tagged once with their subject type, as records loaded by an ORM would be. */
  readonly projects = new Map<string, ProjectRecord>();

  constructor(w: Workload) {
    w.userIds.forEach((id, u) =>
      this.userGroups.set(
        id,
        w.userGroups[u]!.map((g) => w.groupIds[g]!),
      ),
    );
    w.roleIds.forEach((id, r) =>
      this.rolePermissions.set(
        id,
        w.rolePermissions[r]!.map((p) => w.permissionKeys[p]!),
      ),
    );
    const add = (group: number, m: Mapping) => {
      const id = w.groupIds[group]!;
      const list = this.groupMappings.get(id);
      if (list === undefined) this.groupMappings.set(id, [m]);
      else list.push(m);
    };
    for (const m of w.orgMappings) add(m.group, { role: w.roleIds[m.role]!, org: true, target: w.orgId });
    for (const m of w.projectMappings)
      add(m.group, { role: w.roleIds[m.role]!, org: false, target: w.projectIds[m.project]! });
    for (const id of w.projectIds) this.projects.set(id, subject('Project', { id, organization: w.orgId }));
  }

  defineAbilityFor(user: string): AppAbility {
    const orgs = new Map<string, Set<string>>();
    const projects = new Map<string, string[]>();
    for (const group of this.userGroups.get(user) ?? []) {
      for (const m of this.groupMappings.get(group) ?? []) {
        for (const permission of this.rolePermissions.get(m.role) ?? []) {
          if (m.org) {
            const set = orgs.get(permission);
            if (set === undefined) orgs.set(permission, new Set([m.target]));
            else set.add(m.target);
          } else {
            const list = projects.get(permission);
            if (list === undefined) projects.set(permission, [m.target]);
            else list.push(m.target);
          }
        }
      }
    }
    const rules: RawRuleOf<AppAbility>[] = [];
    for (const [action, set] of orgs)
      rules.push({ action, subject: 'Project', conditions: { organization: { $in: [...set] } } });
    for (const [action, ids] of projects) rules.push({ action, subject: 'Project', conditions: { id: { $in: ids } } });
    return createMongoAbility(rules);
  }
}

function contender(model: AppModel, abilityFor: (user: string) => AppAbility): Contender {
  const check = (c: Check): boolean => {
    const project = model.projects.get(c.project);
    return project !== undefined && abilityFor(c.user).can(c.permission, project);
  };
  return {
    check,
    run(checks, from, to) {
      let allowed = 0;
      for (let i = from; i < to; i++) if (check(checks[i]!)) allowed++;
      return allowed;
    },
  };
}

export const caslPerRequest: ContenderSpec = {
  name: 'CASL (per request, LRU 1k)',
  async build(w: Workload): Promise<Built> {
    const start = process.hrtime.bigint();
    const model = new AppModel(w);
    const buildMs = elapsedMs(start);
    const capacity = 1_000;
    const lru = new Map<string, AppAbility>();
    const abilityFor = (user: string): AppAbility => {
      let ability = lru.get(user);
      if (ability !== undefined) {
        lru.delete(user);
      } else {
        ability = model.defineAbilityFor(user);
        if (lru.size >= capacity) lru.delete(lru.keys().next().value!);
      }
      lru.set(user, ability);
      return ability;
    };
    return { buildMs, contender: contender(model, abilityFor) };
  },
};

export const caslPrebuilt: ContenderSpec = {
  name: 'CASL (prebuilt, sample users)',
  sampleOnly: true,
  async build(w: Workload, sample: readonly Check[]): Promise<Built> {
    const users = [...new Set(sample.map((c) => c.user))];
    const factor = w.userIds.length / users.length;
    let start = process.hrtime.bigint();
    const model = new AppModel(w);
    const modelMs = elapsedMs(start);
    const before = settledHeap();
    start = process.hrtime.bigint();
    const abilities = new Map<string, AppAbility>();
    for (const user of users) abilities.set(user, model.defineAbilityFor(user));
    const abilitiesMs = elapsedMs(start);
    const abilitiesBytes = settledHeap() - before;
    const abilityFor = (user: string): AppAbility => abilities.get(user) ?? model.defineAbilityFor(user);
    return {
      buildMs: modelMs + abilitiesMs * factor,
      extraHeapBytes: abilitiesBytes * (factor - 1),
      note: `abilities built for the ${users.length} users of the sample; their build time and heap × ${factor.toFixed(2)}`,
      contender: contender(model, abilityFor),
    };
  },
};
