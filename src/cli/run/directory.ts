import { randomUUID } from 'node:crypto';
import type { Change } from '../../core/changes.js';
import type { AccessEngine } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import {
  type Group,
  type Organization,
  type Role,
  type User,
  qualifiedUserName,
  splitQualifiedName,
} from '../../core/model.js';
import { roleNotAvailable } from '../../core/role-availability.js';
import { canAddMember, canCreateMapping, canEditGroup, canEditUser, checkNoLockout } from '../../core/rules.js';
import { deleteUserRows } from '../../server/applications/records.js';
import { hashPassword } from '../../server/passwords.js';
import { secretBoxFor } from '../../server/secret-box.js';
import { LdapStores } from '../../server/user-stores/ldap-stores.js';
import type { ExpectedVersion, Store } from '../../store/store.js';
import { membershipKey } from '../../store/store.js';
import { CliError, print, printJson, table } from '../context.js';
import { OPERATOR_ACTOR } from '../../core/gate.js';
import { cliAudit, databaseOf, enforce, withStore } from './store.js';

/** The CLI acts as the system, so escalation does not apply; the other rules do. */
const SYSTEM_ACTOR = '';

/** Shared by the commands on the database. */
export function notFound(entity: string, reference: string): TesseraError {
  return new TesseraError('NOT_FOUND', `${entity} "${reference}" does not exist`, { entity, id: reference });
}

export function userOf(engine: AccessEngine, reference: string): User {
  const user = engine.user(reference);
  if (user === undefined) throw notFound('user', reference);
  return user;
}

export function organizationOf(engine: AccessEngine, reference: string): Organization {
  const organization =
    engine.organizations().find((o) => o.id === reference) ?? engine.organizations().find((o) => o.name === reference);
  if (organization === undefined) throw notFound('organization', reference);
  return organization;
}

/** A group by id, or `ORGANIZATION/NAME` (the organization by name or id). */
function groupOf(engine: AccessEngine, reference: string): Group {
  const byId = engine.group(reference);
  if (byId !== undefined) return byId;
  const slash = reference.indexOf('/');
  if (slash > 0) {
    const organization = organizationOf(engine, reference.slice(0, slash));
    const group = engine.findGroup(organization.id, reference.slice(slash + 1));
    if (group !== undefined && group.organization === organization.id) return group;
  }
  throw notFound('group', reference);
}

function roleOf(engine: AccessEngine, reference: string, organization: string | null = null): Role {
  const role = engine.findRole(reference, organization);
  if (role !== undefined) return role;
  const elsewhere = engine.roles().find((r) => r.name === reference || r.aliases.includes(reference));
  if (elsewhere !== undefined) throw roleNotAvailable(engine.organizationTree(), elsewhere, organization);
  throw notFound('role', reference);
}

function organizationName(engine: AccessEngine, id: string | null): string {
  if (id === null) return '';
  return engine.organizations().find((o) => o.id === id)?.name ?? id;
}

function expected(store: Store, kind: ExpectedVersion['kind'], key: string): ExpectedVersion {
  return { kind, key, version: store.version(kind, key) ?? null };
}

/** The whole of standard input, without its final line break. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('--password-stdin reads the password from standard input: pipe it in');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Disables or enables a user (the no-lock-out rule applies to disabling). */
export async function setUserStatus(
  reference: string,
  status: 'disabled' | 'active',
  flags: { database?: string },
): Promise<void> {
  const verb = status === 'disabled' ? 'disable' : 'enable';
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const current = userOf(engine, reference);
    enforce(canEditUser(engine, current.id));
    if (current.status === status) return print(`user ${qualifiedUserName(current)} is already ${status}`);
    const changes: Change[] = [{ op: 'user.put', user: { ...current, status } }];
    enforce(checkNoLockout(engine, changes));
    const { revision } = await store.write(changes, {
      actor: OPERATOR_ACTOR,
      audit: cliAudit(`user.${verb}`, `user:${current.id}`),
      expect: [expected(store, 'user', current.id)],
    });
    print(`${verb}d user ${qualifiedUserName(current)} at revision ${revision}`);
  });
}

export async function listUsers(flags: {
  database?: string;
  name?: string;
  status?: string;
  store?: string;
  json?: boolean;
}): Promise<void> {
  await withStore(flags, async (store) => {
    const users = store.engine
      .users()
      .filter((u) => flags.name === undefined || u.username.toLowerCase().includes(flags.name.toLowerCase()))
      .filter((u) => flags.status === undefined || u.status === flags.status)
      .filter((u) => flags.store === undefined || u.store === flags.store)
      .sort((a, b) => qualifiedUserName(a).localeCompare(qualifiedUserName(b)));
    if (flags.json === true) return printJson(users);
    for (const line of table(
      ['USER', 'STATUS', 'EMAIL', 'ID'],
      users.map((u) => [qualifiedUserName(u), u.status, u.email ?? '', u.id]),
    ))
      print(line);
  });
}

export async function createUser(
  username: string,
  flags: { database?: string; email?: string; passwordStdin?: boolean },
): Promise<void> {
  const password = flags.passwordStdin === true ? await readStdin() : null;
  if (password !== null && password.length === 0) throw new CliError('the password read from standard input is empty');
  const { store: userStore, name } = splitQualifiedName(username);
  await withStore(flags, async (store) => {
    if (store.engine.user(`${userStore}/${name}`) !== undefined)
      throw new TesseraError('DUPLICATE', `user "${userStore}/${name}" already exists`);
    // A user of a read-write LDAP store signs in by bind: the password goes to the directory only.
    const directory =
      userStore !== 'PRIMARY' &&
      (await new LdapStores(store, secretBoxFor(databaseOf(flags))).row(userStore)) !== undefined;
    const passwordHash = password === null || directory ? null : await hashPassword(password);
    const record: User = {
      id: randomUUID(),
      username: name,
      store: userStore,
      email: flags.email ?? null,
      status: 'active',
    };
    const now = new Date().toISOString();
    const { revision } = await store.write([{ op: 'user.put', user: record }], {
      actor: OPERATOR_ACTOR,
      audit: cliAudit('user.create', `user:${record.id}`),
      expect: [{ kind: 'user', key: record.id, version: null }],
      ...(directory && password !== null ? { directoryPasswords: new Map([[record.id, password]]) } : {}),
      alongside: async (tx) => {
        if (passwordHash !== null)
          await tx
            .insertInto('accounts')
            .values({ user_id: record.id, password_hash: passwordHash, updated_at: now })
            .execute();
      },
    });
    print(`created user ${qualifiedUserName(record)} (${record.id}) at revision ${revision}`);
    if (password === null) print('no password set: the user cannot sign in with a password yet');
  });
}

export async function deleteUser(reference: string, flags: { database?: string }): Promise<void> {
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const current = userOf(engine, reference);
    enforce(canEditUser(engine, current.id));
    const changes: Change[] = [{ op: 'user.delete', id: current.id }];
    enforce(checkNoLockout(engine, changes));
    const { revision } = await store.write(changes, {
      actor: OPERATOR_ACTOR,
      audit: cliAudit('user.delete', `user:${current.id}`),
      expect: [expected(store, 'user', current.id)],
      alongside: (tx) => deleteUserRows(tx, current.id),
    });
    print(`deleted user ${qualifiedUserName(current)} at revision ${revision}`);
  });
}

export async function listGroups(reference: string, flags: { database?: string; json?: boolean }): Promise<void> {
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const organization = organizationOf(engine, reference);
    const groups = engine
      .groups()
      .filter((g) => g.organization === organization.id)
      .sort((a, b) => a.name.localeCompare(b.name));
    const rolesOf = (g: Group): string[] =>
      engine
        .mappings()
        .filter((m) => m.subject.kind === 'group' && m.subject.id === g.id)
        .map((m) => engine.role(m.role)?.name ?? m.role);
    if (flags.json === true) {
      return printJson(
        groups.map((g) => ({
          ...g,
          members: engine
            .members(g.id)
            .map((u) => engine.user(u))
            .map((u) => (u === undefined ? null : qualifiedUserName(u))),
          roles: rolesOf(g),
        })),
      );
    }
    const rows = groups.map((g) => [
      g.name,
      String(engine.members(g.id).length),
      [...new Set(rolesOf(g))].join(', '),
      g.id,
    ]);
    for (const line of table(['GROUP', 'MEMBERS', 'ROLES', 'ID'], rows)) print(line);
  });
}

export async function createGroup(
  reference: string,
  name: string,
  flags: { database?: string; role?: string[]; description?: string },
): Promise<void> {
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const organization = organizationOf(engine, reference);
    if (engine.findGroup(organization.id, name)?.organization === organization.id) {
      throw new TesseraError('DUPLICATE', `group "${name}" already exists in organization "${organization.name}"`);
    }
    const record: Group = {
      id: randomUUID(),
      organization: organization.id,
      name,
      store: engine.primaryStore,
      description: flags.description ?? null,
    };
    const changes: Change[] = [{ op: 'group.put', group: record }];
    for (const roleName of new Set(flags.role ?? [])) {
      const role = roleOf(engine, roleName, organization.id);
      const mapping = {
        id: randomUUID(),
        role: role.id,
        subject: { kind: 'group' as const, id: record.id },
        target: { level: 'organization' as const, id: organization.id },
      };
      const rule = canCreateMapping(engine, SYSTEM_ACTOR, mapping);
      // Escalation is about a signed-in actor; the CLI has the database itself.
      if (!rule.ok && rule.error.code !== 'PRIVILEGE_ESCALATION') throw rule.error;
      changes.push({ op: 'mapping.add', mapping });
    }
    const { revision } = await store.write(changes, {
      actor: OPERATOR_ACTOR,
      audit: cliAudit('group.create', `group:${record.id}`),
    });
    print(`created group ${organization.name}/${name} (${record.id}) at revision ${revision}`);
    for (const roleName of new Set(flags.role ?? []))
      print(`  mapped role "${roleName}" at organization ${organization.name}`);
  });
}

export async function addMember(
  groupReference: string,
  userReference: string,
  flags: { database?: string },
): Promise<void> {
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const target = groupOf(engine, groupReference);
    const member = userOf(engine, userReference);
    const rule = canAddMember(engine, SYSTEM_ACTOR, target.id);
    if (!rule.ok && rule.error.code !== 'PRIVILEGE_ESCALATION') throw rule.error;
    const label = `${organizationName(engine, target.organization)}/${target.name}`;
    if (engine.members(target.id).includes(member.id))
      return print(`${qualifiedUserName(member)} is already a member of ${label}`);
    const membership = { group: target.id, user: member.id };
    const { revision } = await store.write([{ op: 'member.add', membership }], {
      actor: OPERATOR_ACTOR,
      audit: cliAudit('group.member.add', `group:${target.id}`),
      expect: [{ kind: 'membership', key: membershipKey(target.id, member.id), version: null }],
    });
    print(`added ${qualifiedUserName(member)} to ${label} at revision ${revision}`);
  });
}

export async function removeMember(
  groupReference: string,
  userReference: string,
  flags: { database?: string },
): Promise<void> {
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const target = groupOf(engine, groupReference);
    const member = userOf(engine, userReference);
    enforce(canEditGroup(engine, target.id));
    const label = `${organizationName(engine, target.organization)}/${target.name}`;
    if (!engine.members(target.id).includes(member.id))
      throw new TesseraError('NOT_FOUND', `${qualifiedUserName(member)} is not a member of ${label}`);
    const changes: Change[] = [{ op: 'member.remove', membership: { group: target.id, user: member.id } }];
    enforce(checkNoLockout(engine, changes));
    const { revision } = await store.write(changes, {
      actor: OPERATOR_ACTOR,
      audit: cliAudit('group.member.remove', `group:${target.id}`),
    });
    print(`removed ${qualifiedUserName(member)} from ${label} at revision ${revision}`);
  });
}

export async function listRoles(flags: { database?: string; organization?: string; json?: boolean }): Promise<void> {
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const organization = flags.organization === undefined ? undefined : organizationOf(engine, flags.organization);
    const roles = engine
      .roles()
      .filter((r) => organization === undefined || engine.roleAvailableIn(r.id, organization.id))
      .sort(
        (a, b) =>
          organizationName(engine, a.organization).localeCompare(organizationName(engine, b.organization)) ||
          a.name.localeCompare(b.name),
      );
    if (flags.json === true) return printJson(roles);
    const flagsOf = (r: Role): string =>
      [
        r.predefined && 'predefined',
        r.deprecated && 'deprecated',
        !r.assignable && 'not-assignable',
        !r.editable && 'not-editable',
      ]
        .filter(Boolean)
        .join(',');
    const rows = roles.map((r) => [
      r.name,
      organizationName(engine, r.organization) || '(all)',
      String(engine.rolePermissions(r.id).length),
      flagsOf(r),
      r.id,
    ]);
    for (const line of table(['ROLE', 'ORGANIZATION', 'PERMISSIONS', 'FLAGS', 'ID'], rows)) print(line);
  });
}

export async function showRole(
  reference: string,
  flags: { database?: string; organization?: string; json?: boolean },
): Promise<void> {
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const organization = flags.organization === undefined ? null : organizationOf(engine, flags.organization).id;
    const found = roleOf(engine, reference, organization);
    const mappings = engine.mappings().filter((m) => m.role === found.id);
    if (flags.json === true)
      return printJson({ ...found, effectivePermissions: engine.rolePermissions(found.id), mappings });
    print(`role ${found.name} (${found.id})`);
    if (found.description !== null) print(`  description:  ${found.description}`);
    print(`  organization: ${organizationName(engine, found.organization) || '(installation-wide)'}`);
    if (found.aliases.length > 0) print(`  aliases:      ${found.aliases.join(', ')}`);
    print(`  permissions:  ${found.permissions.join(', ') || '(none)'}`);
    if (found.includes.length > 0)
      print(`  includes:     ${found.includes.map((id) => engine.role(id)?.name ?? id).join(', ')}`);
    const effective = engine.rolePermissions(found.id);
    print(
      `  grants:       ${effective.length} permission${effective.length === 1 ? '' : 's'}${effective.length > 0 ? `: ${effective.join(', ')}` : ''}`,
    );
    const flagsText = [
      `predefined ${found.predefined ? 'yes' : 'no'}`,
      `deprecated ${found.deprecated ? 'yes' : 'no'}`,
      `assignable ${found.assignable ? 'yes' : 'no'}`,
      `editable ${found.editable ? 'yes' : 'no'}`,
    ];
    print(`  flags:        ${flagsText.join(', ')}`);
    print(`  mappings:     ${mappings.length}`);
    for (const m of mappings) {
      const subject =
        m.subject.kind === 'user'
          ? `user ${engine.user(m.subject.id) === undefined ? m.subject.id : qualifiedUserName(engine.user(m.subject.id)!)}`
          : m.subject.kind === 'group'
            ? `group ${organizationName(engine, engine.group(m.subject.id)?.organization ?? null)}/${engine.group(m.subject.id)?.name ?? m.subject.id}`
            : m.subject.kind;
      const level = m.target.level;
      const target = engine.describeTarget({
        type: level === 'resource' ? (engine.resources().find((r) => r.id === m.target.id)?.type ?? 'resource') : level,
        id: m.target.id,
      });
      print(`    - ${subject} at ${level} ${target?.name ?? m.target.id}`);
    }
  });
}
