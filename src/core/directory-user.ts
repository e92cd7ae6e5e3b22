import type { Change } from './changes.js';
import type { AccessEngine } from './engine.js';
import type { Group, User } from './model.js';

/**
 * The batch that brings one directory user into a user store the first time they sign in
 * (docs/user-stores.md#sign-in): the user, active, with the directory's email; each of their
 * directory groups (`STORE/name` in `organization`, created when new); and their memberships of
 * those groups. Other users and other memberships are left to the synchronisation. Pure: reads the
 * engine, answers changes. A user the store already has is not created again.
 */
export function planDirectoryUser(
  engine: AccessEngine,
  store: string,
  organization: string,
  entry: { readonly username: string; readonly email: string | null },
  groups: readonly string[],
  newId: () => string,
): { changes: Change[]; userId: string } {
  const changes: Change[] = [];
  const key = entry.username.toLowerCase();
  let user: User | undefined = engine.users().find((u) => u.store === store && u.username.toLowerCase() === key);
  if (user === undefined) {
    user = { id: newId(), username: entry.username, store, email: entry.email, status: 'active' };
    changes.push({ op: 'user.put', user });
  }
  const byName = new Map<string, Group>();
  for (const group of engine.groups())
    if (group.store === store && group.organization === organization) byName.set(group.name.toLowerCase(), group);
  const seen = new Set<string>();
  for (const name of groups) {
    const qualified = `${store}/${name}`;
    if (seen.has(qualified.toLowerCase())) continue;
    seen.add(qualified.toLowerCase());
    let group = byName.get(qualified.toLowerCase());
    if (group === undefined) {
      group = { id: newId(), organization, name: qualified, store, description: null };
      changes.push({ op: 'group.put', group });
    } else if (engine.members(group.id).includes(user.id)) continue;
    changes.push({ op: 'member.add', membership: { group: group.id, user: user.id } });
  }
  return { changes, userId: user.id };
}
