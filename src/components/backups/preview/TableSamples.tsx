'use client';
/**
 * The drill-down for one table: a bounded sample of the rows that would come back, disappear
 * or change, values as text (secret columns hidden by the core), with how many are not shown.
 */
import type { ReactNode } from 'react';
import type { ChangedRow, SampleRow, SampleValue, TablePreview } from '@/lib/backup/preview/report';
import { formatCount } from '../format';
import { describeTable, kindSentence, tableLabel } from './words';

const show = (value: SampleValue) => (value === null ? <span className="muted" title="no value">—</span> : value);

/** One kind of sample: its heading with how many are shown, and its table. */
function SampleSection({ title, shown, total, testId, children }: { title: string; shown: number; total: number; testId: string; children: ReactNode }) {
  return (
    <section className="stack" data-testid={testId}>
      <h3 className="m0">
        {title} <span className="muted small">(showing {formatCount(shown)} of {formatCount(total)})</span>
      </h3>
      <div className="table-wrap">
        <table className="table">{children}</table>
      </div>
    </section>
  );
}

const headerCells = (columns: string[]) =>
  columns.map((c) => (
    <th key={c} scope="col">
      {c}
    </th>
  ));

function RowsTable({ title, total, sample, testId }: { title: string; total: number; sample: SampleRow[]; testId: string }) {
  if (total === 0) return null;
  const columns = sample.length > 0 ? [...Object.keys(sample[0]!.key), ...Object.keys(sample[0]!.values)] : [];
  return (
    <SampleSection title={title} shown={sample.length} total={total} testId={testId}>
      <thead>
        <tr>{headerCells(columns)}</tr>
      </thead>
      <tbody>
        {sample.map((row, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c}>{show(c in row.key ? row.key[c]! : (row.values[c] ?? null))}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </SampleSection>
  );
}

function ChangesTable({ title, total, sample, live }: { title: string; total: number; sample: ChangedRow[]; live: boolean }) {
  if (total === 0) return null;
  const keyColumns = sample.length > 0 ? Object.keys(sample[0]!.key) : [];
  return (
    <SampleSection title={title} shown={sample.length} total={total} testId="preview-changed">
      <thead>
        <tr>
          {headerCells(keyColumns)}
          <th scope="col">{live ? 'Now → after the restore' : 'Earlier backup → later backup'}</th>
        </tr>
      </thead>
      <tbody>
        {sample.map((row, i) => (
          <tr key={i}>
            {keyColumns.map((c) => (
              <td key={c}>{show(row.key[c] ?? null)}</td>
            ))}
            <td>
              {row.changes.map((change) => (
                <div key={change.column}>
                  <strong>{change.column}</strong>: {show(live ? change.after : change.before)} → {show(live ? change.before : change.after)}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </SampleSection>
  );
}

export function TableSamples({ table, live, sampleLimit }: { table: TablePreview; live: boolean; sampleLimit: number }) {
  return (
    <div className="card stack" data-testid="preview-samples" data-table={table.table}>
      <h2 className="m0">{tableLabel(table.table)}</h2>
      <p className="m0">{describeTable(table.table, table, live)}.</p>
      {table.key === null && (
        <p className="muted small m0">This table has no key, so rows are compared whole: a changed row shows as one that comes back and one that disappears.</p>
      )}
      {table.note && <p className="muted small m0">{table.note}</p>}
      {table.maskedColumns.length > 0 && <p className="muted small m0">Hidden for safety: {table.maskedColumns.join(', ')}.</p>}
      <RowsTable title={kindSentence('missing', table.missing, live)} total={table.missing} sample={table.samples.missing} testId="preview-missing" />
      <RowsTable title={kindSentence('added', table.added, live)} total={table.added} sample={table.samples.added} testId="preview-added" />
      <ChangesTable title={kindSentence('changed', table.changed, live)} total={table.changed} sample={table.samples.changed} live={live} />
      <p className="muted small m0">At most {formatCount(sampleLimit)} rows of each kind are shown.</p>
    </div>
  );
}
