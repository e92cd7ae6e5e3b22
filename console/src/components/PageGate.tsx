import type { ComponentType } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { pageAllowed, useAccess } from '../access';
import { PAGES } from '../navigation';
import { useOrganizations } from '../organizations';
import { usePageTitle } from './Placeholder';

/** The pages offered to the signed-in user, working in the chosen organization, in navigation order. */
export function useAllowedPages() {
  const { access } = useAccess();
  const { current } = useOrganizations();
  return PAGES.filter((page) => pageAllowed(access, page.path, current?.id ?? null));
}

/** Where the console opens: the first page the user may use. */
export function FirstPage() {
  return <Navigate to={`/${useAllowedPages()[0]?.path ?? 'my-access'}`} replace />;
}

/** A page, or (for a user whose roles do not reach it) a word on why it is not offered, instead of its refusals. */
export function PageGate({ path, Component }: { path: string; Component: ComponentType }) {
  const { access } = useAccess();
  const { current } = useOrganizations();
  if (pageAllowed(access, path, current?.id ?? null)) return <Component />;
  return <NotOffered path={path} organization={current?.name ?? null} />;
}

function NotOffered({ path, organization }: { path: string; organization: string | null }) {
  const label = PAGES.find((p) => p.path === path)?.label ?? path;
  usePageTitle(label);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{label}</h1>
      <p>
        Your roles do not include this page
        {organization === null ? '' : ` in the organization ${organization}`}. <Link to="/my-access">My access</Link>{' '}
        shows what you may use, and where.
      </p>
    </section>
  );
}
