import { type RecordChange, recordChange, recordName } from './diff';

/** One record a write changed, as the audit log keeps it. */
export interface AuditEffect {
  readonly kind: string;
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

const CHANGE_WORDS: Readonly<Record<RecordChange['change'], string>> = {
  created: 'created',
  deleted: 'deleted',
  changed: 'changed',
};

/** Each record a write changed: created and deleted records with their fields, changed ones as "field: old → new". */
export function AuditEntryChanges({ effects, omitted }: { effects: readonly AuditEffect[]; omitted: number }) {
  if (effects.length === 0 && omitted === 0)
    return <p className="empty">This entry changed no record (a sign-in, a token or a password).</p>;
  return (
    <ul className="audit-effects">
      {effects.map((effect, index) => {
        const change = recordChange(effect.before, effect.after);
        const name = recordName(effect.after) ?? recordName(effect.before);
        return (
          <li key={`${effect.kind}:${effect.key}:${index}`} className={`audit-effect audit-${change.change}`}>
            <p className="audit-effect-title">
              <strong>
                {effect.kind} {name ?? ''}
              </strong>{' '}
              {CHANGE_WORDS[change.change]} <code className="hint">{effect.key}</code>
            </p>
            {change.fields.length === 0 ? (
              <p className="empty">No field changed.</p>
            ) : (
              <ul className="audit-fields">
                {change.fields.map((field) => (
                  <li key={field.field}>
                    <span className="audit-field">{field.field}:</span>{' '}
                    {field.list === undefined ? (
                      <FieldValues before={field.before} after={field.after} change={change.change} />
                    ) : (
                      <ListValues added={field.list.added} removed={field.list.removed} />
                    )}
                  </li>
                ))}
              </ul>
            )}
            {change.unchanged > 0 ? (
              <p className="hint">
                {change.unchanged} other {change.unchanged === 1 ? 'field' : 'fields'} unchanged.
              </p>
            ) : null}
          </li>
        );
      })}
      {omitted > 0 ? (
        <li className="hint">
          {omitted} more {omitted === 1 ? 'record' : 'records'} changed by this write {omitted === 1 ? 'is' : 'are'} not
          kept in the log.
        </li>
      ) : null}
    </ul>
  );
}

function FieldValues({
  before,
  after,
  change,
}: {
  before: string | null;
  after: string | null;
  change: RecordChange['change'];
}) {
  if (change === 'created') return <ins>{after}</ins>;
  if (change === 'deleted') return <del>{before}</del>;
  return (
    <>
      {before === null ? <span className="hint">(absent)</span> : <del>{before}</del>} →{' '}
      {after === null ? <span className="hint">(absent)</span> : <ins>{after}</ins>}
    </>
  );
}

/** A list changed in place: only its additions and removals, not the whole list twice. */
function ListValues({ added, removed }: { added: readonly string[]; removed: readonly string[] }) {
  if (added.length === 0 && removed.length === 0) return <span className="hint">the same items, reordered</span>;
  return (
    <span className="audit-list-change">
      {added.length === 0 ? null : (
        <span>
          added{' '}
          {added.map((item, index) => (
            <span key={item}>
              {index > 0 ? ', ' : ''}
              <ins>{item}</ins>
            </span>
          ))}
        </span>
      )}
      {added.length > 0 && removed.length > 0 ? '; ' : null}
      {removed.length === 0 ? null : (
        <span>
          removed{' '}
          {removed.map((item, index) => (
            <span key={item}>
              {index > 0 ? ', ' : ''}
              <del>{item}</del>
            </span>
          ))}
        </span>
      )}
    </span>
  );
}
