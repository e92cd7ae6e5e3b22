import { type Command, InvalidArgumentError } from 'commander';
import { databaseOption } from '../context.js';

export const MAX_LIMIT = 500;

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > MAX_LIMIT)
    throw new InvalidArgumentError(`a whole number from 1 to ${MAX_LIMIT}.`);
  return limit;
}

function parseSince(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new InvalidArgumentError('an ISO 8601 date or time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z.');
  return new Date(time).toISOString();
}

function parseTarget(value: string): string {
  if (!/^[A-Za-z]+:.+/.test(value))
    throw new InvalidArgumentError('kind:key, e.g. user:3f2c… or organization:acme-id.');
  return value;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('Print the audit log, newest first: one line per write (time, actor, action, target, revision).')
    .addOption(databaseOption())
    .option(
      '--actor <user>',
      'only entries by this actor: a username or user id, or a name such as cli:alice or bootstrap',
    )
    .option('--target <kind:key>', 'only entries that touched this record, e.g. user:<id>', parseTarget)
    .option('--since <iso>', 'only entries at or after this time (ISO 8601)', parseSince)
    .option('--limit <n>', `at most this many entries (1–${MAX_LIMIT}, default 50)`, parseLimit)
    .option('--json', 'print the raw entries as JSON, with their effects')
    .action(
      async (flags: {
        database?: string;
        actor?: string;
        target?: string;
        since?: string;
        limit?: number;
        json?: boolean;
      }) => (await import('../run/audit.js')).audit(flags),
    );
}
