/**
 * SQL fragments a selective restore builds from catalog names only (quoted again here): rows
 * matched by primary key, a parent present for a foreign key, values compared as text (in the
 * pinned session, so text equality is exact for every type, json and floats included), and a
 * bounded sample of rows named by their key columns.
 */
import { quoteIdentifier } from '../../../db/identifiers';

/** Rows named in a refusal or a report, at most this many per table. */
export const SAMPLE_ROWS = 5;

export type RowSample = Record<string, string | null>;

const col = (alias: string, column: string) => `${alias}.${quoteIdentifier(column)}`;

/** `a.k1 = b.k1 AND …` for columns named `left[i]` in `a` and `right[i]` in `b`. */
export function columnsMatch(a: string, left: readonly string[], b: string, right: readonly string[] = left): string {
  return left.map((c, i) => `${col(a, c)} = ${col(b, right[i]!)}`).join(' AND ');
}

/**
 * True when the row `alias` needs no parent through this key (a NULL in its columns: MATCH
 * SIMPLE) or the parent exists in `parentSql`.
 */
export function parentPresent(alias: string, childColumns: readonly string[], parentSql: string, parentColumns: readonly string[]): string {
  const anyNull = childColumns.map((c) => `${col(alias, c)} IS NULL`).join(' OR ');
  return `(${anyNull} OR EXISTS (SELECT 1 FROM ${parentSql} p WHERE ${columnsMatch('p', parentColumns, alias, childColumns)}))`;
}

/**
 * The negation of `parentPresent`, written so the planner can make it an anti-join (hash or
 * merge) rather than a per-row subplan: every column of the key set (NOT NULL, MATCH SIMPLE)
 * and no parent in `parentSql`.
 */
export function parentMissing(alias: string, childColumns: readonly string[], parentSql: string, parentColumns: readonly string[]): string {
  const allSet = childColumns.map((c) => `${col(alias, c)} IS NOT NULL`).join(' AND ');
  return `${allSet} AND NOT EXISTS (SELECT 1 FROM ${parentSql} p WHERE ${columnsMatch('p', parentColumns, alias, childColumns)})`;
}

/** `(a.c1::text, …) IS DISTINCT FROM (b.c1::text, …)`. */
export function valuesDiffer(a: string, b: string, columns: readonly string[]): string {
  const row = (alias: string) => `ROW(${columns.map((c) => `${col(alias, c)}::text`).join(', ')})`;
  return `${row(a)} IS DISTINCT FROM ${row(b)}`;
}

/** `a.c1::text AS "c1", …`: a row named by these columns, as text. */
export function sampleColumns(alias: string, columns: readonly string[]): string {
  return columns.map((c) => `${col(alias, c)}::text AS ${quoteIdentifier(c)}`).join(', ');
}

export function describeSample(rows: readonly RowSample[]): string {
  return rows.map((r) => Object.entries(r).map(([k, v]) => `${k}=${v ?? 'NULL'}`).join(' ')).join('; ');
}
