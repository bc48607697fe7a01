/**
 * What a preview reports: per table, how the rows of a backup ("before") compare with the
 * current rows ("after": the live database, or a later backup), counted and with a bounded,
 * masked sample; and the order the tables are shown in (biggest difference first).
 *
 * - `missing`: in the backup, not now — a restore would bring them back;
 * - `added`: now, not in the backup — a restore would remove them;
 * - `changed`: same primary key, some value differs — a restore would change them back;
 * - `unchanged`: identical.
 * A table without a primary key is compared by whole rows (`key` is null): a changed row
 * counts as one missing and one added.
 */
import type { Manifest } from '../format/manifest';

/** A value as PostgreSQL's text output (`null` for SQL NULL), cut short and masked if secret. */
export type SampleValue = string | null;

export interface SampleRow {
  /** The primary key (or, for a table without one, the whole row). */
  key: Record<string, SampleValue>;
  /** The other columns' values. */
  values: Record<string, SampleValue>;
}

export interface ChangedColumn {
  column: string;
  before: SampleValue;
  after: SampleValue;
}

export interface ChangedRow {
  key: Record<string, SampleValue>;
  changes: ChangedColumn[];
}

export interface TablePreview {
  table: string;
  /** Primary key columns, or null when compared by whole rows. */
  key: string[] | null;
  backupRows: number;
  currentRows: number;
  missing: number;
  added: number;
  changed: number;
  unchanged: number;
  /** Columns whose values are masked in the samples. */
  maskedColumns: string[];
  samples: { missing: SampleRow[]; added: SampleRow[]; changed: ChangedRow[] };
  /** Set when the table exists on one side only, or its columns differ. */
  note?: string;
}

export interface PreviewSide {
  kind: 'backup' | 'live';
  /** The snapshot time: the backup's `createdAt`, or when the live snapshot was read. */
  takenAt: string;
  label?: string;
}

export interface PreviewReport {
  before: PreviewSide;
  after: PreviewSide;
  tables: TablePreview[];
  totals: { missing: number; added: number; changed: number; unchanged: number };
  sampleLimit: number;
  durationMs: number;
}

/** A backup as one side of a report: when it was taken, and its label if it has one. */
export function backupSide(manifest: Manifest): PreviewSide {
  return { kind: 'backup', takenAt: manifest.createdAt, ...(manifest.label ? { label: manifest.label } : {}) };
}

export const DEFAULT_SAMPLE_LIMIT = 20;
export const MAX_SAMPLE_LIMIT = 200;

export function differences(table: TablePreview): number {
  return table.missing + table.added + table.changed;
}

/** Biggest difference first; ties by name, so the order is stable. */
export function rankTables(tables: readonly TablePreview[]): TablePreview[] {
  return [...tables].sort((a, b) => differences(b) - differences(a) || a.table.localeCompare(b.table));
}

export function totalsOf(tables: readonly TablePreview[]): PreviewReport['totals'] {
  const sum = (pick: (t: TablePreview) => number) => tables.reduce((n, t) => n + pick(t), 0);
  return { missing: sum((t) => t.missing), added: sum((t) => t.added), changed: sum((t) => t.changed), unchanged: sum((t) => t.unchanged) };
}
