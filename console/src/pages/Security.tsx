import { type FormEvent, useCallback, useState } from 'react';
import { api } from '../api';
import { ConfirmButton } from '../components/ConfirmButton';
import { Done } from '../components/Done';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';
import { useAction } from '../components/useAction';
import { useLoaded } from '../components/useLoaded';
import { EnrolmentCode, RecoveryCodes } from './TwoFactorStep';

interface TwoFactorStatus {
  readonly enrolled: boolean;
  readonly pending: boolean;
  readonly required: boolean;
  readonly recoveryCodesLeft: number;
}
interface Enrolment {
  readonly secret: string;
  readonly uri: string;
  readonly qrCode: string;
}
interface SessionInfo {
  readonly id: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly current: boolean;
}
interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}
interface Consent {
  readonly client: { clientId: string; application: { name: string; organization: string } };
  readonly scope: readonly string[];
  readonly updatedAt: string;
}

const when = (iso: string) => new Date(iso).toLocaleString();

/** The signed-in user's own security: two-factor sign-in, recovery codes, sessions, tokens and OAuth consents. */
export function SecurityPage() {
  usePageTitle('Security');
  return (
    <div className="security">
      <h1 id="page-title">Security</h1>
      <TwoFactorSection />
      <SessionsSection />
      <TokensSection />
      <ConsentsSection />
    </div>
  );
}

function TwoFactorSection() {
  const status = useLoaded(
    useCallback((signal: AbortSignal) => api.get<TwoFactorStatus>('/v1/me/two-factor', {}, signal), []),
  );
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<readonly string[] | null>(null);
  const start = useAction(async () => {
    setCodes(null);
    setEnrolment(await api.post<Enrolment>('/v1/me/two-factor'));
    return 'Scan the code, then enter the code the app shows.';
  });
  const confirm = useAction(async () => {
    const answer = await api.post<{ recoveryCodes: string[] }>('/v1/me/two-factor/confirm', { code: code.trim() });
    setCodes(answer.recoveryCodes);
    setEnrolment(null);
    setCode('');
    status.reload();
    return 'Two-factor sign-in is on.';
  });
  const regenerate = useAction(async () => {
    const answer = await api.post<{ recoveryCodes: string[] }>('/v1/me/two-factor/recovery-codes', {
      code: code.trim(),
    });
    setCodes(answer.recoveryCodes);
    setCode('');
    status.reload();
    return 'New recovery codes: the old ones no longer work.';
  });
  const remove = useAction(async () => {
    await api.delete('/v1/me/two-factor', { code: code.trim() });
    setCode('');
    status.reload();
    return 'Two-factor sign-in is off.';
  });
  const value = status.value;
  const codeField = (label: string) => (
    <FormField label={label}>
      <input
        name="code"
        autoComplete="one-time-code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        maxLength={32}
      />
    </FormField>
  );
  return (
    <section aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-factor sign-in</h2>
      <ErrorMessage error={status.error} />
      {value !== null && (
        <p>
          {value.enrolled
            ? `On: sign-in asks for a code of your authenticator app. ${value.recoveryCodesLeft} recovery codes left.`
            : 'Off: your password alone signs you in.'}
          {value.required ? ' Your organization requires it.' : ''}
        </p>
      )}
      {codes !== null && <RecoveryCodes codes={codes} />}
      {value !== null && !value.enrolled && enrolment === null && (
        <button type="button" className="primary" onClick={() => start.run()} disabled={start.busy}>
          Set up an authenticator
        </button>
      )}
      {enrolment !== null && (
        <form
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void confirm.run();
          }}
        >
          <EnrolmentCode enrolment={enrolment} />
          {codeField('Code from the app')}
          <button type="submit" className="primary" disabled={confirm.busy}>
            Turn on
          </button>
        </form>
      )}
      {value?.enrolled === true && (
        <form onSubmit={(event: FormEvent) => event.preventDefault()}>
          {codeField('A current code (to change recovery codes or turn off)')}
          <button type="button" onClick={() => regenerate.run()} disabled={regenerate.busy}>
            New recovery codes
          </button>
          {!value.required && (
            <ConfirmButton confirm="Turn off two-factor sign-in?" onConfirm={async () => void (await remove.run())}>
              Turn off
            </ConfirmButton>
          )}
        </form>
      )}
      <ErrorMessage error={start.error ?? confirm.error ?? regenerate.error ?? remove.error} />
      <Done message={confirm.done ?? regenerate.done ?? remove.done} />
    </section>
  );
}

function SessionsSection() {
  const sessions = useLoaded(
    useCallback((signal: AbortSignal) => api.get<{ items: SessionInfo[] }>('/v1/sessions', {}, signal), []),
  );
  const end = useAction(async (id: string) => {
    await api.delete(`/v1/sessions/${encodeURIComponent(id)}`);
    sessions.reload();
    return 'Session ended.';
  });
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <ErrorMessage error={sessions.error ?? end.error} />
      <table>
        <caption className="visually-hidden">Your sessions</caption>
        <thead>
          <tr>
            <th scope="col">Signed in</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(sessions.value?.items ?? []).map((s) => (
            <tr key={s.id}>
              <td>
                {when(s.createdAt)}
                {s.current ? ' (this browser)' : ''}
              </td>
              <td>{when(s.expiresAt)}</td>
              <td>
                {!s.current && (
                  <ConfirmButton confirm="End this session?" onConfirm={async () => void (await end.run(s.id))}>
                    End
                  </ConfirmButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Done message={end.done} />
    </section>
  );
}

function TokensSection() {
  const tokens = useLoaded(
    useCallback((signal: AbortSignal) => api.get<{ items: TokenInfo[] }>('/v1/tokens', {}, signal), []),
  );
  const [name, setName] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const create = useAction(async () => {
    const answer = await api.post<{ token: string }>('/v1/tokens', { name: name.trim() });
    setShown(answer.token);
    setName('');
    tokens.reload();
    return 'Token created: copy it now, it is not shown again.';
  });
  const revoke = useAction(async (id: string) => {
    await api.delete(`/v1/tokens/${encodeURIComponent(id)}`);
    tokens.reload();
    return 'Token revoked.';
  });
  const active = (tokens.value?.items ?? []).filter((t) => t.revokedAt === null);
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">Personal access tokens</h2>
      <ErrorMessage error={tokens.error ?? revoke.error} />
      <ul>
        {active.map((t) => (
          <li key={t.id}>
            {t.name} <code>{t.prefix}…</code> {t.expiresAt === null ? '' : `expires ${when(t.expiresAt)}`}{' '}
            <ConfirmButton confirm={`Revoke token ${t.name}?`} onConfirm={async () => void (await revoke.run(t.id))}>
              Revoke
            </ConfirmButton>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void create.run();
        }}
      >
        <FormField label="New token's name">
          <input name="token-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </FormField>
        <button type="submit" disabled={create.busy || name.trim() === ''}>
          Create token
        </button>
      </form>
      {shown !== null && (
        <p>
          Token: <code data-testid="new-token">{shown}</code>
        </p>
      )}
      <ErrorMessage error={create.error} />
      <Done message={create.done ?? revoke.done} />
    </section>
  );
}

function ConsentsSection() {
  const consents = useLoaded(
    useCallback((signal: AbortSignal) => api.get<{ items: Consent[] }>('/v1/oauth/consents', {}, signal), []),
  );
  const revoke = useAction(async (clientId: string) => {
    await api.delete(`/v1/oauth/consents/${encodeURIComponent(clientId)}`);
    consents.reload();
    return 'Access revoked.';
  });
  const items = consents.value?.items ?? [];
  return (
    <section aria-labelledby="consents-title">
      <h2 id="consents-title">Applications you allowed</h2>
      <ErrorMessage error={consents.error ?? revoke.error} />
      {items.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {items.map((c) => (
            <li key={c.client.clientId}>
              {c.client.application.name} ({c.client.application.organization}): {c.scope.join(' ') || 'no scopes'}{' '}
              <ConfirmButton
                confirm={`Revoke ${c.client.application.name}'s access?`}
                onConfirm={async () => void (await revoke.run(c.client.clientId))}
              >
                Revoke
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
      <Done message={revoke.done} />
    </section>
  );
}
