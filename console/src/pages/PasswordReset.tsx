import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { PasswordField, SubmitRow, useAccountSubmit } from '../components/AccountForm';
import { FormField } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';

/** "Forgot password" (`/console/forgot-password`): asks for a reset link by username or email. */
export function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const [user, setUser] = useState('');
  const [sent, setSent] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const { busy, error, submit, fieldError } = useAccountSubmit(async () => {
    await api.post('/v1/password-reset', { user });
    setSent(true);
  });

  return (
    <main className="sign-in" id="content">
      <form onSubmit={submit} aria-labelledby="page-title" noValidate>
        <h1 id="page-title">Forgot password</h1>
        {sent ? (
          <p role="status">
            If an account matches and has an email address, a link to choose a new password is on its way. It works
            once, for 30 minutes.
          </p>
        ) : (
          <>
            <FormField label="Username or email" error={fieldError('user')}>
              <input
                ref={first}
                name="user"
                autoComplete="username"
                value={user}
                onChange={(e) => setUser(e.target.value)}
                required
                maxLength={320}
              />
            </FormField>
            <SubmitRow error={error} busy={busy} label="Send me a link" busyLabel="Sending…" />
          </>
        )}
        <p>
          <Link to="/sign-in">Back to sign-in</Link>
        </p>
      </form>
    </main>
  );
}

/** The page a reset link opens (`/console/reset-password?token=…`): a new password, once. */
export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);

  const { busy, error, submit, fieldError } = useAccountSubmit(async () => {
    await api.post('/v1/password-reset/confirm', { token, password });
    setDone(true);
  });

  return (
    <main className="sign-in" id="content">
      <form onSubmit={submit} aria-labelledby="page-title" noValidate>
        <h1 id="page-title">Choose a new password</h1>
        {token === '' ? <p role="alert">This link has no token: open the link from the message again.</p> : null}
        {done ? (
          <p role="status">
            Your password is changed; every session ended and your tokens were revoked.{' '}
            <Link to="/sign-in">Sign in</Link>
          </p>
        ) : (
          <>
            <PasswordField
              label="New password"
              chosen
              value={password}
              onChange={setPassword}
              error={fieldError('password')}
            />
            <SubmitRow
              error={error}
              busy={busy}
              disabled={token === ''}
              label="Set the new password"
              busyLabel="Saving…"
            />
          </>
        )}
      </form>
    </main>
  );
}
