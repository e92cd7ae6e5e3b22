import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Layout } from './components/Layout';
import { FirstPage, PageGate } from './components/PageGate';
import { PAGES } from './navigation';
import { OrganizationsProvider } from './organizations';
import { AcceptInvitationPage } from './pages/AcceptInvitation';
import { ConsentPage } from './pages/Consent';
import { NotFoundPage } from './pages/NotFound';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/PasswordReset';
import { SignInPage } from './pages/SignIn';
import { SignUpPage, VerifyEmailPage } from './pages/SignUp';
import { useSession } from './session';

/** Where a signed-out visitor was going, to return there after signing in. */
export interface SignInState {
  readonly from?: string;
}

export function App() {
  const { state } = useSession();
  const location = useLocation();

  if (state.status === 'loading') {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  if (state.status === 'signed-out') {
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
        <Route path="/sign-up" element={<SignUpPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route
          path="*"
          element={
            <Navigate
              to="/sign-in"
              replace
              state={{ from: location.pathname + location.search } satisfies SignInState}
            />
          }
        />
      </Routes>
    );
  }
  const from = (location.state as SignInState | null)?.from;
  return (
    <OrganizationsProvider>
      <Routes>
        <Route
          path="/sign-in"
          element={from !== undefined && from !== '/sign-in' ? <Navigate to={from} replace /> : <FirstPage />}
        />
        <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
        <Route path="/consent" element={<ConsentPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route element={<Layout />}>
          <Route index element={<FirstPage />} />
          {PAGES.map(({ path, Component }) => (
            <Route key={path} path={`/${path}/*`} element={<PageGate path={path} Component={Component} />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </OrganizationsProvider>
  );
}
