/**
 * Compares one table's rows in two relations on the same connection, in SQL, so memory stays
 * flat: `before` (the backup's rows, loaded into a temporary table) and `after` (the live table,
 * or another backup's temporary table), over the same column names.
 *
 * With a primary key: one FULL JOIN on the key counts missing / added / changed / unchanged;
 * values are compared as PostgreSQL's text output (`col::text IS DISTINCT FROM col::text`), so
 * every type compares — json, xml and point included — exactly as the restore would write it;
 * columns whose typed `=` is known to agree with that (`exactColumns`) compare typed, faster.
 * Without one: rows are grouped by their whole text (`ROW(…)::text`) and the multisets compared
 * (a changed row is one missing and one added). Samples (at most `limit` rows per kind, in key
 * order) are read only for kinds that occur, so an unchanged table costs one pass.
 */
import type pg from 'pg';
import { quoteIdentifier } from '../../db/identifiers';
import { displayValue, isSecretColumn } from './masking';
import type { ChangedRow, SampleRow, SampleValue, TablePreview } from './report';

export interface TableComparison {
  table: string;
  /** Quoted relation names on the connection. */
  before: string;
  after: string;
  columns: readonly string[];
  /** Columns whose typed `=` is exact (see exact-equality.ts); the others compare as text. */
  exactColumns?: ReadonlySet<string>;
  key: readonly string[] | null;
  backupRows: number;
  limit: number;
  note?: string;
}

interface Counts {
  missing: string;
  added: string;
  changed: string;
  unchanged: string;
}

const ROW_TEXT = '?row';
const ROW_COUNT = '?n';

const text = (alias: string, column: string) => `${alias}.${quoteIdentifier(column)}::text`;
const rowText = (alias: string, columns: readonly string[]) =>
  columns.length === 0 ? `''` : `ROW(${columns.map((c) => text(alias, c)).join(', ')})::text`;

export async function compareTable(client: pg.ClientBase, spec: TableComparison): Promise<TablePreview> {
  const counts = spec.key ? await keyedCounts(client, spec, spec.key) : await wholeRowCounts(client, spec);
  const missing = Number(counts.missing);
  const added = Number(counts.added);
  const changed = Number(counts.changed);
  const unchanged = Number(counts.unchanged);
  const sample = (n: number, read: () => Promise<SampleRow[]>) => (n > 0 && spec.limit > 0 ? read() : Promise.resolve([]));
  return {
    table: spec.table,
    key: spec.key ? [...spec.key] : null,
    backupRows: spec.backupRows,
    currentRows: added + changed + unchanged,
    missing,
    added,
    changed,
    unchanged,
    maskedColumns: spec.columns.filter(isSecretColumn),
    samples: {
      missing: await sample(missing, () => onlyIn(client, spec, spec.before, spec.after)),
      added: await sample(added, () => onlyIn(client, spec, spec.after, spec.before)),
      changed: changed > 0 && spec.key && spec.limit > 0 ? await changedRows(client, spec, spec.key) : [],
    },
    ...(spec.note ? { note: spec.note } : {}),
  };
}

function joinOn(key: readonly string[]): string {
  return key.map((k) => `b.${quoteIdentifier(k)} = a.${quoteIdentifier(k)}`).join(' AND ');
}

function nonKey(spec: TableComparison, key: readonly string[]): string[] {
  return spec.columns.filter((c) => !key.includes(c));
}

function differs(columns: readonly string[], exact: ReadonlySet<string> = new Set()): string {
  if (columns.length === 0) return 'false';
  const typed = columns.filter((c) => exact.has(c));
  const textual = columns.filter((c) => !exact.has(c));
  const row = (alias: string) => `ROW(${typed.map((c) => `${alias}.${quoteIdentifier(c)}`).join(', ')})`;
  const parts = [
    ...(typed.length > 0 ? [`${row('b')} IS DISTINCT FROM ${row('a')}`] : []),
    ...(textual.length > 0 ? [`${rowText('b', textual)} IS DISTINCT FROM ${rowText('a', textual)}`] : []),
  ];
  return `(${parts.join(' OR ')})`;
}

async function keyedCounts(client: pg.ClientBase, spec: TableComparison, key: readonly string[]): Promise<Counts> {
  const first = quoteIdentifier(key[0]!);
  const both = `b.${first} IS NOT NULL AND a.${first} IS NOT NULL`;
  const distinct = differs(nonKey(spec, key), spec.exactColumns);
  const { rows } = await client.query<Counts>(
    `SELECT count(*) FILTER (WHERE a.${first} IS NULL)::text AS missing,
            count(*) FILTER (WHERE b.${first} IS NULL)::text AS added,
            count(*) FILTER (WHERE ${both} AND ${distinct})::text AS changed,
            count(*) FILTER (WHERE ${both} AND NOT (${distinct}))::text AS unchanged
       FROM ${spec.before} b FULL JOIN ${spec.after} a ON ${joinOn(key)}`,
  );
  return rows[0]!;
}

/** Each distinct row with its multiplicity, as a CTE body. */
function grouped(relation: string, columns: readonly string[]): string {
  const values = columns.map((c) => `${text('r', c)} AS ${quoteIdentifier(c)}`);
  return `SELECT ${[`${rowText('r', columns)} AS "${ROW_TEXT}"`, ...values].join(', ')}, count(*) AS "${ROW_COUNT}"
            FROM ${relation} r GROUP BY ${columns.length === 0 ? '1' : columns.map((_, i) => i + 2).join(', ')}, 1`;
}

async function wholeRowCounts(client: pg.ClientBase, spec: TableComparison): Promise<Counts> {
  const { rows } = await client.query<Counts>(
    `WITH b AS (${grouped(spec.before, spec.columns)}), a AS (${grouped(spec.after, spec.columns)})
     SELECT coalesce(sum(greatest(coalesce(b."${ROW_COUNT}", 0) - coalesce(a."${ROW_COUNT}", 0), 0)), 0)::text AS missing,
            coalesce(sum(greatest(coalesce(a."${ROW_COUNT}", 0) - coalesce(b."${ROW_COUNT}", 0), 0)), 0)::text AS added,
            '0' AS changed,
            coalesce(sum(least(coalesce(b."${ROW_COUNT}", 0), coalesce(a."${ROW_COUNT}", 0))), 0)::text AS unchanged
       FROM b FULL JOIN a ON a."${ROW_TEXT}" = b."${ROW_TEXT}"`,
  );
  return rows[0]!;
}

function toSample(row: Record<string, SampleValue>, keyColumns: readonly string[], columns: readonly string[]): SampleRow {
  const pick = (names: readonly string[]) => Object.fromEntries(names.map((c) => [c, displayValue(c, row[c] ?? null)]));
  return { key: pick(keyColumns), values: pick(columns.filter((c) => !keyColumns.includes(c))) };
}

/** Rows of `from` that `other` lacks (by key, or by whole row with multiplicity). */
async function onlyIn(client: pg.ClientBase, spec: TableComparison, from: string, other: string): Promise<SampleRow[]> {
  const quotedColumns = spec.columns.map(quoteIdentifier);
  if (spec.key) {
    const key = spec.key;
    const on = key.map((k) => `o.${quoteIdentifier(k)} = f.${quoteIdentifier(k)}`).join(' AND ');
    const { rows } = await client.query<Record<string, SampleValue>>(
      `SELECT ${spec.columns.map((c) => `${text('f', c)} AS ${quoteIdentifier(c)}`).join(', ')}
         FROM ${from} f WHERE NOT EXISTS (SELECT 1 FROM ${other} o WHERE ${on})
        ORDER BY ${key.map((k) => `f.${quoteIdentifier(k)}`).join(', ')} LIMIT $1`,
      [spec.limit],
    );
    return rows.map((row) => toSample(row, key, spec.columns));
  }
  const { rows } = await client.query<Record<string, SampleValue>>(
    `WITH f AS (${grouped(from, spec.columns)}), o AS (${grouped(other, spec.columns)})
     SELECT ${quotedColumns.map((c) => `f.${c}`).join(', ') || "'' AS \"?empty\""}
       FROM f LEFT JOIN o ON o."${ROW_TEXT}" = f."${ROW_TEXT}"
      WHERE f."${ROW_COUNT}" > coalesce(o."${ROW_COUNT}", 0)
      ORDER BY f."${ROW_TEXT}" LIMIT $1`,
    [spec.limit],
  );
  return rows.map((row) => toSample(row, spec.columns, spec.columns));
}

async function changedRows(client: pg.ClientBase, spec: TableComparison, key: readonly string[]): Promise<ChangedRow[]> {
  const others = nonKey(spec, key);
  const select = [
    ...key.map((k, i) => `${text('b', k)} AS "k${i}"`),
    ...others.flatMap((c, i) => [`${text('b', c)} AS "b${i}"`, `${text('a', c)} AS "a${i}"`]),
  ];
  const { rows } = await client.query<Record<string, SampleValue>>(
    `SELECT ${select.join(', ')}
       FROM ${spec.before} b JOIN ${spec.after} a ON ${joinOn(key)}
      WHERE ${differs(others, spec.exactColumns)}
      ORDER BY ${key.map((k) => `b.${quoteIdentifier(k)}`).join(', ')} LIMIT $1`,
    [spec.limit],
  );
  return rows.map((row) => ({
    key: Object.fromEntries(key.map((k, i) => [k, displayValue(k, row[`k${i}`] ?? null)])),
    changes: others.flatMap((column, i) => {
      const before = row[`b${i}`] ?? null;
      const after = row[`a${i}`] ?? null;
      return before === after ? [] : [{ column, before: displayValue(column, before), after: displayValue(column, after) }];
    }),
  }));
}
