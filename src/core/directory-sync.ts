import type { Change } from './changes.js';
import type { AccessEngine } from './engine.js';
import type { Group, User } from './model.js';

/** What a directory holds, as a synchronisation reads it. */
export interface DirectorySnapshot {
  readonly users: readonly { readonly username: string; readonly email: string | null }[];
  readonly groups: readonly { readonly name: string; readonly members: readonly string[] }[];
}

/** What a synchronisation changes, counted. */
export interface SyncSummary {
  readonly usersAdded: number;
  readonly usersUpdated: number;
  /** Users gone from the directory: disabled, never deleted (their id, mappings and audit trail stay). */
  readonly usersDisabled: number;
  readonly groupsAdded: number;
  readonly membershipsAdded: number;
  readonly membershipsRemoved: number;
  /** What the directory held when read. */
  readonly directoryUsers: number;
  readonly directoryGroups: number;
}

/**
 * The batch that makes a user store's users, groups and memberships in Tessera what the directory
 * holds (docs/user-stores.md#synchronisation). Pure: reads the engine, answers changes.
 *
 * - a directory user unknown to Tessera is created active; a known one gets its email, and is
 *   enabled again when it was disabled;
 * - a user of the store the directory no longer has is disabled (not deleted: a directory entry
 *   restored later gets the same Tessera user, with its mappings);
 * - a directory group is created in `organization` under its domain-qualified name
 *   (`CORP-LDAP/developers`, so two stores' groups never clash); its members are made exactly
 *   the directory's; a group the directory no longer has loses all its members (kept, with its
 *   role mappings, so a group restored gets its roles back).
 *
 * Usernames are matched regardless of case, as directories do. `newId` makes the ids of new records.
 * `keepDisabled`: ids of users an administrator disabled in Tessera (a read-write store's users,
 * docs/user-stores.md#a-users-status): they stay disabled while the directory has them.
 */
export function planDirectorySync(
  engine: AccessEngine,
  store: string,
  organization: string,
  directory: DirectorySnapshot,
  newId: () => string,
  keepDisabled: ReadonlySet<string> = new Set(),
): { changes: Change[]; summary: SyncSummary } {
  const changes: Change[] = [];
  let usersAdded = 0;
  let usersUpdated = 0;
  let usersDisabled = 0;
  let groupsAdded = 0;
  let membershipsAdded = 0;
  let membershipsRemoved = 0;

  const known = new Map<string, User>();
  for (const user of engine.users()) if (user.store === store) known.set(user.username.toLowerCase(), user);
  const present = new Map<string, string>();
  for (const entry of directory.users) {
    const key = entry.username.toLowerCase();
    if (present.has(key)) continue;
    const user = known.get(key);
    if (user === undefined) {
      const id = newId();
      changes.push({
        op: 'user.put',
        user: { id, username: entry.username, store, email: entry.email, status: 'active' },
      });
      present.set(key, id);
      usersAdded++;
      continue;
    }
    present.set(key, user.id);
    const enable = user.status === 'disabled' && !keepDisabled.has(user.id);
    if (user.email !== entry.email || enable) {
      changes.push({
        op: 'user.put',
        user: { ...user, email: entry.email, status: enable ? 'active' : user.status },
      });
      usersUpdated++;
    }
  }
  for (const [key, user] of known) {
    if (present.has(key) || user.status === 'disabled') continue;
    changes.push({ op: 'user.put', user: { ...user, status: 'disabled' } });
    usersDisabled++;
  }

  const groups = new Map<string, Group>();
  for (const group of engine.groups())
    if (group.store === store && group.organization === organization) groups.set(group.name.toLowerCase(), group);
  const qualified = (name: string) => `${store}/${name}`;
  const seen = new Set<string>();
  for (const entry of directory.groups) {
    const key = qualified(entry.name).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    let group = groups.get(key);
    if (group === undefined) {
      group = { id: newId(), organization, name: qualified(entry.name), store, description: null };
      changes.push({ op: 'group.put', group });
      groupsAdded++;
    }
    const wanted = new Set<string>();
    for (const member of entry.members) {
      const id = present.get(member.toLowerCase());
      if (id !== undefined) wanted.add(id);
    }
    const current = new Set(groups.has(key) ? engine.members(group.id) : []);
    for (const id of wanted)
      if (!current.has(id)) {
        changes.push({ op: 'member.add', membership: { group: group.id, user: id } });
        membershipsAdded++;
      }
    for (const id of current)
      if (!wanted.has(id)) {
        changes.push({ op: 'member.remove', membership: { group: group.id, user: id } });
        membershipsRemoved++;
      }
  }
  for (const [key, group] of groups) {
    if (seen.has(key)) continue;
    for (const id of engine.members(group.id)) {
      changes.push({ op: 'member.remove', membership: { group: group.id, user: id } });
      membershipsRemoved++;
    }
  }
  return {
    changes,
    summary: {
      usersAdded,
      usersUpdated,
      usersDisabled,
      groupsAdded,
      membershipsAdded,
      membershipsRemoved,
      directoryUsers: directory.users.length,
      directoryGroups: directory.groups.length,
    },
  };
}
