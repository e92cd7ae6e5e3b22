import type { Command } from 'commander';
import { databaseOption } from '../context.js';

export interface StoreAddFlags {
  database?: string;
  url: string;
  bindDn: string;
  bindPasswordStdin?: boolean;
  userBaseDn: string;
  groupBaseDn?: string;
  userFilter?: string;
  groupFilter?: string;
  usernameAttribute?: string;
  emailAttribute?: string;
  groupNameAttribute?: string;
  memberAttribute?: string;
  organization?: string;
  syncInterval?: string;
  description?: string;
  readWrite?: boolean;
  writeUserBaseDn?: string;
  writeGroupBaseDn?: string;
  userObjectClasses?: string;
  groupObjectClasses?: string;
}

export interface StoreUpdateFlags {
  database?: string;
  readWrite?: boolean;
  readOnly?: boolean;
  writeUserBaseDn?: string;
  writeGroupBaseDn?: string;
  userObjectClasses?: string;
  groupObjectClasses?: string;
  syncInterval?: string;
}

/** `tessera store add|update|list|test|sync`: LDAP user stores, on the database directly. */
export function registerUserStores(program: Command): void {
  const store = program
    .command('store')
    .description('User stores: add an LDAP directory, list the stores, test a directory, synchronise it now.');

  store
    .command('list')
    .description('List the user stores, with each LDAP store’s directory and last synchronisation.')
    .addOption(databaseOption())
    .option('--json', 'print the stores as JSON')
    .action(async (flags: { database?: string; json?: boolean }) =>
      (await import('../run/user-stores.js')).listStores(flags),
    );

  store
    .command('add')
    .description(
      'Add an LDAP user store, read-only unless --read-write (tested first: nothing is written when the directory refuses), then synchronise it.',
    )
    .argument('<name>', 'the store’s name, the domain of its users and groups (CORP-LDAP/alice)')
    .addOption(databaseOption())
    .requiredOption('--url <url>', 'ldap://host:389 or ldaps://host:636')
    .requiredOption('--bind-dn <dn>', 'the service account Tessera searches the directory with')
    .option('--bind-password-stdin', 'read the service account’s password from standard input (stored encrypted)')
    .requiredOption('--user-base-dn <dn>', 'where users are searched')
    .option('--group-base-dn <dn>', 'where groups are searched (default: the user base DN)')
    .option('--user-filter <filter>', 'which entries are users (default: (objectClass=inetOrgPerson))')
    .option('--group-filter <filter>', 'which entries are groups (default: (objectClass=groupOfNames))')
    .option('--username-attribute <name>', 'the username attribute (default: uid)')
    .option('--email-attribute <name>', 'the email attribute (default: mail)')
    .option('--group-name-attribute <name>', 'the group name attribute (default: cn)')
    .option('--member-attribute <name>', 'the group member attribute (default: member)')
    .option('--organization <name>', 'the organization the directory’s groups live in (default: the home organization)')
    .option('--sync-interval <seconds>', 'how often it is synchronised (default: 300)')
    .option('--description <text>', 'what the store holds')
    .option('--read-write', 'write Tessera’s changes of its users, groups and memberships to the directory first')
    .option('--write-user-base-dn <dn>', 'read-write: where new users are written (default: the user base DN)')
    .option('--write-group-base-dn <dn>', 'read-write: where new groups are written (default: the group base DN)')
    .option('--user-object-classes <list>', 'read-write: object classes of new users (default: inetOrgPerson)')
    .option('--group-object-classes <list>', 'read-write: object classes of new groups (default: groupOfNames)')
    .action(async (name: string, flags: StoreAddFlags) =>
      (await import('../run/user-stores.js')).addStore(name, flags),
    );

  store
    .command('update')
    .description(
      'Change an LDAP store: switch it between read-only and read-write, its write settings, its synchronisation interval (tested first; audited).',
    )
    .argument('<name>', 'the LDAP store')
    .addOption(databaseOption())
    .option(
      '--read-write',
      'make it read-write: Tessera’s changes of its users and groups are written to the directory first',
    )
    .option(
      '--read-only',
      'make it read-only: only its synchronisation changes its users and groups (write settings kept)',
    )
    .option('--write-user-base-dn <dn>', 'where new users are written (within the user base DN)')
    .option('--write-group-base-dn <dn>', 'where new groups are written (within the group base DN)')
    .option('--user-object-classes <list>', 'object classes of new users (comma-separated)')
    .option('--group-object-classes <list>', 'object classes of new groups (comma-separated)')
    .option('--sync-interval <seconds>', 'how often it is synchronised')
    .action(async (name: string, flags: StoreUpdateFlags) =>
      (await import('../run/user-stores.js')).updateStore(name, flags),
    );

  store
    .command('test')
    .description('Test an LDAP store’s directory: bind, and count the users and groups its filters match.')
    .argument('<name>', 'the LDAP store')
    .addOption(databaseOption())
    .action(async (name: string, flags: { database?: string }) =>
      (await import('../run/user-stores.js')).testStore(name, flags),
    );

  store
    .command('sync')
    .description('Synchronise an LDAP store now: its users, groups and memberships become the directory’s (audited).')
    .argument('<name>', 'the LDAP store')
    .addOption(databaseOption())
    .action(async (name: string, flags: { database?: string }) =>
      (await import('../run/user-stores.js')).syncStore(name, flags),
    );
}
