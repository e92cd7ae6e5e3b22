import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { PasswordField, SubmitRow, UsernameField, useAccountSubmit } from '../components/AccountForm';
import { ErrorMessage } from '../components/ErrorMessage';
import { usePageTitle } from '../components/Placeholder';
import { useSession } from '../session';

/** What `GET /v1/invitations/lookup` tells about an invitation, without its secret. */
interface InvitationSummary {
  readonly organization: { readonly id: string; readonly name: string };
  readonly group: { readonly id: string; readonly name: string } | null;
  readonly role: { readonly id: string; readonly name: string } | null;
  readonly resource: { readonly type: string; readonly id: string; readonly name: string } | null;
  readonly email: string;
  readonly expiresAt: string;
  readonly status: 'pending' | 'accepted' | 'revoked' | 'expired';
}

function describe(invitation: InvitationSummary): string {
  if (invitation.group !== null) return `to join the group ${invitation.group.name} of ${invitation.organization.name}`;
  const role = invitation.role?.name ?? 'a role';
  return invitation.resource === null
    ? `to hold ${role} in ${invitation.organization.name}`
    : `to hold ${role} on the ${invitation.resource.type} ${invitation.resource.name}`;
}

/**
 * The page an invitation's link opens (`/console/accept-invitation?token=…`): what the invitation is
 * for, then accepting it once — as the signed-in user, or by creating an account for its email.
 */
export function AcceptInvitationPage() {
  usePageTitle('Accept an invitation');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { state } = useSession();
  const signedIn = state.status === 'signed-in';
  const [invitation, setInvitation] = useState<InvitationSummary | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [accepted, setAccepted] = useState(false);

  useEffect(() => {
    if (token === '') return;
    api.get<InvitationSummary>('/v1/invitations/lookup', { token }).then(setInvitation, setLoadError);
  }, [token]);

  const {
    busy,
    error,
    submit: accept,
    fieldError,
  } = useAccountSubmit(async () => {
    await api.post('/v1/invitations/accept', signedIn ? { token } : { token, username, password });
    setAccepted(true);
  });

  return (
    <main className="sign-in" id="content">
      <section aria-labelledby="page-title">
        <h1 id="page-title">Accept an invitation</h1>
        {token === '' ? (
          <p role="alert">This link has no invitation token: open the link from the invitation again.</p>
        ) : null}
        <ErrorMessage error={loadError} />
        {invitation === null ? null : (
          <>
            <p>
              {invitation.email} is invited {describe(invitation)}.
            </p>
            {accepted ? (
              <p role="status">
                Accepted. {signedIn ? <Link to="/">Go to the console</Link> : <Link to="/sign-in">Sign in</Link>}
              </p>
            ) : invitation.status !== 'pending' ? (
              <p role="alert">
                This invitation was{' '}
                {invitation.status === 'expired' ? 'not accepted in time and has expired' : invitation.status}: ask for
                a new one.
              </p>
            ) : (
              <form onSubmit={accept} noValidate>
                {signedIn ? (
                  <p>You are signed in: accepting gives your account this access.</p>
                ) : (
                  <>
                    <p>
                      Choose a username and password for your new account. Already have one?{' '}
                      <Link to="/sign-in">Sign in</Link> first, then open the link again.
                    </p>
                    <UsernameField value={username} onChange={setUsername} error={fieldError('username')} />
                    <PasswordField
                      chosen
                      minLength={8}
                      value={password}
                      onChange={setPassword}
                      error={fieldError('password')}
                    />
                  </>
                )}
                <SubmitRow error={error} busy={busy} label="Accept the invitation" busyLabel="Accepting…" />
              </form>
            )}
          </>
        )}
      </section>
    </main>
  );
}
