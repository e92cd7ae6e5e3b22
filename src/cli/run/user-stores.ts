import { OPERATOR_ACTOR } from '../../core/gate.js';
import { HOME_ORGANIZATION_KEY } from '../../server/bootstrap.js';
import { LdapStores } from '../../server/user-stores/ldap-stores.js';
import { secretBoxFor } from '../../server/secret-box.js';
import type { Store } from '../../store/store.js';
import type { StoreAddFlags, StoreUpdateFlags } from '../commands/user-stores.js';
import { CliError, print, printJson, table } from '../context.js';
import { cliActorName, cliAudit, databaseOf, withStore } from './store.js';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new CliError('--bind-password-stdin reads the password from standard input: pipe it in');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function ldapStores(store: Store, flags: { database?: string }): LdapStores {
  return new LdapStores(store, secretBoxFor(databaseOf(flags)));
}

function summaryText(summary: {
  usersAdded: number;
  usersUpdated: number;
  usersDisabled: number;
  groupsAdded: number;
  membershipsAdded: number;
  membershipsRemoved: number;
  directoryUsers: number;
  directoryGroups: number;
}): string {
  return (
    `${summary.directoryUsers} users and ${summary.directoryGroups} groups in the directory; ` +
    `users +${summary.usersAdded} ~${summary.usersUpdated} disabled ${summary.usersDisabled}, groups +${summary.groupsAdded}, ` +
    `memberships +${summary.membershipsAdded} -${summary.membershipsRemoved}`
  );
}

export async function listStores(flags: { database?: string; json?: boolean }): Promise<void> {
  await withStore(flags, async (store) => {
    const ldap = ldapStores(store, flags);
    const rows = new Map((await ldap.rows()).map((row) => [row.name, ldap.view(row)]));
    const stores = store.engine.userStores().map((s) => ({ ...s, ldap: rows.get(s.name) ?? null }));
    if (flags.json === true) return printJson(stores);
    for (const line of table(
      ['NAME', 'KIND', 'ACCESS', 'DIRECTORY', 'LAST SYNC'],
      stores.map((s) => [
        s.name,
        s.ldap === null ? 'internal' : 'ldap',
        s.readOnly ? 'read-only' : 'read-write',
        s.ldap?.url ?? '',
        s.ldap?.lastSync === null || s.ldap === null
          ? ''
          : `${s.ldap.lastSync.at} ${s.ldap.lastSync.ok ? 'ok' : `failed: ${s.ldap.lastSync.error?.detail ?? ''}`}`,
      ]),
    ))
      print(line);
  });
}

/** `a,b c` → `['a', 'b', 'c']`. */
function list(value: string): string[] {
  return value.split(/[\s,]+/).filter((item) => item !== '');
}

export async function addStore(name: string, flags: StoreAddFlags): Promise<void> {
  if (flags.bindPasswordStdin !== true)
    throw new CliError('the bind password is read from standard input: pass --bind-password-stdin and pipe it in');
  const bindPassword = await readStdin();
  if (bindPassword === '') throw new CliError('the bind password read from standard input is empty');
  const interval = flags.syncInterval === undefined ? undefined : Number(flags.syncInterval);
  if (interval !== undefined && (!Number.isInteger(interval) || interval < 1 || interval > 86_400))
    throw new CliError('--sync-interval takes whole seconds from 1 to 86400');
  await withStore(flags, async (store) => {
    const home = await store.database
      .selectFrom('server_meta')
      .select('value')
      .where('key', '=', HOME_ORGANIZATION_KEY)
      .executeTakeFirstOrThrow();
    let organization = home.value;
    if (flags.organization !== undefined) {
      const found = store.engine
        .organizations()
        .find((o) => o.name === flags.organization || o.id === flags.organization);
      if (found === undefined) throw new CliError(`organization "${flags.organization}" does not exist`);
      organization = found.id;
    }
    const added = await ldapStores(store, flags).add(
      name,
      flags.description ?? null,
      {
        url: flags.url,
        bindDn: flags.bindDn,
        bindPassword,
        userBaseDn: flags.userBaseDn,
        ...(flags.groupBaseDn === undefined ? {} : { groupBaseDn: flags.groupBaseDn }),
        ...(flags.userFilter === undefined ? {} : { userFilter: flags.userFilter }),
        ...(flags.groupFilter === undefined ? {} : { groupFilter: flags.groupFilter }),
        attributes: {
          ...(flags.usernameAttribute === undefined ? {} : { username: flags.usernameAttribute }),
          ...(flags.emailAttribute === undefined ? {} : { email: flags.emailAttribute }),
          ...(flags.groupNameAttribute === undefined ? {} : { groupName: flags.groupNameAttribute }),
          ...(flags.memberAttribute === undefined ? {} : { member: flags.memberAttribute }),
        },
        organization,
        ...(interval === undefined ? {} : { syncIntervalSeconds: interval }),
        ...(flags.readWrite === true ? { readOnly: false } : {}),
        write: {
          ...(flags.writeUserBaseDn === undefined ? {} : { userBaseDn: flags.writeUserBaseDn }),
          ...(flags.writeGroupBaseDn === undefined ? {} : { groupBaseDn: flags.writeGroupBaseDn }),
          ...(flags.userObjectClasses === undefined ? {} : { userObjectClasses: list(flags.userObjectClasses) }),
          ...(flags.groupObjectClasses === undefined ? {} : { groupObjectClasses: list(flags.groupObjectClasses) }),
        },
      },
      { actor: OPERATOR_ACTOR, audit: cliAudit('userStore.create', `userStore:${name}`) },
    );
    print(
      `Added the ${added.view.readOnly ? 'read-only' : 'read-write'} LDAP user store ${name} (revision ${added.revision}).`,
    );
    if (added.sync.summary !== null) print(`Synchronised: ${summaryText(added.sync.summary)}.`);
  });
}

export async function updateStore(name: string, flags: StoreUpdateFlags): Promise<void> {
  if (flags.readWrite === true && flags.readOnly === true)
    throw new CliError('--read-write and --read-only: pass one of them');
  const interval = flags.syncInterval === undefined ? undefined : Number(flags.syncInterval);
  if (interval !== undefined && (!Number.isInteger(interval) || interval < 1 || interval > 86_400))
    throw new CliError('--sync-interval takes whole seconds from 1 to 86400');
  const write = {
    ...(flags.writeUserBaseDn === undefined ? {} : { userBaseDn: flags.writeUserBaseDn }),
    ...(flags.writeGroupBaseDn === undefined ? {} : { groupBaseDn: flags.writeGroupBaseDn }),
    ...(flags.userObjectClasses === undefined ? {} : { userObjectClasses: list(flags.userObjectClasses) }),
    ...(flags.groupObjectClasses === undefined ? {} : { groupObjectClasses: list(flags.groupObjectClasses) }),
  };
  const readOnly = flags.readWrite === true ? false : flags.readOnly === true ? true : undefined;
  if (readOnly === undefined && interval === undefined && Object.keys(write).length === 0)
    throw new CliError('nothing to change: pass --read-write, --read-only, a write setting or --sync-interval');
  await withStore(flags, async (store) => {
    const view = await ldapStores(store, flags).update(
      name,
      {
        ...(readOnly === undefined ? {} : { readOnly }),
        ...(Object.keys(write).length === 0 ? {} : { write }),
        ...(interval === undefined ? {} : { syncIntervalSeconds: interval }),
      },
      cliAudit('userStore.update', `userStore:${name}`),
      OPERATOR_ACTOR,
    );
    print(`Updated the ${view.readOnly ? 'read-only' : 'read-write'} LDAP user store ${name}.`);
  });
}

export async function testStore(name: string, flags: { database?: string }): Promise<void> {
  await withStore(flags, async (store) => {
    const tested = await ldapStores(store, flags).test(name);
    print(`${name}: connected; the filters match ${tested.users} users and ${tested.groups} groups (${tested.ms} ms).`);
  });
}

export async function syncStore(name: string, flags: { database?: string }): Promise<void> {
  await withStore(flags, async (store) => {
    const outcome = await ldapStores(store, flags).sync(name, 'cli', { actor: null, actorName: cliActorName() });
    const change = outcome.revision === null ? 'nothing changed' : `revision ${outcome.revision}`;
    print(`${name}: synchronised in ${outcome.durationMs} ms, ${change}.`);
    if (outcome.summary !== null) print(summaryText(outcome.summary));
  });
}
