import { type Command, Option } from 'commander';
import { databaseOption } from '../context.js';

export function registerDocuments(program: Command): void {
  program
    .command('apply')
    .description(
      'Apply a tessera/document (YAML or JSON) to the database: create what is missing, update what differs, in one audited write.',
    )
    .argument('<file>', 'the document file')
    .addOption(databaseOption())
    .option('--dry-run', 'report what would change without writing')
    .option('-v, --verbose', 'list the unchanged items too (they are counted either way)')
    .option(
      '--prune',
      "also delete what the document does not name in the organizations it declares (projects, resources, groups, their roles, mappings, listed groups' members); with --dry-run, list it",
    )
    .option(
      '--force',
      'recovery from this machine: apply even when it leaves an organization without an active admin (audited as document.apply.force)',
    )
    .action(
      async (
        file: string,
        flags: { database?: string; dryRun?: boolean; verbose?: boolean; force?: boolean; prune?: boolean },
      ) => (await import('../run/documents.js')).apply(file, flags),
    );

  program
    .command('export')
    .description('Print the current state of the database as a tessera/document, which re-applies to the same state.')
    .addOption(databaseOption())
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .addOption(
      new Option('--format <format>', 'yaml or json (default: json when --output ends in .json, else yaml)').choices([
        'yaml',
        'json',
      ]),
    )
    .action(async (flags: { database?: string; output?: string; format?: 'yaml' | 'json' }) =>
      (await import('../run/documents.js')).exportDocument(flags),
    );

  program
    .command('test')
    .description(
      'Run a tessera/policy-tests document against its own fixture (no database): each expectation passes or fails with its explanation. Exits 1 at the first unmet expectation.',
    )
    .argument('<file>', 'the policy-tests document (YAML or JSON)')
    .action(async (file: string) => (await import('../run/documents.js')).test(file));
}
