'use client';
/**
 * What a restore brings back, chosen in the restore dialog: everything (the default), only
 * chosen tables replaced, or only the rows deleted from chosen tables since the backup (and,
 * if asked, rows that were changed set back). For a partial restore the admin ticks tables from
 * the backup's own list (picker/TablePicker.tsx, with the backup's row counts) and sees, before
 * confirming, which other tables are linked to the ticked ones by keys (picker/LinkedTables.tsx).
 * The choice itself is picker/scope-choice.ts.
 */
import { LinkedTables } from './picker/LinkedTables';
import { withTable, type RestoreScopeChoice } from './picker/scope-choice';
import { TablePicker } from './picker/TablePicker';
import { useRestoreChoices } from './picker/useRestoreChoices';

const OPTIONS: { kind: RestoreScopeChoice['kind']; label: string }[] = [
  { kind: 'all', label: 'Everything' },
  { kind: 'missing', label: 'Restore deleted rows only' },
  { kind: 'replace', label: 'Replace chosen tables only' },
];

export interface RestoreScopeProps {
  backupId: string;
  choice: RestoreScopeChoice;
  onChange(next: RestoreScopeChoice): void;
  disabled: boolean;
}

export function RestoreScope({ backupId, choice, onChange, disabled }: RestoreScopeProps) {
  const choices = useRestoreChoices(backupId, choice.kind !== 'all');
  const setTables = (tables: string[]) => onChange({ ...choice, tables });
  return (
    <fieldset className="stack" disabled={disabled}>
      <legend>What to restore</legend>
      {OPTIONS.map((o) => (
        <label key={o.kind}>
          <input type="radio" name="restore-scope" value={o.kind} checked={choice.kind === o.kind} onChange={() => onChange({ ...choice, kind: o.kind })} /> {o.label}
        </label>
      ))}
      {choice.kind !== 'all' && choices.status === 'loading' && (
        <p className="muted small" role="status">
          Reading the backup’s tables…
        </p>
      )}
      {choice.kind !== 'all' && choices.status === 'failed' && <p className="alert alert-error">The backup’s tables could not be read: {choices.message}</p>}
      {choice.kind !== 'all' && choices.status === 'ready' && (
        <>
          <TablePicker tables={choices.choices.tables} ticked={choice.tables} onChange={setTables} />
          <LinkedTables
            links={choices.choices.links}
            ticked={choice.tables}
            advice={{
              kind: choice.kind,
              canAdd: (table) => choices.choices.tables.some((t) => t.table === table && t.hasPrimaryKey),
              onAdd: (table) => setTables(withTable(choice.tables, table, true)),
            }}
          />
        </>
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
