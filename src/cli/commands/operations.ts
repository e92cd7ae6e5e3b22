import { type Command, InvalidArgumentError } from 'commander';
import { databaseOption } from '../context.js';

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > 500) throw new InvalidArgumentError('a whole number from 1 to 500.');
  return limit;
}

/**
 * `tessera members`, `tessera scim-tokens`, `tessera two-factor reset` and `tessera outbox`: what
 * the API offers for organization members, SCIM tokens, second factors and the development outbox,
 * on the database directly, audited as the operating-system user.
 */
export function registerOperations(program: Command): void {
  const run = () => import('../run/operations.js');

  const members = program.command('members').description("An organization's members: list them, remove one.");
  members
    .command('list')
    .description("List an organization's members (username, email, when they joined).")
    .argument('<organization>', 'the organization (name or id)')
    .addOption(databaseOption())
    .option('--search <text>', 'only members whose username or email contains this (any case)')
    .option('--json', 'print the members as JSON')
    .action(async (organization: string, flags: { database?: string; search?: string; json?: boolean }) =>
      (await run()).listMembers(organization, flags),
    );
  members
    .command('remove')
    .description(
      'Remove a member from an organization, with their groups and roles in it, in one write (refused when it would leave it without an admin). The user itself stays.',
    )
    .argument('<organization>', 'the organization (name or id)')
    .argument('<user>', 'the member (username, STORE/username or id)')
    .addOption(databaseOption())
    .action(async (organization: string, user: string, flags: { database?: string }) =>
      (await run()).removeMember(organization, user, flags),
    );

  const tokens = program
    .command('scim-tokens')
    .description('SCIM provisioning tokens (docs/scim.md): list, create (shown once), revoke.');
  tokens
    .command('list')
    .description('List the SCIM tokens of an organization, or those without one (never their secrets).')
    .addOption(databaseOption())
    .option('--organization <name>', "the organization's tokens (default: those without an organization)")
    .option('--json', 'print the tokens as JSON')
    .action(async (flags: { database?: string; organization?: string; json?: boolean }) =>
      (await run()).listScimTokens(flags),
    );
  tokens
    .command('create')
    .description('Create a SCIM token and print its secret, once. The token acts with at most the rights of --as.')
    .argument('<name>', 'what the token is for, e.g. okta')
    .requiredOption('--as <user>', 'the user whose rights the token carries (its creator)')
    .addOption(databaseOption())
    .option('--organization <name>', "provision this organization's groups and make its users members of it")
    .option('--store <name>', 'the user store its users live in (default: PRIMARY)')
    .action(async (name: string, flags: { database?: string; as: string; organization?: string; store?: string }) =>
      (await run()).createScimToken(name, flags),
    );
  tokens
    .command('revoke')
    .description('Revoke a SCIM token, at once, on every server.')
    .argument('<id>', 'the token id (tessera scim-tokens list)')
    .addOption(databaseOption())
    .action(async (id: string, flags: { database?: string }) => (await run()).revokeScimToken(id, flags));

  program
    .command('two-factor')
    .description("A user's second factor.")
    .command('reset')
    .description(
      "Reset a user's second factor (lost authenticator and recovery codes): the factor and codes are removed and the user's sessions end.",
    )
    .argument('<user>', 'the user (username, STORE/username or id)')
    .addOption(databaseOption())
    .action(async (user: string, flags: { database?: string }) => (await run()).resetTwoFactor(user, flags));

  const outbox = program
    .command('outbox')
    .description('The development outbox: mail kept because no SMTP server is configured (docs/mail.md).');
  outbox
    .command('list')
    .description('List the kept messages, newest first (time, id, recipient, subject).')
    .addOption(databaseOption())
    .option('--to <address>', 'only messages to this address (any case)')
    .option('--limit <n>', 'at most this many (1–500, default 50)', parseLimit)
    .option('--json', 'print the messages as JSON, with their bodies')
    .action(async (flags: { database?: string; to?: string; limit?: number; json?: boolean }) =>
      (await run()).listOutbox(flags),
    );
  outbox
    .command('show')
    .description('Print one message: its headers and text body (links in it are credentials).')
    .argument('<id>', 'the message id (tessera outbox list)')
    .addOption(databaseOption())
    .action(async (id: string, flags: { database?: string }) => (await run()).showOutbox(id, flags));
}
