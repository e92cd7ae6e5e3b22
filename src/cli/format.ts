import type { Explanation, Grant, TargetRef } from '../core/decision.js';
import type { AccessEngine } from '../core/engine.js';
import { type Subject, qualifiedUserName } from '../core/model.js';

/** `project acme/engineering`, `api acme/engineering/api/pizza-shack`. */
export function targetText(explanation: Explanation, ref: TargetRef): string {
  if (explanation.target === null) return `${ref.type} ${ref.id}`;
  const type = explanation.target.level === 'resource' ? ref.type : explanation.target.level;
  return `${type} ${explanation.target.name}`;
}

export function subjectText(engine: AccessEngine, subject: Subject): string {
  switch (subject.kind) {
    case 'user': {
      const user = engine.user(subject.id);
      return `user "${user === undefined ? subject.id : qualifiedUserName(user)}"`;
    }
    case 'group': {
      const group = engine.group(subject.id);
      if (group === undefined) return `group ${subject.id}`;
      const organization = engine.organizations().find((o) => o.id === group.organization)?.name ?? group.organization;
      return `group "${group.name}" of organization ${organization}`;
    }
    case 'everyone':
      return 'everyone (every active user)';
    case 'anonymous':
      return 'anonymous guests';
  }
}

/** Who asked, as people read it: `PRIMARY/alice`, or `a guest`. */
export function whoText(explanation: Explanation, user: string | null): string {
  if (user === null) return 'a guest';
  return explanation.user?.name ?? user;
}

/** One grant in words: the mapping (role, subject, level), the group it came through, the tree node. */
export function grantLines(engine: AccessEngine, grant: Grant, permission: string): string[] {
  const level = grant.target.level;
  const lines = [
    `role "${grant.role.name}" mapped to ${subjectText(engine, grant.subject)} at ${level} ${grant.target.name} (mapping ${grant.mapping})`,
  ];
  if (grant.group !== null) lines.push(`through membership of group "${grant.group.name}"`);
  const node = grant.node === '*' ? 'the whole permission tree ("*")' : `permission-tree node "${grant.node}"`;
  lines.push(grant.node === permission ? `${node} is the permission itself` : `${node} covers "${permission}"`);
  if (grant.through.length > 1) lines.push(`held through included roles: ${grant.through.join(' → ')}`);
  return lines;
}

/** The whole explanation: the verdict, then the grant (or the reason for the denial), then what did not count. */
export function explanationLines(
  engine: AccessEngine,
  explanation: Explanation,
  user: string | null,
  ref: TargetRef,
): string[] {
  const who = whoText(explanation, user);
  const where = targetText(explanation, ref);
  const lines: string[] = [];
  if (explanation.grant !== null) {
    lines.push(`yes: ${who} may ${explanation.permission} on ${where}`);
    lines.push('  granted by:');
    for (const line of grantLines(engine, explanation.grant, explanation.permission)) lines.push(`    ${line}`);
    const others = explanation.grants.slice(1);
    if (others.length > 0) {
      lines.push(`  also granted by ${others.length} more mapping${others.length === 1 ? '' : 's'}:`);
      for (const grant of others) lines.push(`    - ${grantLines(engine, grant, explanation.permission).join('; ')}`);
    }
  } else {
    lines.push(`no: ${who} may not ${explanation.permission} on ${where}`);
    lines.push(`  reason: ${explanation.denial?.reason ?? 'no role mapping grants it'}`);
  }
  if (explanation.excluded.length > 0) {
    lines.push('  not counted here:');
    for (const item of explanation.excluded) {
      lines.push(`    - ${grantLines(engine, item.grant, explanation.permission)[0]}: ${item.reason}`);
    }
  }
  return lines;
}
