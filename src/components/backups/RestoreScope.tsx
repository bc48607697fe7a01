'use client';
/**
 * What a restore brings back, chosen in the restore dialog: everything (the default), only
 * chosen tables replaced, or only the rows deleted from chosen tables since the backup (and,
 * if asked, rows that were changed set back). Tables are named as the school's data knows
 * them (e.g. ExamResult, Payment), comma-separated. Yields the selection the restore action
 * takes, or undefined for a whole restore.
 */
import type { RestoreSelection } from '@/lib/backup/restore/selective/selection';

export type RestoreScopeChoice = { kind: 'all' | 'replace' | 'missing'; tables: string; revertChanged: boolean };

export const WHOLE_RESTORE: RestoreScopeChoice = { kind: 'all', tables: '', revertChanged: false };

export function selectionOf(choice: RestoreScopeChoice): RestoreSelection | undefined {
  if (choice.kind === 'all') return undefined;
  const tables = choice.tables.split(',').map((t) => t.trim()).filter((t) => t !== '');
  return { tables, mode: choice.kind, revertChanged: choice.kind === 'missing' && choice.revertChanged };
}

/** Whether the choice can be submitted (a partial restore names at least one table). */
export function isComplete(choice: RestoreScopeChoice): boolean {
  return choice.kind === 'all' || (selectionOf(choice)?.tables.length ?? 0) > 0;
}

const OPTIONS: { kind: RestoreScopeChoice['kind']; label: string }[] = [
  { kind: 'all', label: 'Everything' },
  { kind: 'missing', label: 'Restore deleted rows only' },
  { kind: 'replace', label: 'Replace chosen tables only' },
];

export function RestoreScope({ choice, onChange, disabled }: { choice: RestoreScopeChoice; onChange(next: RestoreScopeChoice): void; disabled: boolean }) {
  return (
    <fieldset className="stack" disabled={disabled}>
      <legend>What to restore</legend>
      {OPTIONS.map((o) => (
        <label key={o.kind}>
          <input type="radio" name="restore-scope" value={o.kind} checked={choice.kind === o.kind} onChange={() => onChange({ ...choice, kind: o.kind })} /> {o.label}
        </label>
      ))}
      {choice.kind !== 'all' && (
        <div className="field">
          <label htmlFor="restore-tables">Tables (comma-separated, e.g. ExamResult, Payment)</label>
          <input id="restore-tables" className="input mono" autoComplete="off" spellCheck={false} value={choice.tables} onChange={(e) => onChange({ ...choice, tables: e.target.value })} />
        </div>
      )}
      {choice.kind === 'missing' && (
        <label>
          <input type="checkbox" checked={choice.revertChanged} onChange={(e) => onChange({ ...choice, revertChanged: e.target.checked })} /> Also set rows that were changed back to the backup
        </label>
      )}
    </fieldset>
  );
}

/** One sentence for the admin about what a partial restore did. */
export function describeOutcome(outcome: { inserted: number; updated: number; deleted: number; withoutParent: number }): string {
  const parts = [`${outcome.inserted} row(s) came back`, `${outcome.updated} were set back`, `${outcome.deleted} were removed`];
  const left = outcome.withoutParent > 0 ? ` ${outcome.withoutParent} could not come back because what they belong to is gone.` : '';
  return `${parts.join(', ')}.${left}`;
}
