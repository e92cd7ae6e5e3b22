import type { AuditEntry, AuditQuery } from '../../store/store.js';
import { print, printJson, table } from '../context.js';
import { withStore } from './store.js';

export async function audit(flags: {
  database?: string;
  actor?: string;
  target?: string;
  since?: string;
  limit?: number;
  json?: boolean;
}): Promise<void> {
  await withStore(flags, async (store) => {
    const limit = flags.limit ?? 50;
    const query: { -readonly [K in keyof AuditQuery]: AuditQuery[K] } = { limit };
    if (flags.target !== undefined) query.target = flags.target;
    if (flags.since !== undefined) query.since = flags.since;
    // A user (by name or id), or an actor name the log keeps as written (cli:…, bootstrap, a deleted user).
    if (flags.actor !== undefined) {
      const user = store.engine.user(flags.actor);
      if (user !== undefined) query.actor = user.id;
      else query.actorName = flags.actor;
    }
    const entries: AuditEntry[] = await store.audit(query);
    if (flags.json === true) return printJson(entries);
    if (entries.length === 0) return print('no audit entries match');
    const rows = entries.map((entry) => [
      entry.at,
      entry.actor.name ?? entry.actor.id ?? 'system',
      entry.action,
      entry.target ?? '-',
      entry.revision === null ? '-' : String(entry.revision),
    ]);
    for (const line of table(['TIME', 'ACTOR', 'ACTION', 'TARGET', 'REVISION'], rows)) print(line);
  });
}
