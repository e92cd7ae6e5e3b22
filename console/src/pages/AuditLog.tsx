import { type FormEvent, useCallback, useId, useState } from 'react';
import { api } from '../api';
import { AuditEntryChanges, type AuditEffect } from '../components/audit/AuditEntryChanges';
import { recordName } from '../components/audit/diff';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField, fieldErrorOf } from '../components/FormField';
import { Pager, usePaged } from '../components/Paginated';
import { usePageTitle } from '../components/Placeholder';
import './AuditLog.css';

const ENTRIES_PER_PAGE = 25;

interface AuditEntry {
  readonly id: number;
  readonly revision: number | null;
  /** A null id is the system (bootstrap, the command line). */
  readonly actor: { readonly id: string | null; readonly name: string | null };
  readonly at: string;
  readonly action: string;
  /** The main record acted on, `kind:key`. */
  readonly target: string | null;
  /** The target's name as it is now; null when it is gone (or from a server before names). */
  readonly targetName?: string | null;
  readonly effects: readonly AuditEffect[];
  readonly omitted: number;
}

/** The audit log's own page shape: `next` is the entry id to pass as `before`. */
interface AuditPage {
  readonly items: readonly AuditEntry[];
  readonly next: number | null;
  readonly revision: number;
}

interface Filters {
  readonly actor: string;
  readonly target: string;
  /** One action, exactly (`group.member.add`). */
  readonly action: string;
  /** ISO 8601, or '' for no bound. */
  readonly since: string;
  readonly until: string;
}

const NO_FILTERS: Filters = { actor: '', target: '', action: '', since: '', until: '' };

/** A `datetime-local` value (the browser's time zone) as the ISO 8601 instant the API compares. */
function instant(local: string): string {
  if (local === '') return '';
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? local : time.toISOString();
}

/** Every change made, by whom and when, newest first; each entry opens to its records before and after. */
export function AuditLogPage() {
  usePageTitle('Audit log');
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [rangeError, setRangeError] = useState<string | null>(null);

  const loader = useCallback(
    async (after: string | null, limit: number, signal: AbortSignal) => {
      const page = await api.get<AuditPage>(
        '/v1/audit',
        {
          actor: filters.actor,
          target: filters.target,
          action: filters.action,
          since: instant(filters.since),
          until: instant(filters.until),
          before: after,
          limit,
        },
        signal,
      );
      // The shared pager keeps cursors as text.
      return { items: page.items, next: page.next === null ? null : String(page.next), revision: page.revision };
    },
    [filters],
  );
  const entries = usePaged(loader, ENTRIES_PER_PAGE);

  const apply = (next: Filters) => {
    if (next.since !== '' && next.until !== '' && new Date(next.since) > new Date(next.until)) {
      setRangeError('"From" is after "until": no entry could match.');
      return;
    }
    setRangeError(null);
    setDraft(next);
    setFilters({
      actor: next.actor.trim(),
      target: next.target.trim(),
      action: next.action.trim(),
      since: next.since,
      until: next.until,
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const filtered =
    filters.actor !== '' ||
    filters.target !== '' ||
    filters.action !== '' ||
    filters.since !== '' ||
    filters.until !== '';
  // The actions seen so far, offered as the action filter's choices.
  const [actions, setActions] = useState<readonly string[]>([]);
  const seen = entries.items.map((e) => e.action);
  if (seen.some((a) => !actions.includes(a))) setActions([...new Set([...actions, ...seen])].sort());
  const actionsId = useId();
  const fieldError = fieldErrorOf(entries.error);

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Audit log</h1>
      <p>
        Every write, newest first: who made it, when, and each record it changed. Open an entry to see its fields before
        and after.
      </p>
      <form className="panel audit-filters" role="search" aria-label="Filter the audit log" onSubmit={submit}>
        <FormField label="Actor" hint="A username (PRIMARY/alice or alice) or a user id." error={fieldError('actor')}>
          <input
            name="actor"
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
            maxLength={400}
          />
        </FormField>
        <FormField
          label="Target"
          hint="kind:id (group:…, project:…) or the id of any record."
          error={fieldError('target')}
        >
          <input
            name="target"
            value={draft.target}
            onChange={(e) => setDraft({ ...draft, target: e.target.value })}
            maxLength={500}
          />
        </FormField>
        <FormField label="Action" hint="One action, e.g. group.member.add." error={fieldError('action')}>
          <input
            name="action"
            list={actionsId}
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
            maxLength={100}
            autoComplete="off"
          />
        </FormField>
        <datalist id={actionsId}>
          {actions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <FormField label="From" hint="Your local time." error={fieldError('since')}>
          <input
            type="datetime-local"
            name="since"
            step={1}
            value={draft.since}
            onChange={(e) => setDraft({ ...draft, since: e.target.value })}
          />
        </FormField>
        <FormField label="Until" hint="Your local time." error={fieldError('until')}>
          <input
            type="datetime-local"
            name="until"
            step={1}
            value={draft.until}
            onChange={(e) => setDraft({ ...draft, until: e.target.value })}
          />
        </FormField>
        <div className="actions audit-filter-actions">
          <button type="submit" className="primary">
            Apply filters
          </button>
          <button type="button" onClick={() => apply(NO_FILTERS)} disabled={!filtered && draft === NO_FILTERS}>
            Clear filters
          </button>
        </div>
        <ErrorMessage error={rangeError === null ? null : new Error(rangeError)} />
      </form>

      <div className="paginated" aria-busy={entries.loading}>
        <ErrorMessage error={entries.error} />
        {entries.error === null && !entries.loading && entries.items.length === 0 ? (
          <p className="empty">{filtered ? 'No entry matches these filters.' : 'The log is empty.'}</p>
        ) : null}
        {entries.items.length > 0 ? (
          <ol className="audit-list" aria-label="Audit entries">
            {entries.items.map((entry) => (
              <AuditEntryItem key={entry.id} entry={entry} onFilter={(change) => apply({ ...NO_FILTERS, ...change })} />
            ))}
          </ol>
        ) : null}
        {entries.loading && entries.items.length === 0 ? <p className="loading">Loading…</p> : null}
        <Pager paged={entries} label="the audit log" />
      </div>
    </section>
  );
}

/** "project web" for `project:<id>` when the entry holds that record, else the target as stored. */
function targetLabel(entry: AuditEntry): string | null {
  if (entry.target === null) return null;
  const colon = entry.target.indexOf(':');
  const kind = colon < 0 ? entry.target : entry.target.slice(0, colon);
  const key = colon < 0 ? '' : entry.target.slice(colon + 1);
  // A sign-in or a token names the actor's own user record, which the entry does not carry.
  if (kind === 'user' && key === entry.actor.id && entry.actor.name !== null) return `user ${entry.actor.name}`;
  const effect = entry.effects.find((e) => e.kind === kind && e.key === key);
  const name =
    (effect === undefined ? null : (recordName(effect.after) ?? recordName(effect.before))) ?? entry.targetName ?? null;
  return name === null ? entry.target : `${kind} ${name}`;
}

function AuditEntryItem({ entry, onFilter }: { entry: AuditEntry; onFilter: (filters: Partial<Filters>) => void }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const actor = entry.actor.name ?? (entry.actor.id === null ? 'the system' : entry.actor.id);
  const target = targetLabel(entry);
  const when = new Date(entry.at);
  const count = entry.effects.length + entry.omitted;

  return (
    <li className="audit-entry" aria-label={`${entry.action} by ${actor}`}>
      <div className="audit-summary">
        <time dateTime={entry.at}>{Number.isNaN(when.getTime()) ? entry.at : when.toLocaleString()}</time>
        <span className="audit-actor">{actor}</span>
        <code className="audit-action">{entry.action}</code>
        {target === null ? null : <span className="audit-target">{target}</span>}
        <button
          type="button"
          className="audit-toggle"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Hide changes' : count === 0 ? 'Show details' : `Show changes (${count})`}
        </button>
      </div>
      {open ? (
        <div id={detailsId} className="audit-details">
          <AuditEntryChanges effects={entry.effects} omitted={entry.omitted} />
          <p className="hint">
            Entry {entry.id}
            {entry.revision === null ? ', outside the access model' : `, revision ${entry.revision}`}
            {entry.target === null ? '' : `, target ${entry.target}`}.
          </p>
          <div className="actions">
            {entry.actor.id === null ? null : (
              <button type="button" onClick={() => onFilter({ actor: entry.actor.id ?? '' })}>
                Only entries by {actor}
              </button>
            )}
            {entry.target === null ? null : (
              <button type="button" onClick={() => onFilter({ target: entry.target ?? '' })}>
                Only entries about {target}
              </button>
            )}
            <button type="button" onClick={() => onFilter({ action: entry.action })}>
              Only {entry.action} entries
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}
