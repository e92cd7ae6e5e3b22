import type { Command } from 'commander';
import { databaseOption } from '../context.js';

interface RecoveryFlags {
  database?: string;
  username?: string;
}

/**
 * `tessera bootstrap-admin`: regain administration from the machine that holds the database
 * (Keycloak's `kc.sh bootstrap-admin`), when the admin password is lost or the only admin
 * cannot sign in. Works on the database directly, audited as the operating-system user.
 */
export function registerBootstrapAdmin(program: Command): void {
  const command = program
    .command('bootstrap-admin')
    .description(
      "Regain administration from the machine that holds the database: create a new admin account, or reset a user's password.",
    );

  command
    .command('user')
    .description(
      'Create a new account holding the admin role at the home organization; its password comes from $TESSERA_ADMIN_PASSWORD or is generated and shown once.',
    )
    .addOption(databaseOption())
    .option('--username <name>', 'the new account (default: temp-admin)')
    .action(async (flags: RecoveryFlags) => createAdmin(flags));

  command
    .command('password')
    .description(
      "Reset a user's password (from $TESSERA_ADMIN_PASSWORD, or generated and shown once); ends their sessions and revokes their tokens.",
    )
    .argument('<user>', 'username or id')
    .addOption(databaseOption())
    .action(async (reference: string, flags: RecoveryFlags) => resetPassword(reference, flags));
}

/** The password to set: `TESSERA_ADMIN_PASSWORD`, or a generated one (then shown once). */
async function chosenPassword(): Promise<{ password: string; generated: boolean }> {
  const configured = process.env.TESSERA_ADMIN_PASSWORD;
  if (configured !== undefined && configured !== '') return { password: configured, generated: false };
  const { generatePassword } = await import('../../server/passwords.js');
  return { password: generatePassword(), generated: true };
}

function passwordLines(username: string, chosen: { password: string; generated: boolean }): string[] {
  if (!chosen.generated) return [`Sign in as ${username} with the password in TESSERA_ADMIN_PASSWORD.`];
  return [
    'Sign in with:',
    `  username: ${username}`,
    `  password: ${chosen.password}`,
    'This password is not shown again: keep it now.',
  ];
}

async function createAdmin(flags: RecoveryFlags): Promise<void> {
  const [{ withStore, cliAudit }, { HOME_ORGANIZATION_KEY }, { Credentials }, { PRIMARY_STORE, qualifiedUserName }] =
    await Promise.all([
      import('../run/store.js'),
      import('../../server/bootstrap.js'),
      import('../../server/credentials.js'),
      import('../../core/model.js'),
    ]);
  const { CliError, print } = await import('../context.js');
  const { randomUUID } = await import('node:crypto');
  const username = flags.username ?? 'temp-admin';
  const chosen = await chosenPassword();
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const adminRole = engine.settings.adminRole === null ? undefined : engine.role(engine.settings.adminRole);
    if (adminRole === undefined) throw new CliError('the installation has no admin role to give');
    const home = await store.database
      .selectFrom('server_meta')
      .select('value')
      .where('key', '=', HOME_ORGANIZATION_KEY)
      .executeTakeFirstOrThrow();
    if (engine.user(`${PRIMARY_STORE}/${username}`) !== undefined)
      throw new CliError(
        `user "${PRIMARY_STORE}/${username}" already exists: choose another --username, or reset its password with \`tessera bootstrap-admin password ${username}\``,
      );
    const user = { id: randomUUID(), username, store: PRIMARY_STORE, email: null, status: 'active' as const };
    const audit = cliAudit('admin.bootstrap', `user:${user.id}`);
    const { revision } = await store.write(
      [
        { op: 'user.put', user },
        {
          op: 'mapping.add',
          mapping: {
            id: randomUUID(),
            role: adminRole.id,
            subject: { kind: 'user', id: user.id },
            target: { level: 'organization', id: home.value },
          },
        },
      ],
      // The machine's operator: the gate still keeps its invariants, without judging escalation.
      { actor: { kind: 'operator' }, audit },
    );
    await new Credentials(store).setPassword(user.id, chosen.password, { ...audit, action: 'user.password' });
    print(
      `Created ${qualifiedUserName(user)} holding the role ${adminRole.name} at the home organization (revision ${revision}).`,
    );
    for (const line of passwordLines(username, chosen)) print(line);
    print('Delete or disable this account once the administrators can sign in again.');
  });
}

async function resetPassword(reference: string, flags: RecoveryFlags): Promise<void> {
  const [
    { withStore, cliAudit, databaseOf },
    { Credentials },
    { qualifiedUserName },
    { TesseraError },
    { directoryPasswords },
    { secretBoxFor },
  ] = await Promise.all([
    import('../run/store.js'),
    import('../../server/credentials.js'),
    import('../../core/model.js'),
    import('../../core/errors.js'),
    import('../../server/user-stores/directory-writes.js'),
    import('../../server/secret-box.js'),
  ]);
  const { print } = await import('../context.js');
  const chosen = await chosenPassword();
  await withStore(flags, async (store) => {
    const user = store.engine.user(reference);
    if (user === undefined)
      throw new TesseraError('NOT_FOUND', `user "${reference}" does not exist`, { entity: 'user', id: reference });
    const credentials = new Credentials(store);
    // A read-write LDAP store's user: the password is the directory's, written there.
    credentials.externalSetPassword = directoryPasswords(store, secretBoxFor(databaseOf(flags)));
    await credentials.setPassword(user.id, chosen.password, cliAudit('user.password', `user:${user.id}`));
    print(`Reset the password of ${qualifiedUserName(user)}; their sessions ended and their tokens were revoked.`);
    for (const line of passwordLines(qualifiedUserName(user), chosen)) print(line);
    if (user.status !== 'active')
      print(`The user is ${user.status}: enable them with \`tessera user enable ${qualifiedUserName(user)}\`.`);
  });
}
