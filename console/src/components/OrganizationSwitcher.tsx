import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { type Organization, type Page, api } from '../api';
import { useOrganizations } from '../organizations';
import { ErrorMessage } from './ErrorMessage';
import './OrganizationSwitcher.css';

const SEARCH_LIMIT = 20;

/** The organizations in tree order (each parent before its children, by name), with their depth. */
export function hierarchy(organizations: readonly Organization[]): { organization: Organization; depth: number }[] {
  const ids = new Set(organizations.map((o) => o.id));
  const children = new Map<string | null, Organization[]>();
  for (const o of organizations) {
    // A parent that is not listed (not visible to the caller) makes its child a top-level entry.
    const parent = o.parent !== null && ids.has(o.parent) ? o.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const ordered: { organization: Organization; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const o of [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name))) {
      ordered.push({ organization: o, depth });
      visit(o.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/**
 * Chooses the organization the pages work in: root organizations and, under each, its business
 * organizations. When there are more than the switcher lists, a search asks the server for others.
 */
export function OrganizationSwitcher() {
  const { organizations, more, current, choose, error } = useOrganizations();
  const tree = useMemo(() => hierarchy(organizations), [organizations]);
  if (error !== null) return <ErrorMessage error={error} />;
  // A user who works in no organization has nothing to choose.
  if (organizations.length === 0) return null;
  return (
    <div className="switcher">
      <label htmlFor="organization-switcher">Organization</label>
      <select id="organization-switcher" value={current?.id ?? ''} onChange={(e) => choose(e.target.value)}>
        {tree.map(({ organization: o, depth }) => (
          <option key={o.id} value={o.id}>
            {depth === 0 ? o.name : `${'\u00a0\u00a0'.repeat(depth)}↳ ${o.name}`}
          </option>
        ))}
      </select>
      {more ? <OrganizationSearch onChoose={(o) => choose(o.id, o)} /> : null}
    </div>
  );
}

/** Finds organizations by name on the server, beyond those the switcher lists. */
function OrganizationSearch({ onChoose }: { onChoose: (organization: Organization) => void }) {
  const [text, setText] = useState('');
  const name = useDeferredValue(text.trim());
  const [results, setResults] = useState<readonly Organization[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  useEffect(() => {
    if (name === '') {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    api
      .get<Page<Organization>>('/v1/organizations', { name, limit: SEARCH_LIMIT }, controller.signal)
      .then((page) => {
        setResults(page.items);
        setError(null);
      })
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(e);
      });
    return () => controller.abort();
  }, [name]);

  return (
    <div className="switcher-search">
      <label htmlFor={id}>Find an organization</label>
      <input
        id={id}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={200}
        autoComplete="off"
      />
      <ErrorMessage error={error} />
      {results === null ? null : (
        <ul className="switcher-results" aria-label="Organizations found">
          {results.length === 0 ? <li>No organization has that in its name.</li> : null}
          {results.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                onClick={() => {
                  onChoose(o);
                  setText('');
                }}
              >
                {o.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
