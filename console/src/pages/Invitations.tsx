import { useMemo, useState } from 'react';
import { type Group, type Organization, type Role, api, segment } from '../api';
import { ConfirmButton } from '../components/ConfirmButton';
import { type DataColumn, DataTable, useAllPages } from '../components/DataTable';
import { Done } from '../components/Done';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';
import { useAction } from '../components/useAction';
import { InviteForm } from '../components/users/InviteForm';
import { useOrganizations } from '../organizations';
import './Resources.css';

/** An invitation as GET /v1/invitations answers it (never its token). */
export interface Invitation {
  readonly id: string;
  readonly email: string;
  readonly organization: string;
  readonly group: string | null;
  readonly role: string | null;
  readonly target: { readonly level: string; readonly id: string } | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly acceptedAt: string | null;
  readonly revokedAt: string | null;
  readonly status: 'pending' | 'accepted' | 'revoked' | 'expired';
}

type StatusFilter = '' | Invitation['status'];

const STATUS_WORDS: Record<Invitation['status'], string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  revoked: 'Revoked',
  expired: 'Expired',
};

const when = (iso: string) => new Date(iso).toLocaleString();

/** The organization's invitations: pending ones first, each revocable or sent again; others by status. */
export function InvitationsPage() {
  usePageTitle('Invitations');
  const { current } = useOrganizations();
  return (
    <section aria-labelledby="page-title" className="invitations-page">
      <h1 id="page-title">Invitations</h1>
      {current === null ? (
        <p className="panel">Choose an organization to see its invitations.</p>
      ) : (
        <OrganizationInvitations key={current.id} organization={current} />
      )}
    </section>
  );
}

function OrganizationInvitations({ organization }: { organization: Organization }) {
  const [status, setStatus] = useState<StatusFilter>('pending');
  const query = useMemo(() => ({ organization: organization.id, status }), [organization.id, status]);
  const invitations = useAllPages<Invitation>('/v1/invitations', query);
  const names = useNames(organization);

  const revoke = useAction(async (invitation: Invitation) => {
    await api.delete(`/v1/invitations/${segment(invitation.id)}`);
    invitations.reload();
    return `Revoked the invitation of ${invitation.email}.`;
  });
  const resend = useAction(async (invitation: Invitation) => {
    await api.post(`/v1/invitations/${segment(invitation.id)}/resend`);
    return `Sent the invitation to ${invitation.email} again, with a new link; the previous link no longer works.`;
  });

  const invitedTo = (i: Invitation): string => {
    if (i.group !== null) return `Group ${names.group(i.group)}`;
    const role = i.role === null ? 'a role' : names.role(i.role);
    return i.target === null ? role : `${role} on ${names.target(i.target)}`;
  };

  const columns: DataColumn<Invitation>[] = [
    { key: 'email', header: 'Email', cell: (i) => i.email, sortValue: (i) => i.email, required: true },
    { key: 'to', header: 'Invited to', cell: invitedTo, sortValue: invitedTo },
    {
      key: 'status',
      header: 'Status',
      cell: (i) => <span className={`status status-${i.status}`}>{STATUS_WORDS[i.status]}</span>,
      sortValue: (i) => i.status,
    },
    { key: 'sent', header: 'Sent', cell: (i) => when(i.createdAt), sortValue: (i) => i.createdAt },
    { key: 'expires', header: 'Expires', cell: (i) => when(i.expiresAt), sortValue: (i) => i.expiresAt },
    {
      key: 'closed',
      header: 'Accepted or revoked',
      cell: (i) => {
        const at = i.acceptedAt ?? i.revokedAt;
        return at === null ? '' : when(at);
      },
      sortValue: (i) => i.acceptedAt ?? i.revokedAt ?? '',
      hidden: true,
    },
    {
      key: 'actions',
      header: 'Actions',
      required: true,
      cell: (i) =>
        i.status === 'pending' ? (
          <span className="row-actions">
            <button type="button" onClick={() => void resend.run(i)} disabled={resend.busy}>
              Resend
            </button>
            <ConfirmButton confirm={`Revoke the invitation of ${i.email}?`} onConfirm={() => void revoke.run(i)}>
              Revoke
            </ConfirmButton>
          </span>
        ) : null,
    },
  ];

  return (
    <div className="invitations-layout">
      <div>
        <div className="panel">
          <FormField label="Status">
            <select name="status" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
              <option value="pending">Pending</option>
              <option value="accepted">Accepted</option>
              <option value="revoked">Revoked</option>
              <option value="expired">Expired</option>
              <option value="">Any</option>
            </select>
          </FormField>
        </div>
        <ErrorMessage error={revoke.error ?? resend.error} />
        <Done message={revoke.done ?? resend.done} />
        <DataTable
          items={invitations.items}
          loading={invitations.loading}
          error={invitations.error}
          caption={`Invitations of ${organization.name}`}
          columns={columns}
          rowKey={(i) => i.id}
          initialSort={{ key: 'sent', direction: 'descending' }}
          columnPicker
          empty={status === 'pending' ? 'No invitation is pending.' : 'No invitation matches.'}
        />
      </div>
      <InviteForm organization={organization} />
    </div>
  );
}

/** Names for the ids invitations carry: groups and roles of the organization, users, resources. */
function useNames(organization: Organization) {
  const groupsQuery = useMemo(() => ({}), []);
  const rolesQuery = useMemo(() => ({ organization: organization.id }), [organization.id]);
  const groups = useAllPages<Group>(`/v1/organizations/${segment(organization.id)}/groups`, groupsQuery, 2_000);
  const roles = useAllPages<Role>('/v1/roles', rolesQuery, 2_000);
  const resources = useAllPages<{ id: string; name: string; type: string }>('/v1/resources', rolesQuery, 2_000);
  return useMemo(() => {
    const groupNames = new Map(groups.items.map((g) => [g.id, g.name]));
    const roleNames = new Map(roles.items.map((r) => [r.id, r.name]));
    const resourceNames = new Map(resources.items.map((r) => [r.id, `${r.type} ${r.name}`]));
    return {
      group: (id: string) => groupNames.get(id) ?? id,
      role: (id: string) => roleNames.get(id) ?? id,
      target: (target: { level: string; id: string }) => resourceNames.get(target.id) ?? `${target.level} ${target.id}`,
    };
  }, [groups.items, roles.items, resources.items]);
}
