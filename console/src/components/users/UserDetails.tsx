import { mayAt, useAccess } from '../../access';
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { type Grant, type Group, type Target, type User, api, segment } from '../../api';
import { useOrganizations } from '../../organizations';
import { Done } from '../Done';
import { ErrorMessage } from '../ErrorMessage';
import { FormField } from '../FormField';
import { TablesByLevel } from '../TablesByLevel';
import { TargetFields, useTargetChoice } from '../TargetFields';
import { usePageTitle } from '../Placeholder';
import { useAction } from '../useAction';
import { useLoaded } from '../useLoaded';
import { PasswordForm } from './PasswordForm';
import { StatusButton, setUserStatus } from './StatusButton';
import { grantInWords, qualified, targetInWords } from '../../explanations';
import { STATUS_WORDS } from './words';

interface UserGroup {
  readonly group: Pick<Group, 'id' | 'name' | 'description'>;
  readonly organization: { readonly id: string; readonly name: string };
}

interface UserMapping {
  readonly id: string;
  readonly role: { readonly id: string; readonly name: string };
  readonly subject: { readonly kind: string; readonly id?: string };
  readonly target: Target;
  readonly via: { readonly id: string; readonly name: string; readonly organization: string } | null;
}

interface HeldPermission {
  readonly key: string;
  readonly grant?: Grant;
}

/** Reads one answer for the life of the component (or until `reload`), keeping its error. */
function useAnswer<T>(path: string) {
  const load = useCallback((signal: AbortSignal) => api.get<T>(path, undefined, signal), [path]);
  const { value, error, reload } = useLoaded(load);
  return { answer: value, error, reload };
}

/** One user: status, groups, role mappings by level, and effective access at a chosen target. */
export function UserDetails({ id }: { id: string }) {
  const { access } = useAccess();
  const mayManage = mayAt(access, 'user:manage');
  const base = `/v1/users/${segment(id)}`;
  const user = useAnswer<User>(base);
  const groups = useAnswer<{ items: UserGroup[] }>(`${base}/groups`);
  const mappings = useAnswer<{ items: UserMapping[] }>(`${base}/mappings`);
  const heading = useRef<HTMLHeadingElement>(null);
  const name = user.answer === null ? 'User' : qualified(user.answer);
  usePageTitle(name);

  // Opening a user changes only the query string: move focus to it, as the layout does between pages.
  useEffect(() => heading.current?.focus(), []);

  const status = useAction(async (target: User, next: User['status']) => {
    const message = await setUserStatus(target, next);
    user.reload();
    return message;
  });

  return (
    <section aria-labelledby="page-title" className="user-details">
      <p>
        <Link to={{ search: '' }}>← All users</Link>
      </p>
      <h1 id="page-title" ref={heading} tabIndex={-1}>
        {name}
      </h1>
      <ErrorMessage error={user.error} />
      {user.answer === null ? null : (
        <div className="panel">
          <dl className="facts">
            <dt>Email</dt>
            <dd>{user.answer.email ?? 'None'}</dd>
            <dt>User store</dt>
            <dd>{user.answer.store}</dd>
            <dt>Status</dt>
            <dd>{STATUS_WORDS[user.answer.status]}</dd>
          </dl>
          {mayManage ? <StatusButton user={user.answer} onChange={status.run} disabled={status.busy} /> : null}
          <ErrorMessage error={status.error} />
          <Done message={status.done} />
        </div>
      )}

      <section className="panel" aria-labelledby="user-groups-title">
        <h2 id="user-groups-title">Groups</h2>
        <ErrorMessage error={groups.error} />
        {groups.answer !== null && groups.answer.items.length === 0 ? (
          <p className="empty">{name} is in no group.</p>
        ) : null}
        {groups.answer !== null && groups.answer.items.length > 0 ? (
          <div className="table-scroll">
            <table>
              <caption>Groups of {name}</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Organization</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {groups.answer.items.map(({ group, organization }) => (
                  <tr key={group.id}>
                    <td data-label="Group">
                      <Link to={{ pathname: '/groups', search: `?group=${encodeURIComponent(group.id)}` }}>
                        {group.name}
                      </Link>
                    </td>
                    <td data-label="Organization">{organization.name}</td>
                    <td data-label="Description">{group.description ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="user-mappings-title">
        <h2 id="user-mappings-title">Role mappings by level</h2>
        <p className="hint">
          The roles mapped to {name} directly and to each of their groups. A role mapped at an organization reaches its
          projects and resources.
        </p>
        <ErrorMessage error={mappings.error} />
        {mappings.answer !== null && mappings.answer.items.length === 0 ? (
          <p className="empty">No role is mapped to {name} or to their groups: they hold no permission.</p>
        ) : null}
        {mappings.answer === null ? null : <MappingsByLevel mappings={mappings.answer.items} userName={name} />}
      </section>

      {user.answer === null || !mayAt(access, 'decision:check') ? null : <EffectiveAccess user={user.answer} />}
      {user.answer === null || !mayManage ? null : <PasswordForm user={user.answer} />}
    </section>
  );
}

function MappingsByLevel({ mappings, userName }: { mappings: readonly UserMapping[]; userName: string }) {
  return (
    <TablesByLevel
      items={mappings}
      levelOf={(m) => m.target.level}
      rowKey={(m) => m.id}
      columns={[
        { header: 'Role', cell: (m) => m.role.name },
        { header: 'At', cell: (m) => targetInWords(m.target) },
        {
          header: 'Through',
          cell: (m) =>
            m.via !== null
              ? `The group ${m.via.name}`
              : m.subject.kind === 'user'
                ? `Mapped to ${userName} directly`
                : m.subject.kind,
        },
      ]}
    />
  );
}

/** Long permission lists show this many until asked for all. */
const SHOWN_PERMISSIONS = 50;

/** Every permission the user holds at a chosen target, each with why. */
function EffectiveAccess({ user }: { user: User }) {
  const { current } = useOrganizations();
  const target = useTargetChoice(current?.name ?? '');
  const [filter, setFilter] = useState('');
  const [showAll, setShowAll] = useState(false);
  const [held, setHeld] = useState<{ target: string; permissions: readonly HeldPermission[] } | null>(null);
  const name = qualified(user);

  const ask = useAction(async () => {
    const { type, id } = target;
    if (type === '') throw new Error('name the resource type (api, component…)');
    if (id === '') throw new Error('name the target: an id, a name or a path');
    setHeld(null);
    const answer = await api.post<{ permissions: HeldPermission[] }>('/v1/permissions-at', {
      user: user.id,
      resource: { type, id },
      explain: true,
    });
    setHeld({ target: `${type} ${id}`, permissions: answer.permissions });
    setShowAll(false);
    return `${name} holds ${answer.permissions.length} ${answer.permissions.length === 1 ? 'permission' : 'permissions'} at ${type} ${id}.`;
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void ask.run();
  };

  const matching = useMemo(
    () =>
      held === null ? [] : held.permissions.filter((p) => p.key.toLowerCase().includes(filter.trim().toLowerCase())),
    [held, filter],
  );
  const shown = showAll ? matching : matching.slice(0, SHOWN_PERMISSIONS);

  return (
    <section className="panel" aria-labelledby="effective-title">
      <h2 id="effective-title">Effective access</h2>
      <form onSubmit={submit} aria-labelledby="effective-title" className="effective-form">
        <TargetFields choice={target} targetLabel="Target" />
        <ErrorMessage error={ask.error} />
        <button type="submit" className="primary" disabled={ask.busy}>
          Show effective access
        </button>
      </form>
      <Done message={ask.done} />
      {held === null ? null : held.permissions.length === 0 ? (
        <p className="empty">
          {name} holds no permission at {held.target}.
        </p>
      ) : (
        <>
          <FormField label="Filter permissions" hint="Part of the permission key.">
            <input
              name="permission-filter"
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              maxLength={200}
            />
          </FormField>
          <ul className="held-permissions" aria-label={`Permissions of ${name} at ${held.target}`}>
            {shown.map((p) => (
              <li key={p.key}>
                <code>{p.key}</code>
                <p>
                  {p.grant === undefined ? 'Held; the server gave no explanation.' : grantInWords(p.grant, p.key, name)}
                </p>
              </li>
            ))}
          </ul>
          {matching.length === 0 ? <p className="empty">No held permission matches “{filter.trim()}”.</p> : null}
          {shown.length < matching.length ? (
            <button type="button" onClick={() => setShowAll(true)}>
              Show all {matching.length} permissions
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
