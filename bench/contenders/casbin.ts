import { readFileSync, writeFileSync } from 'node:fs';
import { getDefaultFileSystem, newEnforcer, newModelFromString, setDefaultFileSystem } from 'casbin';
import type { Enforcer } from 'casbin';
import type { Check, Workload } from '../workload.js';
import { type Built, type Contender, type ContenderSpec, elapsedMs } from './contender.js';

/*
 * (a) casbin's documented "RBAC with domains" model: domain = project, `g = _, _, _`, role→permission
 * policies `p = sub, dom, act`. Two departures, both needed to make it exact and usable:
 *
 * - Organization-level grants. The documented ways to let a link count in every project domain are a
 *   domain pattern (`addNamedDomainMatchingFunc`) or a domain hierarchy, but casbin's role manager then
 *   rebuilds the merged role graph of every matching domain on each `g()` call (milliseconds per call
 *   here), and copying org-level links into each of the 1,000 project domains needs ~8M links (every
 *   member of an org-mapped group × every project). Instead the organization is a domain of its own and
 *   the matcher asks `g()` in the project's domain or in its organization's domain.
 * - casbin links are per domain, so user→group links are stored in each domain where the group has a
 *   mapping (800k links): derived data the application would have to maintain.
 *
 * Roles are organization-wide, so their permissions are policies in the organization's domain (270
 * policies; per-project copies would be 270k, and casbin scans every policy on each request).
 */
const DOMAIN_MODEL = `
[request_definition]
r = sub, org, dom, act

[policy_definition]
p = sub, dom, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = (g(r.sub, p.sub, r.dom) || g(r.sub, p.sub, r.org)) && r.org == p.dom && r.act == p.act
`;

/*
 * (b) The role graph alone, plain RBAC `g = _, _` and no `p` policies at all, so that an enforce is one
 * or two graph searches instead of a scan of every policy: user → group → `role@project` →
 * `permission@project`, and group → `role@org` → `permission@org` for org-level mappings. The request
 * names the node for the permission at the project and at its organization.
 */
const GRAPH_MODEL = `
[request_definition]
r = sub, obj, org

[policy_definition]
p = sub, obj

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, r.obj) || g(r.sub, r.org)
`;

function domainRules(w: Workload): { policies: string[][]; links: string[][] } {
  const org = w.orgId;
  const policies: string[][] = [];
  w.rolePermissions.forEach((perms, r) => {
    for (const p of perms) policies.push([w.roleIds[r]!, org, w.permissionKeys[p]!]);
  });
  const members: string[][] = w.groupIds.map(() => []);
  w.userGroups.forEach((groups, u) => {
    for (const g of groups) members[g]!.push(w.userIds[u]!);
  });
  const links: string[][] = [];
  // A group's members go into each domain where it has a mapping, once per domain.
  const seen = new Set<string>();
  const link = (group: number, role: number, domain: string) => {
    const groupId = w.groupIds[group]!;
    links.push([groupId, w.roleIds[role]!, domain]);
    const key = `${group}@${domain}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const user of members[group]!) links.push([user, groupId, domain]);
  };
  for (const m of w.orgMappings) link(m.group, m.role, org);
  for (const m of w.projectMappings) link(m.group, m.role, w.projectIds[m.project]!);
  return { policies, links };
}

function graphRules(w: Workload): string[][] {
  const org = w.orgId;
  const links: string[][] = [];
  w.userGroups.forEach((groups, u) => {
    for (const g of groups) links.push([w.userIds[u]!, w.groupIds[g]!]);
  });
  const roleNodes = new Set<string>();
  const roleNode = (role: number, node: string) => {
    const name = `${w.roleIds[role]!}@${node}`;
    if (!roleNodes.has(name)) {
      roleNodes.add(name);
      for (const p of w.rolePermissions[role]!) links.push([name, `${w.permissionKeys[p]!}@${node}`]);
    }
    return name;
  };
  for (const m of w.orgMappings) links.push([w.groupIds[m.group]!, roleNode(m.role, org)]);
  for (const m of w.projectMappings) links.push([w.groupIds[m.group]!, roleNode(m.role, w.projectIds[m.project]!)]);
  return links;
}

/**
 * casbin's first `newEnforcer` installs a default file system whose closure keeps that call's model
 * alive for good; installing one ourselves keeps each enforcer collectable once dropped.
 */
function installFileSystem(): void {
  if (getDefaultFileSystem() !== undefined) return;
  setDefaultFileSystem({
    readFileSync: (path: string, encoding?: string) =>
      readFileSync(path, { encoding: (encoding ?? 'utf8') as BufferEncoding }),
    writeFileSync: (path: string, text: string, encoding?: string) =>
      writeFileSync(path, text, { encoding: (encoding ?? 'utf8') as BufferEncoding }),
  });
}

async function load(
  model: string,
  policies: string[][],
  links: string[][],
): Promise<{ enforcer: Enforcer; buildMs: number }> {
  installFileSystem();
  const start = process.hrtime.bigint();
  const enforcer = await newEnforcer(newModelFromString(model));
  if (policies.length > 0) await enforcer.addPolicies(policies);
  await enforcer.addGroupingPolicies(links);
  return { enforcer, buildMs: elapsedMs(start) };
}

function contender(projectOrg: Map<string, string>, enforce: (c: Check, org: string) => boolean): Contender {
  const check = (c: Check) => {
    const org = projectOrg.get(c.project);
    return org !== undefined && enforce(c, org);
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

function projectOrgs(w: Workload): Map<string, string> {
  return new Map(w.projectIds.map((id) => [id, w.orgId]));
}

export const casbinDomains: ContenderSpec = {
  name: 'casbin RBAC with domains',
  maxChecks: 6_000,
  async build(w: Workload): Promise<Built> {
    const { policies, links } = domainRules(w);
    const { enforcer, buildMs } = await load(DOMAIN_MODEL, policies, links);
    return {
      buildMs,
      contender: contender(projectOrgs(w), (c, org) => enforcer.enforceSync(c.user, org, c.project, c.permission)),
    };
  },
};

export const casbinGraph: ContenderSpec = {
  name: 'casbin role graph',
  async build(w: Workload): Promise<Built> {
    const links = graphRules(w);
    const { enforcer, buildMs } = await load(GRAPH_MODEL, [], links);
    return {
      buildMs,
      contender: contender(projectOrgs(w), (c, org) =>
        enforcer.enforceSync(c.user, `${c.permission}@${c.project}`, `${c.permission}@${org}`),
      ),
    };
  },
};
