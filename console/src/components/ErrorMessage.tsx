import { useNamed } from '../access';
import { ApiError } from '../api';
import { fieldMessage, sentence } from '../words';

/** `roles[0].name` → "roles 1 name"; `(root)` → "the request". */
function fieldLabel(path: string): string {
  if (path === '(root)' || path === '') return 'The request';
  return path.replace(/\[(\d+)\]/g, (_, index: string) => ` ${Number(index) + 1}`).replaceAll('.', ' ');
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  forbidden: 'You do not have the permission for this.',
  network: 'The server could not be reached.',
  validation: 'Some of what was entered was refused.',
};

/**
 * A failure, in words: the problem's detail and each refused field. Never the raw answer.
 * Renders nothing without an error, so a page can always place it where the error belongs.
 */
export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  // Ids in a server's words become the names the user knows.
  const named = useNamed();
  if (error === null || error === undefined) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div className="error" role="alert" id={id}>
        <p>{error instanceof Error ? sentence(error.message) : 'Something went wrong.'}</p>
      </div>
    );
  }
  if (error.slug === 'precondition-failed') {
    return (
      <div className="error" role="alert" id={id} data-problem={error.slug}>
        <p>
          This was changed by someone else since you opened it, so your change was not saved. Reload the page to see the
          current version, then make your change again.
        </p>
      </div>
    );
  }
  const lead = STATUS_WORDS[error.slug];
  return (
    <div className="error" role="alert" id={id} data-problem={error.slug}>
      {lead !== undefined && error.fieldErrors.length > 0 ? <p className="error-title">{lead}</p> : null}
      {error.fieldErrors.length === 0 ? <p>{sentence(named(error.detail))}</p> : null}
      {error.fieldErrors.length > 0 ? (
        <ul>
          {error.fieldErrors.map((field) => (
            <li key={`${field.in}:${field.path}`}>
              <strong>{fieldLabel(field.path)}</strong> {fieldMessage(field.message)}
            </li>
          ))}
        </ul>
      ) : null}
      {error.retryAfter !== null && error.slug !== 'too-many-requests' ? (
        <p>Try again in {error.retryAfter} seconds.</p>
      ) : null}
    </div>
  );
}
