import type { Group } from '../../api';
import { targetInWords } from '../../explanations';

/** "Developer at project acme/engineering; Admin at organization acme", or the no-role flag. */
export function RoleSummary({ group }: { group: Group }) {
  if (group.flagged) return <NoRoleFlag />;
  return (
    <ul className="role-summary">
      {group.roles.map((r) => (
        <li key={r.mapping}>
          {r.role.name} at {targetInWords(r.target)}
        </li>
      ))}
    </ul>
  );
}

export function NoRoleFlag() {
  return (
    <span className="no-role" title="Its members gain no permission from this group until a role is mapped to it.">
      No role
    </span>
  );
}
