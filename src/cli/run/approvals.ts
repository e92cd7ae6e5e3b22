import type { ApprovalStatus } from '../../core/approvals.js';
import { qualifiedUserName } from '../../core/model.js';
import { HOME_ORGANIZATION_KEY } from '../../server/bootstrap.js';
import {
  type Actor,
  ApprovalRefusal,
  approveRequest,
  listApprovals,
  payloadOf,
  rejectRequest,
} from '../../server/approvals/service.js';
import type { ApprovalRow } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { CliError, print, printJson, table } from '../context.js';
import { cliActorName, withStore } from './store.js';

function actorOf(store: Store, reference: string): Actor {
  const user = store.engine.user(reference);
  if (user === undefined) throw new CliError(`user "${reference}" does not exist`);
  return { id: user.id, name: `${cliActorName()} as ${qualifiedUserName(user)}` };
}

function nameOf(store: Store, id: string | null): string {
  if (id === null) return '-';
  const user = store.engine.user(id);
  return user === undefined || user.id !== id ? id : qualifiedUserName(user);
}

export async function list(flags: {
  database?: string;
  status?: ApprovalStatus;
  as?: string;
  mine?: boolean;
  json?: boolean;
}): Promise<void> {
  if (flags.mine === true && flags.as === undefined) throw new CliError('--mine needs --as <user>');
  await withStore(flags, async (store) => {
    let rows: ApprovalRow[];
    if (flags.as !== undefined) {
      const actor = actorOf(store, flags.as);
      rows = await listApprovals(store, actor.id, {
        ...(flags.status === undefined ? {} : { status: flags.status }),
        ...(flags.mine === true ? { mine: true } : {}),
      });
    } else {
      let select = store.database.selectFrom('approvals').selectAll();
      if (flags.status !== undefined) select = select.where('status', '=', flags.status);
      rows = (await select.execute()).sort((a, b) => b.requested_at.localeCompare(a.requested_at));
    }
    if (flags.json === true) return printJson(rows.map((r) => ({ ...r, payload: payloadOf(r) })));
    if (rows.length === 0) return print('no approval requests match');
    const target = (type: string, id: string) => store.engine.describeTarget({ type, id })?.name ?? id;
    for (const line of table(
      ['ID', 'FLOW', 'STATUS', 'TARGET', 'REQUESTER', 'REQUESTED', 'DECIDED BY'],
      rows.map((r) => [
        r.id,
        r.flow,
        r.status,
        `${r.target_type}/${target(r.target_type, r.target_id)}`,
        nameOf(store, r.requester),
        r.requested_at,
        nameOf(store, r.decided_by),
      ]),
    ))
      print(line);
  });
}

export async function decide(
  decision: 'approve' | 'reject',
  id: string,
  flags: { database?: string; as: string; reason?: string },
): Promise<void> {
  await withStore(flags, async (store) => {
    const actor = actorOf(store, flags.as);
    const home = await store.database
      .selectFrom('server_meta')
      .select('value')
      .where('key', '=', HOME_ORGANIZATION_KEY)
      .executeTakeFirstOrThrow();
    try {
      const row =
        decision === 'approve'
          ? await approveRequest(store, actor, id, flags.reason ?? null, home.value)
          : await rejectRequest(store, actor, id, flags.reason ?? '');
      print(`${row.status} ${row.id}${row.effect === null ? '' : ` (${row.effect})`}`);
    } catch (error) {
      if (error instanceof ApprovalRefusal) throw new CliError(error.message);
      throw error;
    }
  });
}
