import type { Group } from '../../api';
import { targetInWords } from '../../explanations';
import { TablesByLevel } from '../TablesByLevel';

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
        <NoRoleFlag /> No role is mapped to {group.name}: its members gain no permission from it. Map one on the
        Organizations or Role memberships page.
      </p>
    );
  }
  return (
    <TablesByLevel
      items={group.roles}
      levelOf={(r) => r.target.level}
      rowKey={(r) => r.mapping}
      columns={[
        { header: 'Role', cell: (r) => r.role.name },
        { header: 'At', cell: (r) => targetInWords(r.target) },
      ]}
    />
  );
}
