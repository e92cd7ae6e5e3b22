import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerApprovals } from './commands/approvals.js';
import { registerAudit } from './commands/audit.js';
import { registerBootstrapAdmin } from './commands/bootstrap-admin.js';
import { registerDecisions } from './commands/decisions.js';
import { registerDirectory } from './commands/directory.js';
import { registerDocuments } from './commands/documents.js';
import { registerOperations } from './commands/operations.js';
import { registerServe } from './commands/serve.js';
import { registerUserStores } from './commands/user-stores.js';

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** The `tessera` command and its subcommands. */
export function buildProgram(): Command {
  const program = new Command('tessera')
    .description(
      'Tessera: access control for API platforms. Serve the API, bootstrap and inspect a database, apply and test access-as-code documents.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .configureOutput({
      // Usage errors in the CLI's own one-line form: `tessera: …`.
      outputError: (text, write) =>
        write(`tessera: ${text.replace(/^error: /, '').replace(/\n\(Did you mean (.*)\)/, ' (did you mean $1)')}`),
    });
  registerServe(program);
  registerDocuments(program);
  registerDecisions(program);
  registerDirectory(program);
  registerUserStores(program);
  registerAudit(program);
  registerApprovals(program);
  registerBootstrapAdmin(program);
  registerOperations(program);
  return program;
}
