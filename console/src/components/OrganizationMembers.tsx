import { useCallback, useState } from 'react';
import { mayAt, useAccess } from '../access';
import { ApiError, type Page, type User, api, segment } from '../api';
import { ConfirmButton } from './ConfirmButton';
import { Done } from './Done';
import { ErrorMessage } from './ErrorMessage';
import { PaginatedTable, usePaged } from './Paginated';
import { useAction } from './useAction';

interface Member {
  readonly user: User;
  readonly joinedAt: string;
}

/**
 * The people of one organization (`GET /v1/organizations/{org}/members`), searched by name or email,
 * each removable from it. Shown only to callers allowed to see them (`user:view` there).
 */
export function OrganizationMembers({ organization }: { organization: { id: string; name: string } }) {
  const [search, setSearch] = useState('');
  const loader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<Member>>(
        `/v1/organizations/${segment(organization.id)}/members`,
        { limit, after, ...(search === '' ? {} : { search }) },
        signal,
      ),
    [organization.id, search],
  );
  const members = usePaged(loader);
  const remove = useAction(async (member: Member) => {
    await api.delete(`/v1/organizations/${segment(organization.id)}/members/${segment(member.user.id)}`);
    members.reload();
    return `Removed ${member.user.username} from ${organization.name}.`;
  });

  // Removing someone from the organization: user:manage there.
  const mayRemove = mayAt(useAccess().access, 'user:manage', organization.id);

  if (members.error instanceof ApiError && members.error.status === 403) return null;
  return (
    <section aria-labelledby="members-title" className="panel">
      <h3 id="members-title">Members</h3>
      <label>
        Search members <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      </label>
      <ErrorMessage error={remove.error} />
      <Done message={remove.done} />
      <PaginatedTable
        paged={members}
        caption={`Members of ${organization.name}`}
        rowKey={(m) => m.user.id}
        empty={search === '' ? `${organization.name} has no members yet.` : 'No member matches.'}
        columns={[
          { header: 'Username', cell: (m) => `${m.user.store}/${m.user.username}` },
          { header: 'Email', cell: (m) => m.user.email ?? '' },
          { header: 'Status', cell: (m) => m.user.status },
          ...(mayRemove
            ? [
                {
                  header: 'Remove',
                  cell: (m: Member) => (
                    <ConfirmButton
                      confirm={`Remove ${m.user.username} and their groups and roles from ${organization.name}?`}
                      onConfirm={() => void remove.run(m)}
                    >
                      Remove member
                    </ConfirmButton>
                  ),
                },
              ]
            : []),
        ]}
      />
    </section>
  );
}
