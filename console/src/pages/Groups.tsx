import { type FormEvent, useMemo, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { mayAt, useAccess } from '../access';
import { type Group, type Organization, segment } from '../api';
import { type DataColumn, DataTable, useAllPages } from '../components/DataTable';
import { Done } from '../components/Done';
import { CreateGroupForm } from '../components/groups/CreateGroupForm';
import { GroupDetails } from '../components/groups/GroupDetails';
import { RoleSummary } from '../components/groups/GroupRoles';
import { FormField } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';
import { useOrganizations } from '../organizations';
import './Groups.css';

/** The current organization's groups with their roles; `?group=<id>` opens one group's members and mappings. */
export function GroupsPage() {
  const [params] = useSearchParams();
  const { current } = useOrganizations();
  const chosen = params.get('group');
  if (chosen !== null && chosen !== '') return <GroupDetails key={chosen} id={chosen} />;
  return <GroupDirectory organization={current} />;
}

function GroupDirectory({ organization }: { organization: Organization | null }) {
  usePageTitle('Groups');
  if (organization === null) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">Groups</h1>
        <p>Choose an organization to see its groups.</p>
      </section>
    );
  }
  return <OrganizationGroups key={organization.id} organization={organization} />;
}

/** A group as its organization's list answers it: with its number of members. */
interface ListedGroup extends Group {
  readonly members: number;
}

const GROUP_COLUMNS: readonly DataColumn<ListedGroup>[] = [
  {
    key: 'group',
    header: 'Group',
    required: true,
    sortValue: (g) => g.name,
    cell: (g) => <Link to={{ search: `?group=${encodeURIComponent(g.id)}` }}>{g.name}</Link>,
  },
  { key: 'members', header: 'Members', numeric: true, sortValue: (g) => g.members, cell: (g) => g.members },
  {
    key: 'role-count',
    header: 'Number of roles',
    numeric: true,
    sortValue: (g) => g.roles.length,
    cell: (g) => g.roles.length,
  },
  { key: 'roles', header: 'Roles', cell: (g) => <RoleSummary group={g} /> },
  {
    key: 'description',
    header: 'Description',
    sortValue: (g) => g.description ?? '',
    cell: (g) => g.description ?? 'None',
  },
];

function OrganizationGroups({ organization }: { organization: Organization }) {
  const [draft, setDraft] = useState('');
  const [name, setName] = useState('');
  const query = useMemo(() => ({ name: name.trim() }), [name]);
  const groups = useAllPages<ListedGroup>(`/v1/organizations/${segment(organization.id)}/groups`, query);
  // A group deleted on its own page comes back here saying so.
  const deleted = (useLocation().state as { done?: string } | null)?.done ?? null;
  const search = (event: FormEvent) => {
    event.preventDefault();
    setName(draft);
  };

  return (
    <section aria-labelledby="page-title" className="groups-page">
      <h1 id="page-title">Groups of {organization.name}</h1>
      <Done message={deleted} />
      <div className="groups-layout">
        <div>
          <form role="search" aria-label="Search groups" className="search-row" onSubmit={search}>
            <FormField label="Name contains">
              <input
                name="group-search"
                type="search"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                maxLength={200}
                autoComplete="off"
              />
            </FormField>
            <button type="submit">Search</button>
          </form>
          <DataTable
            items={groups.items}
            loading={groups.loading}
            error={groups.error}
            caption={`Groups of ${organization.name}`}
            rowKey={(g) => g.id}
            empty={
              name === ''
                ? `${organization.name} has no groups yet.`
                : `No group of ${organization.name} matches “${name.trim()}”.`
            }
            initialSort={{ key: 'group', direction: 'ascending' }}
            columnPicker
            columns={GROUP_COLUMNS}
          />
        </div>
        {mayAt(useAccess().access, 'group:manage', organization.id) ? (
          <CreateGroupForm organization={organization} onCreated={groups.reload} />
        ) : null}
      </div>
    </section>
  );
}
