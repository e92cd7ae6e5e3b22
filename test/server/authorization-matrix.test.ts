import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Change } from '../../src/core/changes.js';
import { roleRecord } from '../../src/core/model.js';
import { applicationRole } from '../../src/core/rules.js';
import { tenantConfFromEngine } from '../../src/document/tenant-conf.js';
import { type Slapd, startSlapd } from '../support/slapd.js';
import { type Client, type TestServer, startTestServer } from './harness.js';

/**
 * Tessera guards itself (issue: "every management endpoint × every predefined role of the choreo
 * preset, and the admin, and an anonymous caller → the expected allow or deny").
 *
 * Columns: `super` is the bootstrapped super admin (Admin in the home organization). The next eight
 * hold one choreo role each in organization `acme` (through acme's predefined groups; the deprecated
 * Environment Manager through a mapping made before it was deprecated). `anon` sends no credentials.
 * ✓: the operation succeeds (2xx). ·: refused, 403 forbidden (401 for anon).
 *
 * Organization-level roles do not reach installation-wide operations (users, user stores, the
 * permission tree, scopes, settings, the audit log, root organizations, root roles): those need
 * the permission at the home organization, so acme's Admin is refused them.
 */
const MATRIX = `
operation                                              super Admin Dev  Pub  Sub  Bill Ops  Ext  Env  anon
GET    /v1/organizations                                 ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ·
POST   /v1/organizations (root)                          ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/organizations (child of acme)                 ✓    ✓    ·    ·    ·    ✓    ·    ·    ·    ·
GET    /v1/organizations/acme                            ✓    ✓    ·    ·    ·    ✓    ·    ·    ·    ·
PATCH  /v1/organizations/acme                            ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/organizations/acme/sign-up                    ✓    ✓    ·    ·    ·    ✓    ·    ·    ·    ·
PUT    /v1/organizations/acme/sign-up                    ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/organizations/{child}                         ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/organizations/acme/projects                   ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ·
POST   /v1/organizations/acme/projects                   ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/projects/{project}                            ✓    ✓    ✓    ·    ·    ·    ·    ·    ·    ·
PATCH  /v1/projects/{project}                            ✓    ✓    ✓    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/projects/{project}                            ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/projects/{project}/access                     ✓    ✓    ✓    ·    ·    ·    ·    ·    ·    ·
GET    /v1/resources                                     ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ·
POST   /v1/resources                                     ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/resources/{resource}                          ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
PATCH  /v1/resources/{resource}                          ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/resources/{resource}                          ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/resources/{resource}/administrators           ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/resources/{resource}/administrators           ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/resources/{resource}/administrators/{user}    ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/users                                         ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/users                                         ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/users/{user}                                  ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/users/{user}/groups                           ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/users/{user}/mappings                         ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
PATCH  /v1/users/{user}                                  ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
PUT    /v1/users/{user}/password                         ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/users/{user}/two-factor                       ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/users/{user}                                  ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/organizations/acme/groups                     ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/organizations/acme/groups                     ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/groups/{group}                                ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
PATCH  /v1/groups/{group}                                ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/groups/{group}                                ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/groups/{group}/members                        ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
PUT    /v1/groups/{group}/members/{user}                 ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/groups/{group}/members/{user}                 ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/invitations                                   ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/invitations                                   ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/invitations/{id}                              ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/organizations/acme/members                    ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/organizations/acme/members                    ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/organizations/acme/members/{user}             ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/scim-tokens (in acme)                         ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/scim-tokens (users only)                      ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/scim-tokens (in acme)                         ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/scim-tokens/{id}                              ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/invitations/{id}/resend                       ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/roles (usable in acme)                        ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/roles (installation)                          ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/roles (in acme)                               ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/roles (root)                                  ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/roles/{acme-role}                             ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/roles/{acme-role}/permissions                 ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/roles/{acme-role}/users                       ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
PATCH  /v1/roles/{acme-role}                             ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/roles/{acme-role}                             ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/permissions                                   ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/permissions/{key}                             ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
PUT    /v1/permissions/{key}                             ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/permissions/{key}                             ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/scopes                                        ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/scopes/{name}                                 ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
PUT    /v1/scopes/{name}                                 ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/scopes/{name}                                 ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/scopes/tenant-conf                            ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
PUT    /v1/scopes/tenant-conf                            ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/mappings (in acme)                            ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/mappings/{id}                                 ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/mappings                                      ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/mappings/{id}                                 ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/mappings/batch                                ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/constraints (in acme)                         ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/constraints (in acme)                         ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/constraints/{id}                              ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/elevation-policies/{role}                     ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
PUT    /v1/elevation-policies/{role}                     ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/elevations/{id}/approve                       ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/elevations/{id}/reject                        ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/settings                                      ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
PUT    /v1/settings                                      ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/settings/sign-in                              ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
PUT    /v1/settings/sign-in                              ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
PUT    /v1/oauth/clients/{client}/profile                ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/user-stores                                   ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/user-stores                                   ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/user-stores/{name}                            ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
PATCH  /v1/user-stores/{name}                            ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/user-stores/{name}                            ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/ldap-stores                                   ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/ldap-stores                                   ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/ldap-stores/test                              ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/ldap-stores/{name}                            ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
PATCH  /v1/ldap-stores/{name}                            ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/ldap-stores/{name}/test                       ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/ldap-stores/{name}/sync                       ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/ldap-stores/{name}/users                      ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/ldap-stores/{name}/groups                     ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/apply                                         ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/export                                        ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/policy-tests                                  ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/check (about another user)                    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/check/batch (about another user)              ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/check/targets (about another user)            ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/explain (about another user)                  ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/permissions-at (about another user)           ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/lookup (about another user)                   ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/scopes/grant (about another user)             ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/reverse-lookup                                ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/audit                                         ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/outbox                                        ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
POST   /v1/applications (in acme)                        ✓    ✓    ·    ·    ✓    ·    ·    ✓    ·    ·
GET    /v1/applications (own)                            ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ·
GET    /v1/applications (anyone's)                       ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/applications/{own}                            ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ·
DELETE /v1/applications/{own}                            ✓    ✓    ·    ·    ✓    ·    ·    ✓    ·    ·
POST   /v1/applications/{own}/keys                       ✓    ✓    ·    ·    ✓    ·    ·    ✓    ·    ·
GET    /v1/applications/{own}/keys                       ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ·
GET    /v1/applications/{another's}/keys                 ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
DELETE /v1/applications/{own}/keys/{keyType}             ✓    ✓    ·    ·    ✓    ·    ·    ✓    ·    ·
POST   /v1/applications/{own}/subscriptions              ✓    ✓    ·    ·    ✓    ·    ·    ✓    ·    ·
GET    /v1/applications/{own}/subscriptions              ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ·
DELETE /v1/applications/{own}/subscriptions/{id}         ✓    ✓    ·    ·    ✓    ·    ·    ✓    ·    ·
POST   /v1/applications/{own}/api-keys                   ✓    ✓    ·    ·    ✓    ·    ·    ✓    ·    ·
GET    /v1/applications/{own}/api-keys                   ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ·
DELETE /v1/applications/{own}/api-keys/{id}              ✓    ✓    ·    ·    ✓    ·    ·    ✓    ·    ·
POST   /v1/api-keys/verify                               ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
GET    /v1/organizations/acme/approval-workflows         ✓    ✓    ·    ·    ·    ✓    ·    ·    ·    ·
PUT    /v1/organizations/acme/approval-workflows/subscription ✓ ✓    ·    ·    ·    ·    ·    ·    ·    ·
`;

/** Operations any signed-in caller may use on their own account or about themselves; anonymous callers are refused. */
const SELF_SERVICE = `
GET    /v1/session
GET    /v1/tokens
POST   /v1/tokens
POST   /v1/check (about oneself)
POST   /v1/check/batch (about oneself)
POST   /v1/check/targets (about oneself)
POST   /v1/explain (about oneself)
POST   /v1/permissions-at (about oneself)
POST   /v1/lookup (about oneself)
POST   /v1/scopes/grant (about oneself)
GET    /v1/approvals
POST   /v1/elevations
GET    /v1/elevations
`;

const COLUMNS = [
  'super',
  'Admin',
  'Developer',
  'API Publisher',
  'API Subscriber',
  'Billing Admin',
  'Choreo DevOps',
  'External API Subscriber',
  'Environment Manager',
  'anon',
] as const;
type Column = (typeof COLUMNS)[number];

interface Request {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

interface Fixture {
  readonly server: TestServer;
  readonly acme: string;
  readonly project: string;
  readonly resource: string;
  /** The caller's own user id (null for anon). */
  readonly self: string | null;
  readonly fresh: () => string;
  readonly write: (changes: Change[]) => Promise<void>;
}

type Prepare = (f: Fixture) => Promise<Request> | Request;

// The LDAP stores' bind secrets are sealed under this key, not a key file in the checkout.
process.env.TESSERA_SECRET_KEY ??= 'authorization-matrix-test-key';

/** One private slapd for the LDAP store operations, started when the first of them runs. */
let slapd: Promise<Slapd> | undefined;
async function directorySettings() {
  slapd ??= startSlapd({ ldif: [join(import.meta.dirname, '..', 'fixtures', 'ldap', 'corp.ldif')] });
  return {
    url: (await slapd).url,
    bindDn: 'cn=tessera,ou=services,dc=corp,dc=example',
    bindPassword: 'reader-secret',
    userBaseDn: 'ou=people,dc=corp,dc=example',
    groupBaseDn: 'ou=groups,dc=corp,dc=example',
  };
}

/** An LDAP store added once by the super admin, for the operations on one store. */
let ldapStoreName: Promise<string> | undefined;
function ldapStore(f: Fixture): Promise<string> {
  ldapStoreName ??= (async () => {
    const added = await f.server.admin.post('/v1/ldap-stores', { name: 'MATRIX-LDAP', ...(await directorySettings()) });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    return 'MATRIX-LDAP';
  })();
  return ldapStoreName;
}

async function freshGroup(f: Fixture): Promise<string> {
  const id = randomUUID();
  await f.write([
    {
      op: 'group.put',
      group: { id, organization: f.acme, name: `g-${f.fresh()}`, store: 'PRIMARY', description: null },
    },
  ]);
  return id;
}

async function freshUser(f: Fixture): Promise<string> {
  const id = randomUUID();
  await f.write([
    { op: 'user.put', user: { id, username: `u-${f.fresh()}`, store: 'PRIMARY', email: null, status: 'active' } },
  ]);
  return id;
}

async function freshProject(f: Fixture): Promise<string> {
  const id = randomUUID();
  await f.write([{ op: 'project.put', project: { id, organization: f.acme, name: `p-${f.fresh()}` } }]);
  return id;
}

async function freshResource(f: Fixture): Promise<string> {
  const id = randomUUID();
  await f.write([
    {
      op: 'resource.put',
      resource: { id, type: 'api', name: `r-${f.fresh()}`, organization: f.acme, project: f.project, private: false },
    },
  ]);
  return id;
}

async function freshRole(f: Fixture): Promise<string> {
  const id = randomUUID();
  await f.write([
    {
      op: 'role.put',
      role: roleRecord({ id, name: `role-${f.fresh()}`, organization: f.acme, permissions: ['project:view'] }),
    },
  ]);
  return id;
}

async function freshMapping(f: Fixture): Promise<string> {
  const group = await freshGroup(f);
  const id = randomUUID();
  const developer = f.server.store.engine.findRole('Developer')!.id;
  await f.write([
    {
      op: 'mapping.add',
      mapping: {
        id,
        role: developer,
        subject: { kind: 'group', id: group },
        target: { level: 'project', id: f.project },
      },
    },
  ]);
  return id;
}

async function freshConstraint(f: Fixture): Promise<string> {
  const id = randomUUID();
  const role = (name: string) => f.server.store.engine.findRole(name)!.id;
  await f.write([
    {
      op: 'constraint.put',
      constraint: {
        id,
        name: `c-${f.fresh()}`,
        kind: 'dynamic',
        roles: [role('Developer'), role('API Subscriber')],
        organization: f.acme,
        description: null,
      },
    },
  ]);
  return id;
}

/** A pending request, by a fresh user, for Developer at acme for five minutes. */
async function freshElevation(f: Fixture): Promise<string> {
  const id = randomUUID();
  await f.server.store.database
    .insertInto('elevations')
    .values({
      id,
      requester: await freshUser(f),
      role: f.server.store.engine.findRole('Developer')!.id,
      target_level: 'organization',
      target_id: f.acme,
      reason: 'matrix',
      duration_seconds: 300,
      status: 'pending',
      created_at: new Date().toISOString(),
      decided_by: null,
      decided_at: null,
      mapping_id: null,
      expires_at: null,
    })
    .execute();
  return id;
}

/** An application in acme owned by `owner` (a fresh user when null), optionally with PRODUCTION keys and their application role. */
async function freshApplication(f: Fixture, owner: string | null, options: { keys?: boolean } = {}): Promise<string> {
  const ownerId = owner ?? (await freshUser(f));
  const id = randomUUID();
  const name = `app-${f.fresh()}`;
  await f.server.store.database
    .insertInto('applications')
    .values({ id, owner: ownerId, organization: f.acme, name, description: null, created_at: new Date().toISOString() })
    .execute();
  if (options.keys === true) {
    const created = applicationRole(f.server.store.engine, ownerId, name, 'PRODUCTION', f.acme);
    assert.ok(!('error' in created));
    await f.write(created.changes);
    await f.server.store.database
      .insertInto('application_keys')
      .values({
        id: randomUUID(),
        application: id,
        key_type: 'PRODUCTION',
        client_id: `client-${id}`,
        secret_hash: `hash-${id}`,
        redirect_uris: '[]',
        created_at: new Date().toISOString(),
        revoked_at: null,
      })
      .execute();
  }
  return id;
}

const PREPARE: Readonly<Record<string, Prepare>> = {
  'GET /v1/organizations': () => ({ method: 'GET', path: '/v1/organizations' }),
  'POST /v1/organizations (root)': (f) => ({
    method: 'POST',
    path: '/v1/organizations',
    body: { name: `root-${f.fresh()}` },
  }),
  'POST /v1/organizations (child of acme)': (f) => ({
    method: 'POST',
    path: '/v1/organizations',
    body: { name: `child-${f.fresh()}`, parent: 'acme' },
  }),
  'GET /v1/organizations/acme': () => ({ method: 'GET', path: '/v1/organizations/acme' }),
  'GET /v1/organizations/acme/approval-workflows': () => ({
    method: 'GET',
    path: '/v1/organizations/acme/approval-workflows',
  }),
  'PUT /v1/organizations/acme/approval-workflows/subscription': () => ({
    method: 'PUT',
    path: '/v1/organizations/acme/approval-workflows/subscription',
    body: { enabled: false },
  }),
  'PATCH /v1/organizations/acme': () => ({
    method: 'PATCH',
    path: '/v1/organizations/acme',
    body: { requireTwoFactor: false },
  }),
  'DELETE /v1/organizations/{child}': async (f) => {
    const id = randomUUID();
    await f.write([
      {
        op: 'organization.put',
        organization: { id, name: `gone-${f.fresh()}`, parent: f.acme, requireTwoFactor: false, adminRole: null },
      },
    ]);
    return { method: 'DELETE', path: `/v1/organizations/${id}` };
  },
  'GET /v1/organizations/acme/projects': () => ({ method: 'GET', path: '/v1/organizations/acme/projects' }),
  'POST /v1/organizations/acme/projects': (f) => ({
    method: 'POST',
    path: '/v1/organizations/acme/projects',
    body: { name: `p-${f.fresh()}` },
  }),
  'GET /v1/projects/{project}': (f) => ({ method: 'GET', path: `/v1/projects/${f.project}` }),
  'PATCH /v1/projects/{project}': async (f) => ({
    method: 'PATCH',
    path: `/v1/projects/${await freshProject(f)}`,
    body: { name: `renamed-${f.fresh()}` },
  }),
  'DELETE /v1/projects/{project}': async (f) => ({ method: 'DELETE', path: `/v1/projects/${await freshProject(f)}` }),
  'GET /v1/projects/{project}/access': (f) => ({ method: 'GET', path: `/v1/projects/${f.project}/access` }),
  'GET /v1/resources': () => ({ method: 'GET', path: '/v1/resources?organization=acme' }),
  'POST /v1/resources': (f) => ({
    method: 'POST',
    path: '/v1/resources',
    body: { type: 'api', name: `api-${f.fresh()}`, project: f.project },
  }),
  'GET /v1/resources/{resource}': (f) => ({ method: 'GET', path: `/v1/resources/${f.resource}` }),
  'PATCH /v1/resources/{resource}': async (f) => ({
    method: 'PATCH',
    path: `/v1/resources/${await freshResource(f)}`,
    body: { private: true },
  }),
  'DELETE /v1/resources/{resource}': async (f) => ({
    method: 'DELETE',
    path: `/v1/resources/${await freshResource(f)}`,
  }),
  'GET /v1/resources/{resource}/administrators': (f) => ({
    method: 'GET',
    path: `/v1/resources/${f.resource}/administrators`,
  }),
  'POST /v1/resources/{resource}/administrators': async (f) => ({
    method: 'POST',
    path: `/v1/resources/${await freshResource(f)}/administrators`,
    body: { user: await freshUser(f) },
  }),
  'DELETE /v1/resources/{resource}/administrators/{user}': async (f) => {
    const resource = await freshResource(f);
    const users = [await freshUser(f), await freshUser(f)];
    const role = f.server.store.engine.settings.resourceTypes!.api!.administratorRole!;
    await f.write(
      users.map((user) => ({
        op: 'mapping.add' as const,
        mapping: {
          id: randomUUID(),
          role,
          subject: { kind: 'user' as const, id: user },
          target: { level: 'resource' as const, id: resource },
        },
      })),
    );
    return { method: 'DELETE', path: `/v1/resources/${resource}/administrators/${users[0]}` };
  },
  'GET /v1/users': () => ({ method: 'GET', path: '/v1/users' }),
  'POST /v1/users': (f) => ({ method: 'POST', path: '/v1/users', body: { username: `new-${f.fresh()}` } }),
  'GET /v1/users/{user}': async (f) => ({ method: 'GET', path: `/v1/users/${await freshUser(f)}` }),
  'GET /v1/users/{user}/groups': async (f) => ({ method: 'GET', path: `/v1/users/${await freshUser(f)}/groups` }),
  'GET /v1/users/{user}/mappings': async (f) => ({ method: 'GET', path: `/v1/users/${await freshUser(f)}/mappings` }),
  'PATCH /v1/users/{user}': async (f) => ({
    method: 'PATCH',
    path: `/v1/users/${await freshUser(f)}`,
    body: { email: 'changed@example.com' },
  }),
  'PUT /v1/users/{user}/password': async (f) => ({
    method: 'PUT',
    path: `/v1/users/${await freshUser(f)}/password`,
    body: { password: 'a new password' },
  }),
  'DELETE /v1/users/{user}': async (f) => ({ method: 'DELETE', path: `/v1/users/${await freshUser(f)}` }),
  'DELETE /v1/users/{user}/two-factor': async (f) => {
    const user = await freshUser(f);
    // An enrolled factor (its secret is never read by a reset).
    await f.server.store.database
      .insertInto('two_factor')
      .values({
        user_id: user,
        secret: 'v1:x:x:x',
        created_at: new Date().toISOString(),
        confirmed_at: new Date().toISOString(),
        last_step: null,
      })
      .execute();
    return { method: 'DELETE', path: `/v1/users/${user}/two-factor` };
  },
  'GET /v1/organizations/acme/groups': () => ({ method: 'GET', path: '/v1/organizations/acme/groups' }),
  'POST /v1/organizations/acme/groups': (f) => ({
    method: 'POST',
    path: '/v1/organizations/acme/groups',
    body: { name: `group-${f.fresh()}` },
  }),
  'GET /v1/groups/{group}': async (f) => ({ method: 'GET', path: `/v1/groups/${await freshGroup(f)}` }),
  'PATCH /v1/groups/{group}': async (f) => ({
    method: 'PATCH',
    path: `/v1/groups/${await freshGroup(f)}`,
    body: { description: 'changed' },
  }),
  'DELETE /v1/groups/{group}': async (f) => ({ method: 'DELETE', path: `/v1/groups/${await freshGroup(f)}` }),
  'GET /v1/groups/{group}/members': async (f) => ({ method: 'GET', path: `/v1/groups/${await freshGroup(f)}/members` }),
  'PUT /v1/groups/{group}/members/{user}': async (f) => ({
    method: 'PUT',
    path: `/v1/groups/${await freshGroup(f)}/members/${await freshUser(f)}`,
  }),
  'DELETE /v1/groups/{group}/members/{user}': async (f) => {
    const group = await freshGroup(f);
    const user = await freshUser(f);
    await f.write([{ op: 'member.add', membership: { group, user } }]);
    return { method: 'DELETE', path: `/v1/groups/${group}/members/${user}` };
  },
  'POST /v1/invitations': async (f) => ({
    method: 'POST',
    path: '/v1/invitations',
    body: { email: `${f.fresh()}@example.com`, group: await freshGroup(f) },
  }),
  'GET /v1/invitations': () => ({ method: 'GET', path: '/v1/invitations?organization=acme' }),
  'DELETE /v1/invitations/{id}': async (f) => {
    const created = await f.server.admin.post('/v1/invitations', {
      email: `${f.fresh()}@example.com`,
      group: await freshGroup(f),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { method: 'DELETE', path: `/v1/invitations/${created.body.invitation.id}` };
  },
  'GET /v1/organizations/acme/members': () => ({ method: 'GET', path: '/v1/organizations/acme/members' }),
  'POST /v1/organizations/acme/members': (f) => ({
    method: 'POST',
    path: '/v1/organizations/acme/members',
    body: { email: `${f.fresh()}@example.com` },
  }),
  'DELETE /v1/organizations/acme/members/{user}': async (f) => {
    const group = await freshGroup(f);
    const user = await freshUser(f);
    await f.write([{ op: 'member.add', membership: { group, user } }]);
    await f.server.store.database
      .insertInto('organization_members')
      .values({ organization: f.acme, user_id: user, joined_at: new Date().toISOString() })
      .execute();
    return { method: 'DELETE', path: `/v1/organizations/acme/members/${user}` };
  },
  'POST /v1/scim-tokens (in acme)': (f) => ({
    method: 'POST',
    path: '/v1/scim-tokens',
    body: { name: `idp-${f.fresh()}`, organization: 'acme' },
  }),
  'POST /v1/scim-tokens (users only)': (f) => ({
    method: 'POST',
    path: '/v1/scim-tokens',
    body: { name: `idp-${f.fresh()}` },
  }),
  'GET /v1/scim-tokens (in acme)': () => ({ method: 'GET', path: '/v1/scim-tokens?organization=acme' }),
  'DELETE /v1/scim-tokens/{id}': async (f) => {
    const created = await f.server.admin.post('/v1/scim-tokens', { name: `idp-${f.fresh()}`, organization: 'acme' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { method: 'DELETE', path: `/v1/scim-tokens/${created.body.token.id}` };
  },
  'POST /v1/invitations/{id}/resend': async (f) => {
    const created = await f.server.admin.post('/v1/invitations', {
      email: `${f.fresh()}@example.com`,
      group: await freshGroup(f),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { method: 'POST', path: `/v1/invitations/${created.body.invitation.id}/resend` };
  },
  'GET /v1/organizations/acme/sign-up': () => ({ method: 'GET', path: '/v1/organizations/acme/sign-up' }),
  'PUT /v1/organizations/acme/sign-up': () => ({
    method: 'PUT',
    path: '/v1/organizations/acme/sign-up',
    body: { enabled: false },
  }),
  'GET /v1/outbox': () => ({ method: 'GET', path: '/v1/outbox' }),
  'GET /v1/roles (usable in acme)': () => ({ method: 'GET', path: '/v1/roles?organization=acme' }),
  'GET /v1/roles (installation)': () => ({ method: 'GET', path: '/v1/roles' }),
  'POST /v1/roles (in acme)': (f) => ({
    method: 'POST',
    path: '/v1/roles',
    body: { name: `custom-${f.fresh()}`, organization: 'acme', permissions: ['project:view'] },
  }),
  'POST /v1/roles (root)': (f) => ({
    method: 'POST',
    path: '/v1/roles',
    body: { name: `custom-${f.fresh()}`, permissions: ['project:view'] },
  }),
  'GET /v1/roles/{acme-role}': async (f) => ({ method: 'GET', path: `/v1/roles/${await freshRole(f)}` }),
  'GET /v1/roles/{acme-role}/permissions': async (f) => ({
    method: 'GET',
    path: `/v1/roles/${await freshRole(f)}/permissions`,
  }),
  'GET /v1/roles/{acme-role}/users': async (f) => ({ method: 'GET', path: `/v1/roles/${await freshRole(f)}/users` }),
  'PATCH /v1/roles/{acme-role}': async (f) => ({
    method: 'PATCH',
    path: `/v1/roles/${await freshRole(f)}`,
    body: { description: 'changed' },
  }),
  'DELETE /v1/roles/{acme-role}': async (f) => ({ method: 'DELETE', path: `/v1/roles/${await freshRole(f)}` }),
  'GET /v1/permissions': () => ({ method: 'GET', path: '/v1/permissions' }),
  'GET /v1/permissions/{key}': () => ({ method: 'GET', path: '/v1/permissions/project:view' }),
  'PUT /v1/permissions/{key}': (f) => ({
    method: 'PUT',
    path: `/v1/permissions/matrix:${f.fresh()}`,
    body: { description: 'a node' },
  }),
  'DELETE /v1/permissions/{key}': async (f) => {
    const key = `matrix:${f.fresh()}`;
    await f.write([
      {
        op: 'permission.put',
        permission: { key, description: null, levels: ['organization', 'project', 'resource'], visibilityGated: false },
      },
    ]);
    return { method: 'DELETE', path: `/v1/permissions/${key}` };
  },
  'GET /v1/scopes': () => ({ method: 'GET', path: '/v1/scopes' }),
  'GET /v1/scopes/tenant-conf': () => ({ method: 'GET', path: '/v1/scopes/tenant-conf' }),
  // The current table: a no-op for whoever may write it.
  'PUT /v1/scopes/tenant-conf': (f) => ({
    method: 'PUT',
    path: '/v1/scopes/tenant-conf',
    body: tenantConfFromEngine(f.server.store.engine),
  }),
  'GET /v1/scopes/{name}': async (f) => {
    const name = `matrix_${f.fresh()}`;
    await f.write([{ op: 'scope.put', scope: { name, description: null, roles: [] } }]);
    return { method: 'GET', path: `/v1/scopes/${name}` };
  },
  'PUT /v1/scopes/{name}': (f) => ({
    method: 'PUT',
    path: `/v1/scopes/matrix_${f.fresh()}`,
    body: { roles: ['Developer'] },
  }),
  'DELETE /v1/scopes/{name}': async (f) => {
    const name = `matrix_${f.fresh()}`;
    await f.write([{ op: 'scope.put', scope: { name, description: null, roles: [] } }]);
    return { method: 'DELETE', path: `/v1/scopes/${name}` };
  },
  'GET /v1/mappings (in acme)': () => ({ method: 'GET', path: '/v1/mappings?organization=acme' }),
  'GET /v1/mappings/{id}': async (f) => ({ method: 'GET', path: `/v1/mappings/${await freshMapping(f)}` }),
  'POST /v1/mappings': async (f) => ({
    method: 'POST',
    path: '/v1/mappings',
    body: {
      role: 'Developer',
      subject: { kind: 'group', id: await freshGroup(f) },
      target: { type: 'project', id: f.project },
    },
  }),
  'DELETE /v1/mappings/{id}': async (f) => ({ method: 'DELETE', path: `/v1/mappings/${await freshMapping(f)}` }),
  'POST /v1/mappings/batch': async (f) => ({
    method: 'POST',
    path: '/v1/mappings/batch',
    body: {
      add: [
        {
          role: 'Developer',
          subject: { kind: 'group', id: await freshGroup(f) },
          target: { type: 'project', id: f.project },
        },
      ],
      remove: [await freshMapping(f)],
    },
  }),
  'GET /v1/constraints (in acme)': () => ({ method: 'GET', path: '/v1/constraints?organization=acme' }),
  'POST /v1/constraints (in acme)': (f) => ({
    method: 'POST',
    path: '/v1/constraints',
    body: { name: `c-${f.fresh()}`, kind: 'dynamic', roles: ['Developer', 'API Subscriber'], organization: 'acme' },
  }),
  'DELETE /v1/constraints/{id}': async (f) => ({
    method: 'DELETE',
    path: `/v1/constraints/${await freshConstraint(f)}`,
  }),
  'GET /v1/elevation-policies/{role}': () => ({ method: 'GET', path: '/v1/elevation-policies/Developer' }),
  'PUT /v1/elevation-policies/{role}': () => ({
    method: 'PUT',
    path: '/v1/elevation-policies/Developer',
    body: { selfGrant: false },
  }),
  'POST /v1/elevations/{id}/approve': async (f) => ({
    method: 'POST',
    path: `/v1/elevations/${await freshElevation(f)}/approve`,
  }),
  'POST /v1/elevations/{id}/reject': async (f) => ({
    method: 'POST',
    path: `/v1/elevations/${await freshElevation(f)}/reject`,
  }),
  'GET /v1/settings': () => ({ method: 'GET', path: '/v1/settings' }),
  'GET /v1/settings/sign-in': () => ({ method: 'GET', path: '/v1/settings/sign-in' }),
  'PUT /v1/settings/sign-in': () => ({
    method: 'PUT',
    path: '/v1/settings/sign-in',
    body: { requireTwoFactor: false },
  }),
  'PUT /v1/oauth/clients/{client}/profile': async (f) => {
    const application = await freshApplication(f, null, { keys: true });
    return { method: 'PUT', path: `/v1/oauth/clients/client-${application}/profile`, body: { firstParty: false } };
  },
  'PUT /v1/settings': () => ({ method: 'PUT', path: '/v1/settings', body: { adminRole: 'Admin' } }),
  'GET /v1/user-stores': () => ({ method: 'GET', path: '/v1/user-stores' }),
  'POST /v1/user-stores': (f) => ({
    method: 'POST',
    path: '/v1/user-stores',
    body: { name: `STORE${f.fresh().replaceAll('-', '')}` },
  }),
  'GET /v1/user-stores/{name}': () => ({ method: 'GET', path: '/v1/user-stores/PRIMARY' }),
  'PATCH /v1/user-stores/{name}': async (f) => {
    const name = `STORE${f.fresh().replaceAll('-', '')}`;
    await f.write([{ op: 'userStore.put', userStore: { name, readOnly: false, description: null } }]);
    return { method: 'PATCH', path: `/v1/user-stores/${name}`, body: { description: 'changed' } };
  },
  'DELETE /v1/user-stores/{name}': async (f) => {
    const name = `STORE${f.fresh().replaceAll('-', '')}`;
    await f.write([{ op: 'userStore.put', userStore: { name, readOnly: false, description: null } }]);
    return { method: 'DELETE', path: `/v1/user-stores/${name}` };
  },
  'GET /v1/ldap-stores': () => ({ method: 'GET', path: '/v1/ldap-stores' }),
  'POST /v1/ldap-stores': async (f) => ({
    method: 'POST',
    path: '/v1/ldap-stores',
    body: { name: `LDAP${f.fresh().replaceAll('-', '')}`, ...(await directorySettings()) },
  }),
  'POST /v1/ldap-stores/test': async () => ({
    method: 'POST',
    path: '/v1/ldap-stores/test',
    body: await directorySettings(),
  }),
  'GET /v1/ldap-stores/{name}': async (f) => ({ method: 'GET', path: `/v1/ldap-stores/${await ldapStore(f)}` }),
  'PATCH /v1/ldap-stores/{name}': async (f) => ({
    method: 'PATCH',
    path: `/v1/ldap-stores/${await ldapStore(f)}`,
    body: { syncIntervalSeconds: 300 },
  }),
  'POST /v1/ldap-stores/{name}/test': async (f) => ({
    method: 'POST',
    path: `/v1/ldap-stores/${await ldapStore(f)}/test`,
  }),
  'POST /v1/ldap-stores/{name}/sync': async (f) => ({
    method: 'POST',
    path: `/v1/ldap-stores/${await ldapStore(f)}/sync`,
  }),
  'GET /v1/ldap-stores/{name}/users': async (f) => ({
    method: 'GET',
    path: `/v1/ldap-stores/${await ldapStore(f)}/users`,
  }),
  'GET /v1/ldap-stores/{name}/groups': async (f) => ({
    method: 'GET',
    path: `/v1/ldap-stores/${await ldapStore(f)}/groups`,
  }),
  'POST /v1/apply': (f) => ({
    method: 'POST',
    path: '/v1/apply',
    body: { organizations: [{ name: 'acme' }], users: [{ username: `applied-${f.fresh()}` }] },
  }),
  'GET /v1/export': () => ({ method: 'GET', path: '/v1/export' }),
  'POST /v1/policy-tests': () => ({
    method: 'POST',
    path: '/v1/policy-tests',
    body: {
      kind: 'tessera/policy-tests',
      fixture: {
        preset: 'choreo',
        organizations: [{ name: 'o' }],
        users: [{ username: 'a' }],
        mappings: [{ role: 'Admin', user: 'a', organization: 'o' }],
      },
      expectations: [{ user: 'a', may: 'project:create', on: 'organization/o' }],
    },
  }),
  'POST /v1/check (about another user)': (f) => ({
    method: 'POST',
    path: '/v1/check',
    body: { user: 'admin', permission: 'project:view', resource: { type: 'organization', id: f.acme } },
  }),
  'POST /v1/check/batch (about another user)': (f) => ({
    method: 'POST',
    path: '/v1/check/batch',
    body: { checks: [{ user: 'admin', permission: 'project:view', resource: { type: 'organization', id: f.acme } }] },
  }),
  'POST /v1/check/targets (about another user)': (f) => ({
    method: 'POST',
    path: '/v1/check/targets',
    body: { user: 'admin', permission: 'project:view', targets: [{ type: 'organization', id: f.acme }] },
  }),
  'POST /v1/explain (about another user)': (f) => ({
    method: 'POST',
    path: '/v1/explain',
    body: { user: 'admin', permission: 'project:view', resource: { type: 'organization', id: f.acme } },
  }),
  'POST /v1/permissions-at (about another user)': (f) => ({
    method: 'POST',
    path: '/v1/permissions-at',
    body: { user: 'admin', resource: { type: 'organization', id: f.acme } },
  }),
  'POST /v1/lookup (about another user)': () => ({
    method: 'POST',
    path: '/v1/lookup',
    body: { user: 'admin', permission: 'project:view', type: 'project' },
  }),
  'POST /v1/scopes/grant (about another user)': () => ({
    method: 'POST',
    path: '/v1/scopes/grant',
    body: { user: 'admin', scopes: ['x'], organization: 'acme' },
  }),
  'POST /v1/reverse-lookup': (f) => ({
    method: 'POST',
    path: '/v1/reverse-lookup',
    body: { permission: 'project:edit', resource: { type: 'project', id: f.project } },
  }),
  'GET /v1/audit': () => ({ method: 'GET', path: '/v1/audit?limit=5' }),
  'POST /v1/applications (in acme)': (f) => ({
    method: 'POST',
    path: '/v1/applications',
    body: { name: `app-${f.fresh()}`, organization: 'acme' },
  }),
  'GET /v1/applications (own)': () => ({ method: 'GET', path: '/v1/applications' }),
  "GET /v1/applications (anyone's)": () => ({ method: 'GET', path: '/v1/applications?owner=admin' }),
  'GET /v1/applications/{own}': async (f) => ({
    method: 'GET',
    path: `/v1/applications/${await freshApplication(f, f.self)}`,
  }),
  'DELETE /v1/applications/{own}': async (f) => ({
    method: 'DELETE',
    path: `/v1/applications/${await freshApplication(f, f.self)}`,
  }),
  'POST /v1/applications/{own}/keys': async (f) => ({
    method: 'POST',
    path: `/v1/applications/${await freshApplication(f, f.self)}/keys`,
    body: { keyType: 'PRODUCTION' },
  }),
  'GET /v1/applications/{own}/keys': async (f) => ({
    method: 'GET',
    path: `/v1/applications/${await freshApplication(f, f.self, { keys: true })}/keys`,
  }),
  "GET /v1/applications/{another's}/keys": async (f) => ({
    method: 'GET',
    path: `/v1/applications/${await freshApplication(f, null, { keys: true })}/keys`,
  }),
  'DELETE /v1/applications/{own}/keys/{keyType}': async (f) => ({
    method: 'DELETE',
    path: `/v1/applications/${await freshApplication(f, f.self, { keys: true })}/keys/PRODUCTION`,
  }),
  'POST /v1/applications/{own}/subscriptions': async (f) => ({
    method: 'POST',
    path: `/v1/applications/${await freshApplication(f, f.self)}/subscriptions`,
    body: { api: f.resource },
  }),
  'GET /v1/applications/{own}/subscriptions': async (f) => ({
    method: 'GET',
    path: `/v1/applications/${await freshApplication(f, f.self)}/subscriptions`,
  }),
  'DELETE /v1/applications/{own}/subscriptions/{id}': async (f) => {
    const application = await freshApplication(f, f.self);
    const id = randomUUID();
    await f.server.store.database
      .insertInto('subscriptions')
      .values({ id, application, resource: f.resource, created_by: null, created_at: new Date().toISOString() })
      .execute();
    return { method: 'DELETE', path: `/v1/applications/${application}/subscriptions/${id}` };
  },
  'POST /v1/applications/{own}/api-keys': async (f) => ({
    method: 'POST',
    path: `/v1/applications/${await freshApplication(f, f.self)}/api-keys`,
    body: { name: 'ci' },
  }),
  'GET /v1/applications/{own}/api-keys': async (f) => ({
    method: 'GET',
    path: `/v1/applications/${await freshApplication(f, f.self)}/api-keys`,
  }),
  'DELETE /v1/applications/{own}/api-keys/{id}': async (f) => {
    const application = await freshApplication(f, f.self);
    const id = randomUUID();
    await f.server.store.database
      .insertInto('api_keys')
      .values({
        id,
        application,
        name: 'k',
        prefix: 'tak_matrix',
        key_hash: `hash-${id}`,
        created_at: new Date().toISOString(),
        expires_at: null,
        revoked_at: null,
      })
      .execute();
    return { method: 'DELETE', path: `/v1/applications/${application}/api-keys/${id}` };
  },
  'POST /v1/api-keys/verify': () => ({ method: 'POST', path: '/v1/api-keys/verify', body: { key: 'tak_unknown' } }),
};

const SELF_PREPARE: Readonly<Record<string, Prepare>> = {
  'GET /v1/session': () => ({ method: 'GET', path: '/v1/session' }),
  'POST /v1/elevations': () => ({
    method: 'POST',
    path: '/v1/elevations',
    body: {
      role: 'Developer',
      target: { type: 'organization', id: 'acme' },
      durationMinutes: 5,
      reason: 'matrix',
    },
  }),
  'GET /v1/elevations': () => ({ method: 'GET', path: '/v1/elevations' }),
  'GET /v1/tokens': () => ({ method: 'GET', path: '/v1/tokens' }),
  'GET /v1/approvals': () => ({ method: 'GET', path: '/v1/approvals?mine=true' }),
  'POST /v1/tokens': (f) => ({ method: 'POST', path: '/v1/tokens', body: { name: `t-${f.fresh()}` } }),
  'POST /v1/check (about oneself)': (f) => ({
    method: 'POST',
    path: '/v1/check',
    body: { user: f.self, permission: 'project:view', resource: { type: 'organization', id: 'acme' } },
  }),
  'POST /v1/check/batch (about oneself)': (f) => ({
    method: 'POST',
    path: '/v1/check/batch',
    body: { checks: [{ user: f.self, permission: 'project:view', resource: { type: 'organization', id: 'acme' } }] },
  }),
  'POST /v1/check/targets (about oneself)': (f) => ({
    method: 'POST',
    path: '/v1/check/targets',
    body: { user: f.self, permission: 'project:view', targets: [{ type: 'organization', id: 'acme' }] },
  }),
  'POST /v1/explain (about oneself)': (f) => ({
    method: 'POST',
    path: '/v1/explain',
    body: { user: f.self, permission: 'project:view', resource: { type: 'organization', id: 'acme' } },
  }),
  'POST /v1/permissions-at (about oneself)': (f) => ({
    method: 'POST',
    path: '/v1/permissions-at',
    body: { user: f.self, resource: { type: 'organization', id: 'acme' } },
  }),
  'POST /v1/lookup (about oneself)': (f) => ({
    method: 'POST',
    path: '/v1/lookup',
    body: { user: f.self, permission: 'project:view', type: 'project' },
  }),
  'POST /v1/scopes/grant (about oneself)': (f) => ({
    method: 'POST',
    path: '/v1/scopes/grant',
    body: { user: f.self, scopes: ['x'], organization: 'acme' },
  }),
};

interface Row {
  readonly operation: string;
  readonly expected: Readonly<Record<Column, boolean>>;
}

function parseMatrix(text: string): Row[] {
  const lines = text.trim().split('\n').slice(1);
  return lines.map((line) => {
    const match = /^(GET|POST|PUT|PATCH|DELETE)\s+(\S+(?: \([^)]*\))?)\s+((?:[✓·]\s*)+)$/.exec(line.trim());
    assert.ok(match !== null, `unreadable matrix line: ${line}`);
    const marks = match[3]!.trim().split(/\s+/);
    assert.equal(marks.length, COLUMNS.length, `one mark per column: ${line}`);
    const expected = Object.fromEntries(COLUMNS.map((column, i) => [column, marks[i] === '✓'])) as Record<
      Column,
      boolean
    >;
    return { operation: `${match[1]} ${match[2]}`, expected };
  });
}

function parseList(text: string): string[] {
  return text
    .trim()
    .split('\n')
    .map((line) => line.trim().replace(/\s+/, ' '));
}

/** `GET /v1/roles/{acme-role}` → `GET /v1/roles/{role}`: the OpenAPI path the operation exercises. */
function openApiOperation(_operation: string, request: Request): string {
  const path = request.path.split('?')[0]!;
  return `${request.method} ${path}`;
}

describe('authorization matrix: every management endpoint × every choreo role, the super admin and an anonymous caller', () => {
  let server: TestServer;
  const clients = new Map<Column, { client: Client; self: string | null }>();
  let acme: string;
  let project: string;
  let resource: string;
  let counter = 0;

  before(async () => {
    server = await startTestServer('SQLite');
    const created = await server.admin.post('/v1/organizations', { name: 'acme' });
    assert.equal(created.status, 201);
    acme = created.body.organization.id;
    project = randomUUID();
    resource = randomUUID();
    await server.write([
      { op: 'project.put', project: { id: project, organization: acme, name: 'engineering' } },
      {
        op: 'resource.put',
        resource: { id: resource, type: 'api', name: 'pizza-shack', organization: acme, project, private: false },
      },
      {
        op: 'permission.put',
        permission: {
          key: 'matrix',
          description: null,
          levels: ['organization', 'project', 'resource'],
          visibilityGated: false,
        },
      },
    ]);
    // APIs have administrators here (choreo names none): Developer on the API, managed with resource:manage.
    const settings = server.store.engine.settings;
    await server.write([
      {
        op: 'settings.set',
        settings: {
          ...settings,
          resourceTypes: {
            api: {
              create: null,
              edit: null,
              delete: null,
              administratorRole: server.store.engine.findRole('Developer')!.id,
              manageAdministrators: null,
            },
          },
        },
      },
    ]);
    clients.set('super', { client: server.admin, self: server.store.engine.user('admin')!.id });
    clients.set('anon', { client: server.anonymous, self: null });
    for (const column of COLUMNS) {
      if (column === 'super' || column === 'anon') continue;
      const username = `holder-${column.toLowerCase().replaceAll(' ', '-')}`;
      if (column === 'Environment Manager') {
        const { user, client } = await server.user(username);
        const role = server.store.engine.findRole('Environment Manager')!;
        await server.write([
          {
            op: 'mapping.add',
            mapping: {
              id: randomUUID(),
              role: role.id,
              subject: { kind: 'user', id: user.id },
              target: { level: 'organization', id: acme },
            },
          },
        ]);
        clients.set(column, { client, self: user.id });
      } else {
        const { user, client } = await server.user(username, { groups: [column], organization: acme });
        clients.set(column, { client, self: user.id });
      }
    }
  });
  after(async () => {
    await server.close();
    if (slapd !== undefined) await (await slapd).stop();
  });

  const fixture = (self: string | null): Fixture => ({
    server,
    acme,
    project,
    resource,
    self,
    fresh: () => `${++counter}-${randomUUID().slice(0, 6)}`,
    write: async (changes) => {
      await server.write(changes);
    },
  });

  const rows = parseMatrix(MATRIX);

  test('the table covers every guarded operation of the OpenAPI document, and nothing else', async () => {
    const document = (await server.anonymous.get('/openapi.json')).body as {
      paths: Record<string, Record<string, { 'x-tessera-permission'?: unknown }>>;
    };
    const guarded = new Set<string>();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (operation['x-tessera-permission'] !== undefined) guarded.add(`${method.toUpperCase()} ${path}`);
      }
    }
    const covered = new Set<string>();
    for (const row of rows) {
      const prepare = PREPARE[row.operation];
      assert.ok(prepare !== undefined, `no request for ${row.operation}`);
      const request = await prepare(fixture(null));
      const path = request.path.split('?')[0]!;
      // A literal path (/v1/scopes/tenant-conf) wins over a template that also matches it (/v1/scopes/{name}), as in the router.
      const template = [...guarded]
        .sort((a, b) => Number(a.includes('{')) - Number(b.includes('{')))
        .find((g) => {
          const [method, pattern] = g.split(' ');
          if (method !== request.method) return false;
          const regex = new RegExp(`^${pattern!.replace(/\{[^}]+\}/g, '[^/]+')}$`);
          return regex.test(path);
        });
      assert.ok(
        template !== undefined,
        `${row.operation} (${openApiOperation(row.operation, request)}) is not a guarded operation`,
      );
      covered.add(template);
    }
    assert.deepEqual(
      [...guarded].filter((g) => !covered.has(g)).sort(),
      [],
      'guarded operations missing from the matrix',
    );
  });

  for (const row of rows) {
    test(row.operation, async () => {
      const mismatches: string[] = [];
      for (const column of COLUMNS) {
        const { client, self } = clients.get(column)!;
        const request = await PREPARE[row.operation]!(fixture(self));
        const response = await client.request(request.method, request.path, request.body);
        const allowed = response.status >= 200 && response.status < 300;
        const refused =
          column === 'anon'
            ? response.status === 401
            : response.status === 403 && response.body.type.endsWith('/forbidden');
        if (row.expected[column] ? !allowed : !refused) {
          mismatches.push(
            `${column}: expected ${row.expected[column] ? '✓' : '·'}, got ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
          );
        }
      }
      assert.deepEqual(mismatches, []);
    });
  }

  for (const operation of parseList(SELF_SERVICE)) {
    test(`${operation}: any signed-in caller, never an anonymous one`, async () => {
      for (const column of COLUMNS) {
        const { client, self } = clients.get(column)!;
        const request = await SELF_PREPARE[operation]!(fixture(self));
        const response = await client.request(request.method, request.path, request.body);
        if (column === 'anon') assert.equal(response.status, 401, `${column}: ${JSON.stringify(response.body)}`);
        else
          assert.ok(
            response.status >= 200 && response.status < 300,
            `${column}: ${response.status} ${JSON.stringify(response.body)}`,
          );
      }
    });
  }
});
