import { Link } from 'react-router-dom';
import { usePageTitle } from '../components/Placeholder';

/** Every signed-in user may open My access (src/core/access-summary.ts: EVERYONE), whatever their roles. */
const ALWAYS_OPEN = { path: 'my-access', label: 'My access' } as const;

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Page not found</h1>
      <p>
        The console has no such page. <Link to={`/${ALWAYS_OPEN.path}`}>Go to {ALWAYS_OPEN.label}</Link>.
      </p>
    </section>
  );
}
