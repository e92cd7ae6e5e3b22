import { type Command, Option } from 'commander';
import { databaseOption } from '../context.js';
import { USER_STATUS_CHOICES } from '../defaults.js';

function registerUsers(program: Command): void {
  const user = program.command('user').description('List, create, disable, enable and delete users.');

  user
    .command('list')
    .description('List users.')
    .addOption(databaseOption())
    .option('--name <text>', 'only usernames containing this text')
    .addOption(new Option('--status <status>', 'only users with this status').choices(USER_STATUS_CHOICES))
    .option('--store <name>', 'only users of this user store')
    .option('--json', 'print the users as JSON')
    .action(async (flags: { database?: string; name?: string; status?: string; store?: string; json?: boolean }) =>
      (await import('../run/directory.js')).listUsers(flags),
    );

  user
    .command('create')
    .description('Create an active user in a user store (PRIMARY unless named as STORE/username).')
    .argument('<username>', 'the username, or STORE/username')
    .addOption(databaseOption())
    .option('--email <address>', "the user's email address")
    .option(
      '--password-stdin',
      'read the password from standard input (without it the user cannot sign in with a password)',
    )
    .action(async (username: string, flags: { database?: string; email?: string; passwordStdin?: boolean }) =>
      (await import('../run/directory.js')).createUser(username, flags),
    );

  user
    .command('disable')
    .description(
      'Disable a user: every decision for them is denied until enabled (the last active admin cannot be disabled).',
    )
    .argument('<user>', 'username or id')
    .addOption(databaseOption())
    .action(async (reference: string, flags: { database?: string }) =>
      (await import('../run/directory.js')).setUserStatus(reference, 'disabled', flags),
    );
  user
    .command('enable')
    .description('Enable a disabled or invited user.')
    .argument('<user>', 'username or id')
    .addOption(databaseOption())
    .action(async (reference: string, flags: { database?: string }) =>
      (await import('../run/directory.js')).setUserStatus(reference, 'active', flags),
    );

  user
    .command('delete')
    .description(
      'Delete a user with their memberships, mappings and credentials (the last active admin cannot be deleted).',
    )
    .argument('<user>', 'username or id')
    .addOption(databaseOption())
    .action(async (reference: string, flags: { database?: string }) =>
      (await import('../run/directory.js')).deleteUser(reference, flags),
    );
}

function registerGroups(program: Command): void {
  const group = program.command('group').description('List and create groups, and change their members.');

  group
    .command('list')
    .description("List an organization's groups with their members and the roles mapped to them.")
    .argument('<organization>', 'organization name or id')
    .addOption(databaseOption())
    .option('--json', 'print the groups as JSON')
    .action(async (reference: string, flags: { database?: string; json?: boolean }) =>
      (await import('../run/directory.js')).listGroups(reference, flags),
    );

  group
    .command('create')
    .description('Create a group in an organization, optionally mapping roles to it at the organization.')
    .argument('<organization>', 'organization name or id')
    .argument('<name>', 'the group name')
    .addOption(databaseOption())
    .option('--role <role...>', 'map this role to the group at the organization (repeatable)')
    .option('--description <text>', 'what the group is for')
    .action(
      async (reference: string, name: string, flags: { database?: string; role?: string[]; description?: string }) =>
        (await import('../run/directory.js')).createGroup(reference, name, flags),
    );

  group
    .command('add-member')
    .description('Add a user to a group.')
    .argument('<group>', 'group id, or ORGANIZATION/NAME')
    .argument('<user>', 'username or id')
    .addOption(databaseOption())
    .action(async (groupReference: string, userReference: string, flags: { database?: string }) =>
      (await import('../run/directory.js')).addMember(groupReference, userReference, flags),
    );

  group
    .command('remove-member')
    .description('Remove a user from a group (the last active admin cannot be removed).')
    .argument('<group>', 'group id, or ORGANIZATION/NAME')
    .argument('<user>', 'username or id')
    .addOption(databaseOption())
    .action(async (groupReference: string, userReference: string, flags: { database?: string }) =>
      (await import('../run/directory.js')).removeMember(groupReference, userReference, flags),
    );
}

function registerRoles(program: Command): void {
  const role = program.command('role').description('List roles and show what a role grants.');

  role
    .command('list')
    .description('List roles: the installation-wide ones, and those defined in organizations.')
    .addOption(databaseOption())
    .option('--organization <name>', 'only roles usable in this organization (installation-wide ones and its own)')
    .option('--json', 'print the roles as JSON')
    .action(async (flags: { database?: string; organization?: string; json?: boolean }) =>
      (await import('../run/directory.js')).listRoles(flags),
    );

  role
    .command('show')
    .description('Show a role: its permissions (own and through included roles), flags, and where it is mapped.')
    .argument('<role>', 'role name, alias or id')
    .addOption(databaseOption())
    .option('--organization <name>', 'look the name up among the roles of this organization too')
    .option('--json', 'print the role as JSON')
    .action(async (reference: string, flags: { database?: string; organization?: string; json?: boolean }) =>
      (await import('../run/directory.js')).showRole(reference, flags),
    );
}

export function registerDirectory(program: Command): void {
  registerUsers(program);
  registerGroups(program);
  registerRoles(program);
}
