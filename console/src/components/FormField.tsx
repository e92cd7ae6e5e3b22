import { type ReactElement, type ReactNode, cloneElement, useId } from 'react';
import { ApiError } from '../api';

interface FormFieldProps {
  readonly label: ReactNode;
  /** The input, select or textarea; it gets the id, the hint and the error wired to it. */
  readonly children: ReactElement<{ id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }>;
  readonly hint?: ReactNode;
  /** The server's or the form's message for this field. */
  readonly error?: string | undefined;
}

/** A labelled control with its hint and error, linked for screen readers. */
export function FormField({ label, children, hint, error }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint === undefined ? null : hintId, error === undefined ? null : errorId]
    .filter((x) => x !== null)
    .join(' ');
  return (
    <div className={error === undefined ? 'field' : 'field field-invalid'}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }),
        ...(error === undefined ? {} : { 'aria-invalid': true }),
      })}
      {hint === undefined ? null : (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error === undefined ? null : (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The message the server gave for each field of a refused form (`error` from the form's action), by path. */
export function fieldErrorOf(error: unknown): (path: string) => string | undefined {
  return (path) => (error instanceof ApiError ? error.fieldError(path) : undefined);
}
