import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, type Session, type SessionUser, request, setCsrfToken, setUnauthorizedHandler } from './api';

type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'signed-in'; readonly user: SessionUser; readonly homeOrganization: string | null };

/** A sign-in that needs a second factor: the challenge `POST /v1/session/two-factor` answers. */
export interface TwoFactorChallenge {
  readonly challenge: string;
  readonly expiresAt: string;
  readonly enrolmentRequired: boolean;
}

interface SessionApi {
  readonly state: SessionState;
  /**
   * Signs in with a session cookie; throws the API's ApiError (wrong password, throttled…). Answers
   * the challenge when a second factor is needed (then no session yet), or null once signed in.
   */
  signIn(username: string, password: string): Promise<TwoFactorChallenge | null>;
  /**
   * Answers the challenge with a code. Answers the recovery codes of an enrolment made at sign-in
   * (to show before going on) and `finish`, which enters the signed-in console.
   */
  answerChallenge(
    challenge: string,
    code: string,
  ): Promise<{ readonly recoveryCodes: readonly string[] | null; readonly finish: () => Promise<void> }>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** Who is signed in: asked of `GET /v1/session` on load (which also gives the CSRF token back after a reload). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const signedOut = useCallback(() => {
    setCsrfToken(null);
    setState({ status: 'signed-out' });
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(signedOut);
    let cancelled = false;
    request<Session>('GET', '/v1/session', { expectUnauthorized: true })
      .then((session) => {
        if (cancelled) return;
        setCsrfToken(session.csrfToken);
        setState({ status: 'signed-in', user: session.user, homeOrganization: session.homeOrganization ?? null });
      })
      .catch(() => {
        if (!cancelled) signedOut();
      });
    return () => {
      cancelled = true;
      setUnauthorizedHandler(null);
    };
  }, [signedOut]);

  const enter = useCallback(async (session: Session) => {
    setCsrfToken(session.csrfToken);
    // The sign-in answer has no home organization; ask for the whole session once.
    const full = await request<Session>('GET', '/v1/session');
    setState({ status: 'signed-in', user: session.user, homeOrganization: full.homeOrganization ?? null });
  }, []);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const answer = await request<Session | { twoFactor: TwoFactorChallenge }>('POST', '/v1/session', {
        body: { username, password, mode: 'cookie' },
        expectUnauthorized: true,
      });
      if ('twoFactor' in answer) return answer.twoFactor;
      await enter(answer);
      return null;
    },
    [enter],
  );

  const answerChallenge = useCallback(
    async (challenge: string, code: string) => {
      const session = await request<Session & { recoveryCodes?: string[] }>('POST', '/v1/session/two-factor', {
        body: { challenge, code, mode: 'cookie' },
        expectUnauthorized: true,
      });
      return { recoveryCodes: session.recoveryCodes ?? null, finish: () => enter(session) };
    },
    [enter],
  );

  const signOut = useCallback(async () => {
    try {
      await request('DELETE', '/v1/session', { expectUnauthorized: true });
    } catch (error) {
      // Already signed out elsewhere: nothing left to end.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    signedOut();
  }, [signedOut]);

  const value = useMemo(() => ({ state, signIn, answerChallenge, signOut }), [state, signIn, answerChallenge, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user (only inside the signed-in layout). */
export function useSignedInUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedInUser while signed out');
  return state.user;
}
