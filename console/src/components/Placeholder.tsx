import { useEffect } from 'react';

/** A page still to be built: its title and what it will do. */
export function Placeholder({ title, purpose }: { title: string; purpose: string }) {
  usePageTitle(title);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p>{purpose}</p>
      <p className="hint">This page is not built yet.</p>
    </section>
  );
}

/** Sets the document title for the page shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Tessera`;
  }, [title]);
}
