import type { ReactNode } from 'react';

/** An inline confirmation before an admin action: the question, the action's button and Cancel. */
export function ConfirmDialog({
  titleId,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  titleId: string;
  /** The question, naming what the action will do. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="confirm" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <p id={titleId}>{children}</p>
      <div className="confirm-actions">
        <button type="button" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
