import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { mayAt, useAccess } from '../../access';
import { type Group, type Page, type User, api, segment } from '../../api';
import { ConfirmButton } from '../ConfirmButton';
import { Done } from '../Done';
import { ErrorMessage } from '../ErrorMessage';
import { FormField } from '../FormField';
import { PaginatedTable, usePaged } from '../Paginated';
import { usePageTitle } from '../Placeholder';
import { useAction } from '../useAction';
import { qualified } from '../../explanations';
import { STATUS_WORDS } from '../users/words';
import { DeleteGroup, GroupRolesEditor, RenameGroupForm } from './GroupEditor';
import { NoRoleFlag } from './GroupRoles';

const USER_RESULTS = 10;

/** One group: its role mappings by level, its members, and editing, renaming or deleting it. */
export function GroupDetails({ id }: { id: string }) {
  const [group, setGroup] = useState<Group | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const heading = useRef<HTMLHeadingElement>(null);
  usePageTitle(group?.name ?? 'Group');

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<Group>(`/v1/groups/${segment(id)}`, undefined, controller.signal)
      .then(setGroup)
      .catch((e: unknown) => {
        if (!(e instanceof DOMException)) setError(e);
      });
    return () => controller.abort();
  }, [id, generation]);

  // Opening a group changes only the query string: move focus to it, as the layout does between pages.
  useEffect(() => heading.current?.focus(), []);

  const memberLoader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<User>>(`/v1/groups/${segment(id)}/members`, { limit, after }, signal),
    [id],
  );
  const members = usePaged(memberLoader);
  const name = group?.name ?? 'this group';
  const { access } = useAccess();
  // Members, the name and the group itself: group:manage in its organization; finding users: user:view.
  const mayManage = group !== null && mayAt(access, 'group:manage', group.organization);
  const mayAdd = mayManage && mayAt(access, 'user:view');

  const remove = useAction(async (user: User) => {
    await api.delete(`/v1/groups/${segment(id)}/members/${segment(user.id)}`);
    members.reload();
    return `Removed ${qualified(user)} from ${name}.`;
  });

  return (
    <section aria-labelledby="page-title" className="group-details">
      <p>
        <Link to={{ search: '' }}>← All groups</Link>
      </p>
      <h1 id="page-title" ref={heading} tabIndex={-1}>
        {group === null ? 'Group' : `Group ${group.name}`} {group?.flagged === true ? <NoRoleFlag /> : null}
      </h1>
      <ErrorMessage error={error} />
      {group?.description == null ? null : <p>{group.description}</p>}

      <section className="panel" aria-labelledby="group-mappings-title">
        <h2 id="group-mappings-title">Role mappings by level</h2>
        {group === null ? null : <GroupRolesEditor group={group} onChanged={reload} />}
      </section>

      <section className="panel" aria-labelledby="members-title">
        <h2 id="members-title">Members</h2>
        <ErrorMessage error={remove.error} />
        <Done message={remove.done} />
        <PaginatedTable
          paged={members}
          caption={`Members of ${name}`}
          rowKey={(u) => u.id}
          empty={`${name} has no members yet.`}
          columns={[
            {
              header: 'User',
              cell: (u) => (
                <Link to={{ pathname: '/users', search: `?user=${encodeURIComponent(u.id)}` }}>{qualified(u)}</Link>
              ),
            },
            { header: 'Email', cell: (u) => u.email ?? '' },
            { header: 'Status', cell: (u) => STATUS_WORDS[u.status] ?? u.status },
            ...(mayManage
              ? [
                  {
                    header: 'Remove',
                    cell: (u: User) => (
                      <ConfirmButton
                        confirm={`Remove ${qualified(u)} from ${name}?`}
                        onConfirm={() => remove.run(u).then(() => undefined)}
                      >
                        Remove
                      </ConfirmButton>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {mayAdd ? <AddMemberForm groupId={id} groupName={name} onAdded={members.reload} /> : null}
      </section>

      {group === null || !mayManage ? null : (
        <RenameGroupForm key={`${group.name}\n${group.description ?? ''}`} group={group} onSaved={reload} />
      )}
      {group === null || !mayManage ? null : <DeleteGroup group={group} />}
    </section>
  );
}

/** Find users by part of the username, then add one. */
function AddMemberForm({ groupId, groupName, onAdded }: { groupId: string; groupName: string; onAdded: () => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; page: Page<User> } | null>(null);

  const search = useAction(async () => {
    const needle = query.trim();
    const page = await api.get<Page<User>>('/v1/users', { name: needle, limit: USER_RESULTS });
    setFound({ query: needle, page });
    return '';
  });
  const add = useAction(async (user: User) => {
    const answer = await api.put<{ added: boolean }>(`/v1/groups/${segment(groupId)}/members/${segment(user.id)}`);
    onAdded();
    return answer.added
      ? `Added ${qualified(user)} to ${groupName}.`
      : `${qualified(user)} is a member of ${groupName} already.`;
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.reset();
    void search.run();
  };

  return (
    <form onSubmit={submit} aria-labelledby="add-member-title" className="inline-form">
      <h3 id="add-member-title">Add a member</h3>
      <div className="search-row">
        <FormField label="Username contains">
          <input
            name="member-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            maxLength={200}
            autoComplete="off"
          />
        </FormField>
        <button type="submit" disabled={search.busy}>
          Find users
        </button>
      </div>
      <ErrorMessage error={search.error} />
      {found !== null && found.page.items.length === 0 ? (
        <p className="empty">No user's name contains “{found.query}”.</p>
      ) : null}
      {found !== null && found.page.items.length > 0 ? (
        <ul className="found-users" aria-label="Matching users">
          {found.page.items.map((u) => (
            <li key={u.id}>
              <span>
                {qualified(u)}
                {u.status === 'active' ? '' : ` (${STATUS_WORDS[u.status].toLowerCase()})`}
              </span>
              <button
                type="button"
                onClick={() => void add.run(u)}
                disabled={add.busy}
                aria-label={`Add ${qualified(u)} to ${groupName}`}
              >
                Add
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {found?.page.next != null ? <p className="hint">More users match: type more of the name.</p> : null}
      <ErrorMessage error={add.error} />
      <Done message={add.done} />
    </form>
  );
}
