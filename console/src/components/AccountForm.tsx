import { type FormEvent, type Ref, useState } from 'react';
import { ErrorMessage } from './ErrorMessage';
import { FormField, fieldErrorOf } from './FormField';

/**
 * The busy flag, the error and the submit handler of a form of the signed-out pages (sign-up,
 * password reset, accepting an invitation): `action` runs once per submit, its error is shown.
 */
export function useAccountSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit, fieldError: fieldErrorOf(error) };
}

interface InputFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | undefined;
  readonly inputRef?: Ref<HTMLInputElement>;
}

/** The username of a sign-in or of a new account. */
export function UsernameField({ value, onChange, error, inputRef }: InputFieldProps) {
  return (
    <FormField label="Username" error={error}>
      <input
        ref={inputRef}
        name="username"
        autoComplete="username"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        maxLength={200}
      />
    </FormField>
  );
}

interface PasswordFieldProps extends InputFieldProps {
  /** `new-password` (with the length hint) for a password being chosen, else the current one. */
  readonly chosen?: boolean;
  readonly label?: string;
  readonly minLength?: number;
}

/** A password: the current one at sign-in, or a new one being chosen. */
export function PasswordField({
  value,
  onChange,
  error,
  chosen = false,
  label = 'Password',
  minLength,
}: PasswordFieldProps) {
  return (
    <FormField label={label} {...(chosen ? { hint: 'At least 8 characters.' } : {})} error={error}>
      <input
        name="password"
        type="password"
        autoComplete={chosen ? 'new-password' : 'current-password'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        {...(minLength === undefined ? {} : { minLength })}
        maxLength={1024}
      />
    </FormField>
  );
}

interface SubmitRowProps {
  readonly error: unknown;
  readonly busy: boolean;
  readonly disabled?: boolean;
  readonly label: string;
  readonly busyLabel: string;
}

/** The form's error, then its primary button, disabled while the request is under way. */
export function SubmitRow({ error, busy, disabled = false, label, busyLabel }: SubmitRowProps) {
  return (
    <>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={busy || disabled}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}
