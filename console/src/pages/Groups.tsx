import { type FormEvent, useCallback, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { mayAt, useAccess } from '../access';
import { type Group, type Organization, type Page, api, segment } from '../api';
import { Done } from '../components/Done';
import { CreateGroupForm } from '../components/groups/CreateGroupForm';
import { GroupDetails } from '../components/groups/GroupDetails';
import { RoleSummary } from '../components/groups/GroupRoles';
import { FormField } from '../components/FormField';
import { PaginatedTable, usePaged } from '../components/Paginated';
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

function OrganizationGroups({ organization }: { organization: Organization }) {
  const [draft, setDraft] = useState('');
  const [name, setName] = useState('');
  const loader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<Group>>(
        `/v1/organizations/${segment(organization.id)}/groups`,
        { name: name.trim(), limit, after },
        signal,
      ),
    [organization.id, name],
  );
  const groups = usePaged(loader);
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
          <PaginatedTable
            paged={groups}
            caption={`Groups of ${organization.name}`}
            rowKey={(g) => g.id}
            empty={
              name === ''
                ? `${organization.name} has no groups yet.`
                : `No group of ${organization.name} matches “${name.trim()}”.`
            }
            columns={[
              {
                header: 'Group',
                cell: (g) => <Link to={{ search: `?group=${encodeURIComponent(g.id)}` }}>{g.name}</Link>,
              },
              { header: 'Roles', cell: (g) => <RoleSummary group={g} /> },
              { header: 'Description', cell: (g) => g.description ?? 'None' },
            ]}
          />
        </div>
        {mayAt(useAccess().access, 'group:manage', organization.id) ? (
          <CreateGroupForm organization={organization} onCreated={groups.reload} />
        ) : null}
      </div>
    </section>
  );
}
