import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useSession, useSignedInUser } from '../session';
import { ErrorMessage } from './ErrorMessage';
import { OrganizationSwitcher } from './OrganizationSwitcher';
import { useAllowedPages } from './PageGate';

/** The signed-in frame: header (switcher, user, sign out), navigation, and the page. */
export function Layout() {
  const user = useSignedInUser();
  const { signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signOutError, setSignOutError] = useState<unknown>(null);
  const main = useRef<HTMLElement>(null);
  const location = useLocation();
  const firstRender = useRef(true);
  const pages = useAllowedPages();

  // After following a link, keyboard and screen-reader users land on the new page, and the phone menu closes.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="header">
        <div className="header-row">
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="navigation"
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
          <span className="brand">Tessera</span>
          <OrganizationSwitcher />
          <div className="account">
            <span className="user-name" title={user.name}>
              {user.name}
            </span>
            <button
              type="button"
              onClick={() => {
                setSignOutError(null);
                signOut().catch(setSignOutError);
              }}
            >
              Sign out
            </button>
          </div>
        </div>
        <ErrorMessage error={signOutError} />
      </header>
      <div className="body">
        <nav id="navigation" className={menuOpen ? 'navigation open' : 'navigation'} aria-label="Main">
          <ul>
            {pages.map((page) => (
              <li key={page.path}>
                <NavLink to={`/${page.path}`}>{page.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="content" ref={main} tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
