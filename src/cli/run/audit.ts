import type { AuditEntry, AuditQuery } from '../../store/index.js';
import { MAX_LIMIT } from '../commands/audit.js';
import { print, printJson, table } from '../context.js';
import { withStore } from './store.js';

export async function audit(flags: { database?: string; actor?: string; target?: string; since?: string; limit?: number; json?: boolean }): Promise<void> {
  await withStore(flags, async (store) => {
    const limit = flags.limit ?? 50;
    const query: { -readonly [K in keyof AuditQuery]: AuditQuery[K] } = { limit };
    if (flags.target !== undefined) query.target = flags.target;
    if (flags.since !== undefined) query.since = flags.since;
    // The log indexes actors by user id; names (cli:…, bootstrap, deleted users) are matched here.
    let byName: string | undefined;
    if (flags.actor !== undefined) {
      const user = store.engine.user(flags.actor);
      if (user !== undefined) query.actor = user.id;
      else byName = flags.actor;
    }
    let entries: AuditEntry[];
    if (byName === undefined) entries = await store.audit(query);
    else {
      entries = [];
      for (let before: number | undefined; entries.length < limit; ) {
        const page = await store.audit({ ...query, limit: MAX_LIMIT, ...(before === undefined ? {} : { before }) });
        entries.push(...page.filter((entry) => entry.actor.name === byName).slice(0, limit - entries.length));
        if (page.length < MAX_LIMIT) break;
        before = page[page.length - 1]!.id;
      }
    }
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
