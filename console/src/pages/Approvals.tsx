import { type FormEvent, useCallback, useState } from 'react';
import { type Page, api, readAllPages, segment } from '../api';
import { Done } from '../components/Done';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';
import { useAction } from '../components/useAction';
import { useLoaded } from '../components/useLoaded';

/** An approval request as `/v1/approvals` answers it. */
export interface Approval {
  readonly id: string;
  readonly flow: string;
  readonly title: string;
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly organization: { readonly id: string; readonly name: string | null };
  readonly target: { readonly type: string; readonly id: string; readonly name: string | null };
  readonly summary: string;
  readonly requester: { readonly id: string; readonly name: string | null };
  readonly requestedAt: string;
  readonly decidedBy: { readonly id: string; readonly name: string | null } | null;
  readonly decidedAt: string | null;
  readonly reason: string | null;
  readonly mayDecide: boolean;
}

const MAX_PAGES = 4;

/**
 * Approvals: the requests the signed-in user may approve or reject (API publishing, subscriptions
 * and contracts, application creation), decided with a reason, and the user's own requests.
 */
export function ApprovalsPage() {
  usePageTitle('Approvals');
  const load = useCallback(async (signal: AbortSignal) => {
    const [pending, mine] = await Promise.all([
      readAllPages<Approval>('/v1/approvals', { status: 'pending' }, signal, { pageSize: 100, maxPages: MAX_PAGES }),
      api.get<Page<Approval>>('/v1/approvals', { mine: true, limit: 50 }, signal),
    ]);
    return { pending, mine: mine.items };
  }, []);
  const loaded = useLoaded(load);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Approvals</h1>
      <p>
        Requests waiting for your approval, where you hold the approver permission. Nobody approves or rejects their own
        request.
      </p>
      <ErrorMessage error={loaded.error} />
      <h2>Waiting for you</h2>
      {loaded.value === null ? (
        <p>{loaded.loading ? 'Loading…' : null}</p>
      ) : loaded.value.pending.length === 0 ? (
        <p>No request is waiting for you.</p>
      ) : (
        <ul className="approvals">
          {loaded.value.pending.map((approval) => (
            <li key={approval.id} className="panel">
              {approval.mayDecide ? (
                <PendingRequest approval={approval} onDecided={loaded.reload} />
              ) : (
                <p>
                  {approval.title}: {approval.summary}. Deciding it takes the approver permission at{' '}
                  {approval.target.name ?? approval.target.id}, and is never the requester's.
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>Your requests</h2>
      {loaded.value === null || loaded.value.mine.length === 0 ? (
        <p>{loaded.value === null ? null : 'You have made no request.'}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">Decided by</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.mine.map((approval) => (
              <tr key={approval.id}>
                <td>
                  {approval.title}: {approval.summary}
                </td>
                <td>{approval.status}</td>
                <td>{approval.decidedBy?.name ?? approval.decidedBy?.id ?? '—'}</td>
                <td>{approval.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PendingRequest({ approval, onDecided }: { approval: Approval; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const decide = useAction(async (decision: 'approve' | 'reject') => {
    if (decision === 'reject' && reason.trim() === '') throw new Error('say why you reject the request');
    await api.post(
      `/v1/approvals/${segment(approval.id)}/${decision}`,
      reason.trim() === '' ? {} : { reason: reason.trim() },
    );
    onDecided();
    return decision === 'approve' ? 'Approved.' : 'Rejected.';
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void decide.run('approve');
  };
  return (
    <form onSubmit={submit} aria-label={`${approval.title}: ${approval.summary}`}>
      <h3>{approval.title}</h3>
      <p>
        {approval.requester.name ?? approval.requester.id} asks to {approval.summary} ({approval.target.type}{' '}
        {approval.target.name ?? approval.target.id}, organization{' '}
        {approval.organization.name ?? approval.organization.id}), {new Date(approval.requestedAt).toLocaleString()}.
      </p>
      <FormField label="Reason" hint="Required to reject; recorded with the decision.">
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      </FormField>
      <ErrorMessage error={decide.error} />
      <button type="submit" className="primary" disabled={decide.busy}>
        Approve
      </button>{' '}
      <button type="button" disabled={decide.busy} onClick={() => void decide.run('reject')}>
        Reject
      </button>
      <Done message={decide.done} />
    </form>
  );
}
