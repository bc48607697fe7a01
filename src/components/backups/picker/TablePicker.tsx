'use client';
/**
 * The backup's tables as tick boxes, by their names in words ("Exam result") with the backup's
 * row count of each, sorted by name, and a line naming what is ticked (the list scrolls). A table
 * without a primary key cannot be restored alone (its rows cannot be matched one to one), so its
 * box is disabled and says so.
 */
import type { ChoosableTable } from '@/lib/backup/preview/restore-choices';
import { rows, tableLabel } from '../preview/words';
import { withTable } from './scope-choice';

export interface TablePickerProps {
  tables: readonly ChoosableTable[];
  ticked: readonly string[];
  onChange(next: string[]): void;
}

export function TablePicker({ tables, ticked, onChange }: TablePickerProps) {
  const sorted = [...tables].sort((a, b) => tableLabel(a.table).localeCompare(tableLabel(b.table)));
  return (
    <fieldset className="picker" data-testid="table-picker">
      <legend>Tables to restore</legend>
      <p className="small picker-ticked" data-testid="picker-ticked">
        {ticked.length === 0 ? 'Nothing ticked yet.' : `Ticked: ${ticked.map(tableLabel).join(', ')}.`}
      </p>
      <div className="picker-list">
        {sorted.map((t) => {
          const id = `pick-${t.table}`;
          return (
            <label key={t.table} className="picker-item" data-table={t.table}>
              <input
                type="checkbox"
                aria-label={tableLabel(t.table)}
                aria-describedby={id}
                checked={ticked.includes(t.table)}
                disabled={!t.hasPrimaryKey}
                onChange={(e) => onChange(withTable(ticked, t.table, e.target.checked))}
              />
              <span>{tableLabel(t.table)}</span>
              <span id={id} className="muted small">
                {rows(t.rows)} in the backup{t.hasPrimaryKey ? '' : ' · no key: only a whole restore brings it back'}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
