import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { PasswordField, SubmitRow, UsernameField, useAccountSubmit } from '../components/AccountForm';
import { FormField } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';

/**
 * Self sign-up (`/console/sign-up?organization=acme`), reachable from the sign-in page when the
 * organization allows it: a username, email and password; then an email-verification link is mailed.
 */
export function SignUpPage() {
  usePageTitle('Sign up');
  const [params] = useSearchParams();
  const [organization, setOrganization] = useState(params.get('organization') ?? '');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const { busy, error, submit, fieldError } = useAccountSubmit(async () => {
    await api.post('/v1/sign-up', { organization, username, email, password });
    setSent(email);
  });

  return (
    <main className="sign-in" id="content">
      {sent !== null ? (
        <section aria-labelledby="page-title">
          <h1 id="page-title">Check your mail</h1>
          <p role="status">
            A message is on its way to {sent}: open its link within 24 hours to confirm the address and activate the
            account.
          </p>
          <Link to="/sign-in">Back to sign-in</Link>
        </section>
      ) : (
        <form onSubmit={submit} aria-labelledby="page-title" noValidate>
          <h1 id="page-title">Sign up</h1>
          <FormField label="Organization" error={fieldError('organization')}>
            <input
              name="organization"
              value={organization}
              onChange={(e) => setOrganization(e.target.value)}
              required
              maxLength={400}
            />
          </FormField>
          <UsernameField inputRef={first} value={username} onChange={setUsername} error={fieldError('username')} />
          <FormField label="Email" error={fieldError('email')}>
            <input
              name="email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              maxLength={320}
            />
          </FormField>
          <PasswordField chosen value={password} onChange={setPassword} error={fieldError('password')} />
          <SubmitRow error={error} busy={busy} label="Sign up" busyLabel="Signing up…" />
          <p>
            <Link to="/sign-in">Back to sign-in</Link>
          </p>
        </form>
      )}
    </main>
  );
}

/** The page an email-verification link opens (`/console/verify-email?token=…`): confirms it once. */
export function VerifyEmailPage() {
  usePageTitle('Confirm your email address');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);

  const {
    busy,
    error,
    submit: confirm,
  } = useAccountSubmit(async () => {
    await api.post('/v1/sign-up/verify', { token });
    setDone(true);
  });

  return (
    <main className="sign-in" id="content">
      <form onSubmit={confirm} aria-labelledby="page-title" noValidate>
        <h1 id="page-title">Confirm your email address</h1>
        {token === '' ? <p role="alert">This link has no token: open the link from the message again.</p> : null}
        {done ? (
          <p role="status">
            Confirmed: your account is active. <Link to="/sign-in">Sign in</Link>
          </p>
        ) : (
          <SubmitRow
            error={error}
            busy={busy}
            disabled={token === ''}
            label="Confirm and activate my account"
            busyLabel="Confirming…"
          />
        )}
      </form>
    </main>
  );
}
