import { useEffect, useState } from 'react';
import { api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { usePageTitle } from '../components/Placeholder';

interface OutboxMessage {
  readonly id: string;
  readonly to: string;
  readonly from: string;
  readonly template: string;
  readonly subject: string;
  readonly text: string;
  readonly createdAt: string;
}

interface OutboxPage {
  readonly mailer: 'smtp' | 'outbox';
  readonly items: readonly OutboxMessage[];
  readonly next: string | null;
}

/**
 * The development outbox (`GET /v1/outbox`): the messages kept because no SMTP server is
 * configured, newest first, each shown as its plain-text part (links included).
 */
export function OutboxPage() {
  usePageTitle('Outbox');
  const [to, setTo] = useState('');
  const [page, setPage] = useState<OutboxPage | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    const query = to.trim() === '' ? { limit: 50 } : { limit: 50, to: to.trim() };
    api.get<OutboxPage>('/v1/outbox', query, controller.signal).then(setPage, (e: unknown) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [to]);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Outbox</h1>
      {page?.mailer === 'smtp' ? (
        <p>Mail goes through the SMTP server; the outbox only keeps messages from before it was configured.</p>
      ) : (
        <p>No SMTP server is configured (TESSERA_SMTP_URL): messages are kept here instead of being sent.</p>
      )}
      <label>
        Recipient <input name="to" type="search" value={to} onChange={(e) => setTo(e.target.value)} maxLength={320} />
      </label>
      <ErrorMessage error={error} />
      {page === null ? null : page.items.length === 0 ? (
        <p>No messages.</p>
      ) : (
        <ul className="outbox">
          {page.items.map((m) => (
            <li key={m.id}>
              <article aria-label={m.subject}>
                <h2>{m.subject}</h2>
                <p>
                  To {m.to}, from {m.from}, {new Date(m.createdAt).toLocaleString()} ({m.template})
                </p>
                <pre>{m.text}</pre>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
