'use client';
/**
 * The "type the backup's date and time" field of a destructive step (restore; deleting the last
 * good backup): the label, the phrase to type shown as a hint, and the input. Its ids are
 * `<idPrefix>-confirm-name` and `<idPrefix>-confirm-hint`; whether the typed text matches is the
 * caller's (and the server's) decision.
 */
export interface ConfirmPhraseFieldProps {
  idPrefix: string;
  /** The text to type: confirmationPhrase() of the backup. */
  phrase: string;
  value: string;
  onChange(value: string): void;
}

export function ConfirmPhraseField({ idPrefix, phrase, value, onChange }: ConfirmPhraseFieldProps) {
  const inputId = `${idPrefix}-confirm-name`;
  const hintId = `${idPrefix}-confirm-hint`;
  return (
    <div className="field">
      <label htmlFor={inputId}>Type the backup’s date and time to confirm</label>
      <span className="hint" id={hintId}>
        <code>{phrase}</code>
      </span>
      <input
        id={inputId}
        className="input mono"
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        placeholder={phrase}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoFocus
      />
    </div>
  );
}
