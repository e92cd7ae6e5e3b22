import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, request } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';
import { type TwoFactorChallenge, useSession } from '../session';

interface Enrolment {
  readonly secret: string;
  readonly uri: string;
  readonly qrCode: string;
}

/** The recovery codes, shown once, with the way on. */
export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  return (
    <section aria-labelledby="recovery-title">
      <h2 id="recovery-title">Recovery codes</h2>
      <p>
        Keep these codes somewhere safe: each signs you in once if you lose your authenticator. They are not shown
        again.
      </p>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The authenticator to set up: the QR code and the secret for typing in by hand. */
export function EnrolmentCode({ enrolment }: { enrolment: Enrolment }) {
  return (
    <div className="enrolment">
      <p>Scan this code with an authenticator app (or type the key), then enter the six-digit code it shows.</p>
      <img src={enrolment.qrCode} alt="QR code of the authenticator key" width={200} height={200} />
      <p>
        Key: <code data-testid="authenticator-key">{enrolment.secret}</code>
      </p>
    </div>
  );
}

/**
 * The sign-in's second step: a code of the authenticator app or a recovery code; or, when policy
 * requires a second factor the user has not set up, its enrolment (nothing else is allowed then).
 */
export function TwoFactorStep({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: TwoFactorChallenge;
  onSignedIn: () => void;
  onRestart: () => void;
}) {
  usePageTitle(challenge.enrolmentRequired ? 'Set up two-factor sign-in' : 'Two-factor sign-in');
  const { answerChallenge } = useSession();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<{ list: readonly string[]; finish: () => Promise<void> } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), [enrolment]);

  const enrol = async () => {
    setBusy(true);
    setError(null);
    try {
      setEnrolment(
        await request<Enrolment>('POST', '/v1/session/two-factor/enrolment', {
          body: { challenge: challenge.challenge },
          expectUnauthorized: true,
        }),
      );
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await answerChallenge(challenge.challenge, code.trim());
      if (answer.recoveryCodes !== null) setCodes({ list: answer.recoveryCodes, finish: answer.finish });
      else {
        await answer.finish();
        onSignedIn();
      }
    } catch (e) {
      setError(e);
      setCode('');
    }
    setBusy(false);
  };

  const expired = error instanceof ApiError && error.slug === 'two-factor-challenge-invalid';
  if (codes !== null)
    return (
      <main className="sign-in" id="content">
        <form aria-labelledby="page-title" onSubmit={(event) => event.preventDefault()}>
          <h1 id="page-title">Two-factor sign-in is set up</h1>
          <RecoveryCodes codes={codes.list} />
          <button
            type="button"
            className="primary"
            onClick={async () => {
              await codes.finish();
              onSignedIn();
            }}
          >
            I have saved them — continue
          </button>
        </form>
      </main>
    );
  return (
    <main className="sign-in" id="content">
      <form onSubmit={submit} aria-labelledby="page-title" noValidate>
        <h1 id="page-title">{challenge.enrolmentRequired ? 'Set up two-factor sign-in' : 'Two-factor sign-in'}</h1>
        {challenge.enrolmentRequired && enrolment === null ? (
          <>
            <p>Your organization requires a second factor. Set up an authenticator app to continue.</p>
            <ErrorMessage error={error} />
            <button type="button" className="primary" onClick={enrol} disabled={busy}>
              Set up an authenticator
            </button>
          </>
        ) : (
          <>
            {enrolment !== null && <EnrolmentCode enrolment={enrolment} />}
            <FormField
              label={
                challenge.enrolmentRequired ? 'Code from the app' : 'Code from your authenticator, or a recovery code'
              }
            >
              <input
                ref={input}
                name="code"
                autoComplete="one-time-code"
                inputMode={challenge.enrolmentRequired ? 'numeric' : 'text'}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                required
                maxLength={32}
              />
            </FormField>
            <ErrorMessage error={error} />
            <button type="submit" className="primary" disabled={busy || code.trim().length < 6}>
              {busy ? 'Checking…' : 'Verify'}
            </button>
          </>
        )}
        {expired && (
          <button type="button" onClick={onRestart}>
            Sign in again
          </button>
        )}
      </form>
    </main>
  );
}
