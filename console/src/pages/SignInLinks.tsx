import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';

/**
 * Under the sign-in form: "Forgot password", and "Sign up" when the page was opened for an
 * organization that allows self sign-up (`/console/sign-in?organization=acme`).
 */
export function SignInLinks() {
  const [params] = useSearchParams();
  const organization = params.get('organization');
  const [signUp, setSignUp] = useState(false);

  useEffect(() => {
    if (organization === null || organization === '') return;
    const controller = new AbortController();
    api
      .get<{ enabled: boolean }>('/v1/sign-up', { organization }, controller.signal)
      .then((answer) => setSignUp(answer.enabled))
      .catch(() => setSignUp(false));
    return () => controller.abort();
  }, [organization]);

  return (
    <p className="sign-in-links">
      <Link to="/forgot-password">Forgot password?</Link>
      {signUp && organization !== null ? (
        <>
          {' · '}
          <Link to={`/sign-up?organization=${encodeURIComponent(organization)}`}>Sign up</Link>
        </>
      ) : null}
    </p>
  );
}
