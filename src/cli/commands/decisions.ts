import { type Command, CommanderError } from 'commander';
import { CHECK_ERROR_EXIT, databaseOption } from '../context.js';

const USER_HELP = 'a username (PRIMARY/alice, or alice in the primary store), a user id, or - / anonymous for a guest';
const TARGET_HELP =
  'type/id-or-path: organization/acme, project/acme/engineering, api/acme/engineering/api/pizza-shack, api/pizza-shack (a unique name)';

export function registerDecisions(program: Command): void {
  program
    .command('check')
    .description(
      "Whether a user holds a permission on a target, in the database's current state: prints yes (exit 0) or no (exit 1), like kubectl auth can-i; an error (a permission the tree lacks, a malformed target, no database, a usage error) exits 2.",
    )
    // Usage errors exit 2 too: 1 means "no".
    .exitOverride((error) => {
      throw new CommanderError(error.exitCode === 0 ? 0 : CHECK_ERROR_EXIT, error.code, error.message);
    })
    .argument('<user>', USER_HELP)
    .argument('<permission>', 'a permission key, e.g. project:edit')
    .argument('<target>', TARGET_HELP)
    .addOption(databaseOption())
    .option('--explain', 'also print why: the mapping that grants it, or the reason it is denied')
    .action(
      async (
        userArgument: string,
        permission: string,
        targetArgument: string,
        flags: { database?: string; explain?: boolean },
      ) => (await import('../run/decisions.js')).check(userArgument, permission, targetArgument, flags),
    );

  program
    .command('explain')
    .description(
      'Explain a decision in words: which mapping (role, subject, level) grants the permission, through which group, from which permission-tree node; or why it is denied.',
    )
    .argument('<user>', USER_HELP)
    .argument('<permission>', 'a permission key, e.g. project:edit')
    .argument('<target>', TARGET_HELP)
    .addOption(databaseOption())
    .option('--json', 'print the explanation as JSON')
    .action(
      async (
        userArgument: string,
        permission: string,
        targetArgument: string,
        flags: { database?: string; json?: boolean },
      ) => (await import('../run/decisions.js')).explain(userArgument, permission, targetArgument, flags),
    );
}
