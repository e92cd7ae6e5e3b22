import { useEffect, useRef, useState } from 'react';

interface ConfirmButtonProps {
  /** What the button does: "Delete", "Remove member". */
  readonly children: string;
  /** The question asked before doing it: "Delete organization acme?" */
  readonly confirm: string;
  readonly onConfirm: () => void | Promise<void>;
  readonly disabled?: boolean;
}

/** A destructive action in two steps: the button, then "Yes" / "No" in place (keyboard focus follows). */
export function ConfirmButton({ children, confirm, onConfirm, disabled = false }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) yes.current?.focus();
    else if (wasAsking.current) first.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" className="danger" ref={first} disabled={disabled} onClick={() => setAsking(true)}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={confirm}>
      <span>{confirm}</span>
      <button
        type="button"
        className="danger"
        ref={yes}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        Yes, {children.toLowerCase()}
      </button>
      <button type="button" onClick={() => setAsking(false)} onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}>
        No
      </button>
    </span>
  );
}
