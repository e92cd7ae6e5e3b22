import { useCallback, useState } from 'react';
import { api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { usePageTitle } from '../components/Placeholder';
import { useLoaded } from '../components/useLoaded';
import { useSignedInUser } from '../session';

interface ClientInfo {
  readonly clientId: string;
  readonly application: { readonly name: string; readonly organization: string };
  readonly public: boolean;
}

/**
 * The consent screen: `GET /oauth2/authorize` sends the browser here when a third-party client
 * asks for the user's authorization. Allow or deny; the server answers where to go back.
 */
export function ConsentPage() {
  usePageTitle('Allow access?');
  const user = useSignedInUser();
  const query = window.location.search.slice(1);
  const parameters = new URLSearchParams(query);
  const clientId = parameters.get('client_id') ?? '';
  const scopes = (parameters.get('scope') ?? '').split(' ').filter((s) => s !== '');
  const client = useLoaded(
    useCallback(
      (signal: AbortSignal) => api.get<ClientInfo>(`/v1/oauth/clients/${encodeURIComponent(clientId)}`, {}, signal),
      [clientId],
    ),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const decide = async (decision: 'allow' | 'deny') => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ redirect: string }>('/v1/oauth/consent', { request: query, decision });
      window.location.assign(answer.redirect);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const name = client.value?.application.name ?? clientId;
  return (
    <main className="sign-in" id="content">
      <form aria-labelledby="page-title" onSubmit={(event) => event.preventDefault()}>
        <h1 id="page-title">Allow {name} to act as you?</h1>
        <ErrorMessage error={client.error ?? error} />
        {client.value !== null && (
          <p>
            <strong>{client.value.application.name}</strong>, an application of organization{' '}
            {client.value.application.organization}, asks to sign in as <strong>{user.name}</strong>
            {scopes.length === 0 ? '.' : ' with these scopes (only those your roles allow are given):'}
          </p>
        )}
        {scopes.length > 0 && (
          <ul aria-label="Requested scopes">
            {scopes.map((s) => (
              <li key={s}>
                <code>{s}</code>
              </li>
            ))}
          </ul>
        )}
        <p>You can revoke this later on the Security page.</p>
        <button
          type="button"
          className="primary"
          disabled={busy || client.value === null}
          onClick={() => decide('allow')}
        >
          Allow
        </button>{' '}
        <button type="button" disabled={busy} onClick={() => decide('deny')}>
          Deny
        </button>
      </form>
    </main>
  );
}
