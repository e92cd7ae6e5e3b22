import { useCallback, useState } from 'react';

export interface Action<A extends unknown[]> {
  readonly busy: boolean;
  readonly error: unknown;
  /** What the last success said, for a status line ("Created organization acme."). */
  readonly done: string | null;
  run(...args: A): Promise<boolean>;
  reset(): void;
}

/**
 * A form's submit: runs `perform`, keeps its error to show in place and its success message;
 * answers whether it succeeded. `perform` returns the success message.
 */
export function useAction<A extends unknown[]>(perform: (...args: A) => Promise<string>): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        setDone(await perform(...args));
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [perform],
  );
  const reset = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);
  return { busy, error, done, run, reset };
}
