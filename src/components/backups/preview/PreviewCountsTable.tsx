'use client';
/**
 * The preview's table of counts: one row per table, biggest difference first, with the
 * sentence a school admin reads ("Grade — 12 rows would come back") and a button that shows
 * the table's sample rows. Tables without differences are listed after, collapsed into one line.
 * With `ticking` (compared with now, restorable), each table with differences has a tick box
 * that chooses it for "Restore deleted rows…" / "Replace chosen tables…".
 */
import type { TablePreview } from '@/lib/backup/preview/report';
import { formatCount } from '../format';
import { describeCounts, kindWords, tableLabel } from './words';

export interface PreviewCountsTableProps {
  tables: TablePreview[];
  live: boolean;
  selected: string | null;
  onSelect(table: string | null): void;
  ticking?: { ticked: readonly string[]; onTick(table: string, ticked: boolean): void };
}

const differs = (t: TablePreview) => t.missing + t.added + t.changed > 0;

export function PreviewCountsTable({ tables, live, selected, onSelect, ticking }: PreviewCountsTableProps) {
  const words = kindWords(live);
  const changed = tables.filter(differs);
  const same = tables.filter((t) => !differs(t));
  return (
    <div className="table-wrap">
      <table className="table" data-testid="preview-counts">
        <caption className="sr-only">Differences per table, biggest first</caption>
        <thead>
          <tr>
            {ticking && <th scope="col">Restore</th>}
            <th scope="col">What</th>
            <th scope="col" className="num">Rows that {words.missing}</th>
            <th scope="col" className="num">Rows that {words.added}</th>
            <th scope="col" className="num">Rows that {words.changed}</th>
            <th scope="col" className="num">Unchanged</th>
            <th scope="col">Rows</th>
          </tr>
        </thead>
        <tbody>
          {changed.map((t) => (
            <tr key={t.table} data-table={t.table}>
              {ticking && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Choose ${tableLabel(t.table)}`}
                    title={t.key === null ? 'This table has no key, so only a whole restore brings it back' : undefined}
                    disabled={t.key === null}
                    checked={ticking.ticked.includes(t.table)}
                    onChange={(e) => ticking.onTick(t.table, e.target.checked)}
                  />
                </td>
              )}
              <th scope="row">
                <span className="nowrap">{tableLabel(t.table)}</span>
                <span className="muted small"> — {describeCounts(t, live)}</span>
              </th>
              <td className="num">{formatCount(t.missing)}</td>
              <td className="num">{formatCount(t.added)}</td>
              <td className="num">{formatCount(t.changed)}</td>
              <td className="num">{formatCount(t.unchanged)}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-sm"
                  aria-expanded={selected === t.table}
                  aria-label={`Show rows of ${tableLabel(t.table)}`}
                  onClick={() => onSelect(selected === t.table ? null : t.table)}
                >
                  {selected === t.table ? 'Hide rows' : 'Show rows'}
                </button>
              </td>
            </tr>
          ))}
          {same.length > 0 && (
            <tr data-testid="preview-unchanged">
              <td colSpan={ticking ? 7 : 6} className="muted">
                No differences in {same.length} other {same.length === 1 ? 'table' : 'tables'}: {same.map((t) => tableLabel(t.table)).join(', ')}.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
