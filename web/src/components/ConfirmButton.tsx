import { useState, type ReactNode } from 'react';
import { toApiError, type ApiError } from '../api';

/**
 * A destructive action in two steps: the button asks "<question>?" with a confirm and a cancel
 * button; the action's problem shows in place of the question.
 */
export function ConfirmButton({
  label,
  hiddenLabel,
  question,
  busyLabel,
  onConfirm,
  onDone,
  testId,
}: {
  label: string;
  /** Read by screen readers after the label: which item the button acts on. */
  hiddenLabel?: string;
  question: ReactNode;
  busyLabel: string;
  onConfirm: () => Promise<unknown>;
  onDone: () => void;
  testId?: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();

  if (!confirming) {
    return (
      <button type="button" className="btn btn-danger-ghost btn-small" onClick={() => setConfirming(true)} data-testid={testId}>
        {label}
        {hiddenLabel ? <span className="visually-hidden"> {hiddenLabel}</span> : null}
      </button>
    );
  }
  return (
    <span className="confirm">
      {error ? <span className="field-error">{error.detail}</span> : <span>{question}</span>}
      <button
        type="button"
        className="btn btn-danger btn-small"
        disabled={busy}
        data-testid={testId ? `${testId}-confirm` : undefined}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          onConfirm()
            .then(onDone)
            .catch((err: unknown) => {
              setError(toApiError(err));
              setBusy(false);
            });
        }}
      >
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)} disabled={busy}>
        Cancel
      </button>
    </span>
  );
}
