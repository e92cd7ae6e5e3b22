import { type Command, InvalidArgumentError, Option } from 'commander';
import { APPROVAL_STATUSES, type ApprovalStatus } from '../../core/approvals.js';
import { databaseOption } from '../context.js';

function parseStatus(value: string): ApprovalStatus {
  if (!(APPROVAL_STATUSES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`one of ${APPROVAL_STATUSES.join(', ')}.`);
  return value as ApprovalStatus;
}

const asOption = (what: string) =>
  new Option('--as <user>', `the approver, by username or id: ${what}`).makeOptionMandatory(true);

export function registerApprovals(program: Command): void {
  const approvals = program
    .command('approvals')
    .description(
      'Approval requests (API publishing, subscriptions and contracts, application creation): list, approve, reject.',
    );
  approvals
    .command('list')
    .description('List requests, newest first; with --as, only those the user may decide (or, with --mine, made).')
    .addOption(databaseOption())
    .addOption(new Option('--status <status>', 'only requests in this status').argParser(parseStatus))
    .option('--as <user>', 'only the requests this user may approve or reject (by username or id)')
    .option('--mine', 'with --as: the requests the user made instead')
    .option('--json', 'print the requests as JSON')
    .action(
      async (flags: { database?: string; status?: ApprovalStatus; as?: string; mine?: boolean; json?: boolean }) =>
        (await import('../run/approvals.js')).list(flags),
    );
  approvals
    .command('approve')
    .argument('<id>', 'the id of the approval request')
    .description(
      "Approve a pending request as a user holding the flow's approver permission; never its requester. Creates its effect.",
    )
    .addOption(databaseOption())
    .addOption(asOption('must hold the approver permission and not be the requester'))
    .option('--reason <text>', 'why (recorded with the decision)')
    .action(async (id: string, flags: { database?: string; as: string; reason?: string }) =>
      (await import('../run/approvals.js')).decide('approve', id, flags),
    );
  approvals
    .command('reject')
    .argument('<id>', 'the id of the approval request')
    .description('Reject a pending request, with a reason; nothing takes effect.')
    .addOption(databaseOption())
    .addOption(asOption('must hold the approver permission and not be the requester'))
    .addOption(new Option('--reason <text>', 'why (recorded with the decision)').makeOptionMandatory(true))
    .action(async (id: string, flags: { database?: string; as: string; reason: string }) =>
      (await import('../run/approvals.js')).decide('reject', id, flags),
    );
}
