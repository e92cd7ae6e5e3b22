import type { Group } from '../../api';
import { byLevel, levelHeading, targetInWords } from '../users/words';

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

/** The group's role mappings, one table per level, widest first. */
export function GroupMappingsByLevel({ group }: { group: Group }) {
  if (group.flagged) {
    return (
      <p className="warning">
        <NoRoleFlag /> No role is mapped to {group.name}: its members gain no permission from it. Map one on the Organizations or Role memberships page.
      </p>
    );
  }
  return byLevel(group.roles, (r) => r.target.level).map(([level, roles]) => (
    <div className="table-scroll" key={level}>
      <table>
        <caption>{levelHeading(level)}</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">At</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => (
            <tr key={r.mapping}>
              <td data-label="Role">{r.role.name}</td>
              <td data-label="At">{targetInWords(r.target)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  ));
}
