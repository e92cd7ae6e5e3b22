import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/v1/sign-up', { organization, username, email, password });
      setSent(email);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (path: string) => (error instanceof ApiError ? error.fieldError(path) : undefined);
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
          <FormField label="Username" error={fieldError('username')}>
            <input
              ref={first}
              name="username"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
              maxLength={200}
            />
          </FormField>
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
          <FormField label="Password" hint="At least 8 characters." error={fieldError('password')}>
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              maxLength={1024}
            />
          </FormField>
          <ErrorMessage error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing up…' : 'Sign up'}
          </button>
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/v1/sign-up/verify', { token });
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

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
          <>
            <ErrorMessage error={error} />
            <button type="submit" className="primary" disabled={busy || token === ''}>
              {busy ? 'Confirming…' : 'Confirm and activate my account'}
            </button>
          </>
        )}
      </form>
    </main>
  );
}
