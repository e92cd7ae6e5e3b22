import { Link } from 'react-router-dom';
import { usePageTitle } from '../components/Placeholder';
import { FIRST_PAGE } from '../navigation';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Page not found</h1>
      <p>
        The console has no such page. <Link to={`/${FIRST_PAGE}`}>Go to the organizations</Link>.
      </p>
    </section>
  );
}
