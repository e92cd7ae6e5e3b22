import { type FormEvent, useEffect, useRef, useState } from 'react';
import { PasswordField, SubmitRow, UsernameField } from '../components/AccountForm';
import { fieldErrorOf } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';
import { type TwoFactorChallenge, useSession } from '../session';
import { SignInLinks } from './SignInLinks';
import { TwoFactorStep } from './TwoFactorStep';

/**
 * Where to go after signing in when an OAuth client sent the browser here
 * (`/console/sign-in?return=/oauth2/authorize?…`): only an authorization request of this server.
 */
function authorizationReturn(): string | null {
  const value = new URLSearchParams(window.location.search).get('return');
  if (value === null || !value.startsWith('/oauth2/authorize')) return null;
  try {
    const url = new URL(value, window.location.origin);
    if (url.origin !== window.location.origin || url.pathname !== '/oauth2/authorize') return null;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

/** Username and password; a session cookie on success. */
export function SignInPage() {
  usePageTitle('Sign in');
  const { signIn } = useSession();
  const [challenge, setChallenge] = useState<TwoFactorChallenge | null>(null);
  // Read once: signing in re-routes the console, which may change the address before the step ends.
  const [returnTo] = useState(authorizationReturn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const needed = await signIn(username, password);
      if (needed !== null) {
        setChallenge(needed);
        setPassword('');
        setBusy(false);
        return;
      }
      const back = authorizationReturn();
      if (back !== null) window.location.assign(back);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  if (challenge !== null)
    return (
      <TwoFactorStep
        challenge={challenge}
        onSignedIn={() => {
          if (returnTo !== null) window.location.assign(returnTo);
        }}
        onRestart={() => setChallenge(null)}
      />
    );

  const fieldError = fieldErrorOf(error);
  return (
    <main className="sign-in" id="content">
      <form onSubmit={submit} aria-labelledby="page-title" noValidate>
        <h1 id="page-title">Sign in to Tessera</h1>
        <UsernameField inputRef={first} value={username} onChange={setUsername} error={fieldError('username')} />
        <PasswordField value={password} onChange={setPassword} error={fieldError('password')} />
        <SubmitRow error={error} busy={busy} label="Sign in" busyLabel="Signing in…" />
        <SignInLinks />
      </form>
    </main>
  );
}
