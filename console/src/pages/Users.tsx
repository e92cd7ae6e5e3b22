import { type FormEvent, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { mayAt, useAccess } from '../access';
import type { User } from '../api';
import { type DataColumn, DataTable, useAllPages } from '../components/DataTable';
import { Done } from '../components/Done';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';
import { useAction } from '../components/useAction';
import { CreateUserForm } from '../components/users/CreateUserForm';
import { InviteForm } from '../components/users/InviteForm';
import { StatusButton, setUserStatus } from '../components/users/StatusButton';
import { UserDetails } from '../components/users/UserDetails';
import { STATUS_WORDS } from '../components/users/words';
import { qualified } from '../explanations';
import { useOrganizations } from '../organizations';
import './Users.css';

interface UserFilters {
  readonly name: string;
  readonly email: string;
  readonly store: string;
  readonly status: '' | User['status'];
}

/** A user as the list answers it: with the number of groups they are in. */
interface ListedUser extends User {
  readonly groups: number;
}

const NO_FILTERS: UserFilters = { name: '', email: '', store: '', status: '' };

/** Search, invite, disable and enable users; `?user=<id>` opens one user's groups, roles and effective access. */
export function UsersPage() {
  const [params] = useSearchParams();
  const chosen = params.get('user');
  if (chosen !== null && chosen !== '') return <UserDetails key={chosen} id={chosen} />;
  return <UserDirectory />;
}

function UserDirectory() {
  usePageTitle('Users');
  const { current } = useOrganizations();
  const { access } = useAccess();
  // Users are managed at the home organization; invitations go into the chosen organization's groups.
  const mayManage = mayAt(access, 'user:manage');
  const [draft, setDraft] = useState<UserFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<UserFilters>(NO_FILTERS);

  const query = useMemo(
    () => ({
      name: filters.name.trim(),
      email: filters.email.trim(),
      store: filters.store.trim(),
      status: filters.status,
    }),
    [filters],
  );
  const users = useAllPages<ListedUser>('/v1/users', query);
  const status = useAction(async (user: User, next: User['status']) => {
    const message = await setUserStatus(user, next);
    users.reload();
    return message;
  });

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setFilters(NO_FILTERS);
  };
  const set = (key: keyof UserFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  const columns: DataColumn<ListedUser>[] = [
    {
      key: 'user',
      header: 'User',
      required: true,
      sortValue: qualified,
      cell: (u) => <Link to={{ search: `?user=${encodeURIComponent(u.id)}` }}>{qualified(u)}</Link>,
    },
    { key: 'email', header: 'Email', cell: (u) => u.email ?? '', sortValue: (u) => u.email ?? '' },
    {
      key: 'status',
      header: 'Status',
      sortValue: (u) => STATUS_WORDS[u.status],
      cell: (u) => <span className={`status status-${u.status}`}>{STATUS_WORDS[u.status]}</span>,
    },
    { key: 'groups', header: 'Groups', numeric: true, sortValue: (u) => u.groups, cell: (u) => u.groups },
    ...(mayManage
      ? [
          {
            key: 'access',
            header: 'Access',
            required: true,
            cell: (u: ListedUser) => <StatusButton user={u} onChange={status.run} disabled={status.busy} />,
          },
        ]
      : []),
  ];
  const filtered = filters.name !== '' || filters.email !== '' || filters.store !== '' || filters.status !== '';

  return (
    <section aria-labelledby="page-title" className="users-page">
      <h1 id="page-title">Users</h1>
      <div className="users-layout">
        <div>
          <form className="panel user-search" role="search" aria-label="Search users" onSubmit={search}>
            <FormField label="Name" hint="Part of the username.">
              <input
                name="name"
                type="search"
                value={draft.name}
                onChange={set('name')}
                maxLength={200}
                autoComplete="off"
              />
            </FormField>
            <FormField label="Email" hint="The whole address.">
              <input
                name="email"
                type="search"
                value={draft.email}
                onChange={set('email')}
                maxLength={320}
                autoComplete="off"
              />
            </FormField>
            <FormField label="User store" hint="PRIMARY, or a directory's store.">
              <input
                name="store"
                type="search"
                value={draft.store}
                onChange={set('store')}
                maxLength={200}
                autoComplete="off"
              />
            </FormField>
            <FormField label="Status">
              <select name="status" value={draft.status} onChange={set('status')}>
                <option value="">Any</option>
                <option value="active">Active</option>
                <option value="invited">Invited</option>
                <option value="disabled">Disabled</option>
              </select>
            </FormField>
            <div className="actions">
              <button type="submit" className="primary">
                Search
              </button>
              <button type="button" onClick={clear} disabled={!filtered && draft === NO_FILTERS}>
                Clear
              </button>
            </div>
          </form>
          <ErrorMessage error={status.error} />
          <Done message={status.done} />
          <DataTable
            items={users.items}
            loading={users.loading}
            error={users.error}
            caption={filtered ? 'Matching users' : 'Users'}
            rowKey={(u) => u.id}
            empty={filtered ? 'No user matches this search.' : 'There are no users yet.'}
            initialSort={{ key: 'user', direction: 'ascending' }}
            columnPicker
            columns={columns}
          />
        </div>
        <div>
          {mayManage ? <CreateUserForm onCreated={users.reload} /> : null}
          {current === null ? (
            <p className="panel">Choose an organization to invite people into its groups.</p>
          ) : mayAt(access, 'user:invite', current.id) ? (
            <InviteForm key={current.id} organization={current} />
          ) : null}
        </div>
      </div>
    </section>
  );
}
