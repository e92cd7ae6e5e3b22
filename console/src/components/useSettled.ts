import { useEffect, useState } from 'react';

/** How long typing must pause before a search follows it. */
export const SEARCH_DELAY_MS = 250;

/** A value that follows `value` once typing pauses, so a search is not sent per keystroke. */
export function useSettled<T>(value: T, delay: number = SEARCH_DELAY_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
