// Access decisions and role grants in words, for the user, access-checker and group pages alike.
import type { Grant, Target, User } from './api';

/** The user as the API names it everywhere: `STORE/username`. */
export const qualified = (user: Pick<User, 'store' | 'username'>): string => `${user.store}/${user.username}`;

/** "organization acme", "project acme/engineering", "api acme/engineering/api/pizza-shack". */
export const targetInWords = (target: Pick<Target, 'level' | 'name'>): string => `${target.level} ${target.name}`;

/** Who a grant's mapping names: the user, one of its groups, everyone, or guests. */
export function subjectInWords(grant: Grant, userName: string): string {
  switch (grant.subject.kind) {
    case 'user':
      return `the user ${userName}`;
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
  // Among the user's many grants, "directly" sets a mapping to the user apart from one to a group.
  const subject = `${subjectInWords(grant, userName)}${grant.subject.kind === 'user' ? ' directly' : ''}`;
  const member = grant.group === null ? '' : ` (${userName} is a member)`;
  const covers = grant.node === permission ? '' : `, which covers ${permission}`;
  const through = grant.through.length > 1 ? ` through the roles ${grant.through.join(' → ')}` : '';
  return `The role ${grant.role.name} is mapped at ${targetInWords(grant.target)} to ${subject}${member}; it grants the permission-tree node ${grant.node}${covers}${through}.`;
}
