/**
 * Who may sign in, and who needs a second factor: pure rules over the model (no I/O), answered
 * from the in-memory index.
 */
import type { AccessEngine } from './engine.js';
import type { RoleMapping, User } from './model.js';
import { requiresTwoFactor } from './rules.js';

/** Why a user with the right password is still refused, or null when they may sign in. */
export interface SignInRefusal {
  readonly permission: string;
  readonly reason: string;
}

/** The mappings that name the user (directly or through a group), `everyone` mappings too when asked. */
function mappingsOf(engine: AccessEngine, user: User, withEveryone: boolean): RoleMapping[] {
  const groups = new Set(engine.groupsOf(user.id));
  return engine.mappings().filter((m) => {
    switch (m.subject.kind) {
      case 'user':
        return m.subject.id === user.id;
      case 'group':
        return groups.has(m.subject.id);
      case 'everyone':
        return withEveryone && user.status === 'active';
      default:
        return false;
    }
  });
}

/**
 * The installation's `signInPermission` (WSO2's `/permission/admin/login`): the user must hold it
 * at some organization or project where one of their mappings sits. Null when no permission is
 * configured or the user holds it.
 */
export function signInRefusal(
  engine: AccessEngine,
  userId: string,
  permission: string | null | undefined = engine.settings.signInPermission,
): SignInRefusal | null {
  if (permission === undefined || permission === null) return null;
  const user = engine.user(userId);
  if (user === undefined) return { permission, reason: 'the user does not exist' };
  const targets = new Set<string>();
  for (const mapping of mappingsOf(engine, user, true)) {
    const { level, id } = mapping.target;
    if (level === 'resource') continue;
    const key = `${level}\u0000${id}`;
    if (targets.has(key)) continue;
    targets.add(key);
    if (engine.allowed(user.id, permission, level, id)) return null;
  }
  return {
    permission,
    reason: `signing in requires the permission "${permission}", which none of the user's roles grants`,
  };
}

/** The organizations a user belongs to: those of their groups and of mappings that name them (not `everyone`). */
export function organizationsOf(engine: AccessEngine, userId: string): string[] {
  const user = engine.user(userId);
  if (user === undefined) return [];
  const organizations = new Set<string>();
  for (const group of engine.groupsOf(user.id)) {
    const record = engine.group(group);
    if (record !== undefined) organizations.add(record.organization);
  }
  for (const mapping of mappingsOf(engine, user, false)) {
    const { level, id } = mapping.target;
    if (level === 'resource') continue;
    const chain = engine.organizationChain({ type: level, id });
    if (chain.length > 0) organizations.add(chain[0]!);
  }
  return [...organizations];
}

/** Whether some role the user holds, anywhere, is flagged `exemptFromTwoFactor` (Akana's 2FA-exempt users). */
export function exemptFromTwoFactor(engine: AccessEngine, userId: string): boolean {
  const user = engine.user(userId);
  if (user === undefined) return false;
  return mappingsOf(engine, user, true).some((m) =>
    engine.roleClosure(m.role).some((role) => engine.role(role)?.exemptFromTwoFactor === true),
  );
}

/**
 * Whether policy requires the user to sign in with a second factor: the installation's
 * `requireTwoFactor` (unless some role of theirs is exempt), or an organization they belong to
 * (or one above it) that requires it (unless they hold an exempt role there).
 */
export function twoFactorRequired(engine: AccessEngine, userId: string): boolean {
  if (engine.settings.requireTwoFactor === true && !exemptFromTwoFactor(engine, userId)) return true;
  return organizationsOf(engine, userId).some((organization) => requiresTwoFactor(engine, userId, organization));
}
