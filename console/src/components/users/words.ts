import type { Grant, Target, User } from '../../api';

/** The user as the API names it everywhere: `STORE/username`. */
export const qualified = (user: Pick<User, 'store' | 'username'>): string => `${user.store}/${user.username}`;

export const STATUS_WORDS: Readonly<Record<User['status'], string>> = {
  active: 'Active',
  invited: 'Invited',
  disabled: 'Disabled',
};

/** "organization acme", "project acme/engineering", "api acme/engineering/api/pizza-shack". */
export const targetInWords = (target: Pick<Target, 'level' | 'name'>): string => `${target.level} ${target.name}`;

/** Who a grant's mapping names: the user, one of its groups, everyone, or guests. */
export function subjectInWords(grant: Grant, userName: string): string {
  switch (grant.subject.kind) {
    case 'user':
      return `the user ${userName} directly`;
    case 'group':
      return `the group ${grant.group?.name ?? grant.subject.id ?? ''}`.trim();
    case 'everyone':
      return 'everyone signed in';
    case 'anonymous':
      return 'anonymous guests';
    default:
      return grant.subject.kind;
  }
}

/**
 * Why a user holds a permission, in one sentence: the role, whom it is mapped to, at which level,
 * through which group, and the permission-tree node that covers the permission.
 */
export function grantInWords(grant: Grant, permission: string, userName: string): string {
  const member = grant.group === null ? '' : ` (${userName} is a member)`;
  const covers = grant.node === permission ? '' : `, which covers ${permission}`;
  const through = grant.through.length > 1 ? ` through the roles ${grant.through.join(' → ')}` : '';
  return `The role ${grant.role.name} is mapped at ${targetInWords(grant.target)} to ${subjectInWords(grant, userName)}${member}; it grants the permission-tree node ${grant.node}${covers}${through}.`;
}

/** Mapping levels from the widest down; any other level (a resource type) comes after them. */
export const LEVEL_ORDER = ['organization', 'project', 'resource'];

/** Items grouped by level, widest level first. */
export function byLevel<T>(items: readonly T[], levelOf: (item: T) => string): readonly [string, readonly T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const level = levelOf(item);
    groups.set(level, [...(groups.get(level) ?? []), item]);
  }
  const rank = (level: string) => {
    const index = LEVEL_ORDER.indexOf(level);
    return index === -1 ? LEVEL_ORDER.length : index;
  };
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** "organization" → "Organization level". */
export const levelHeading = (level: string): string => `${level[0]?.toUpperCase() ?? ''}${level.slice(1)} level`;
