'use client';
/**
 * The outcome of the last action, in plain words: errors as role="alert" (the action's
 * error.message as is), successes as role="status". Dismissable.
 */
export interface NoticeValue {
  tone: 'success' | 'error' | 'info';
  text: string;
}

export function Notice({ value, onDismiss }: { value: NoticeValue | null; onDismiss(): void }) {
  if (!value) return null;
  return (
    <div role={value.tone === 'error' ? 'alert' : 'status'} className={`alert alert-${value.tone} row`} data-testid="notice">
      <span className="spacer">{value.text}</span>
      <button type="button" className="btn btn-sm" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
