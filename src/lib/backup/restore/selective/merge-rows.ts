/**
 * Writes the backup's rows of the chosen tables (staged in temporary tables) into the live
 * tables, matched by primary key, inside the restore's transaction:
 * - `replace`: rows the backup lacks are deleted (children first), rows that differ are set to
 *   the backup's values and missing rows inserted (parents first): each table ends equal to the
 *   backup's. The key check (key-check.ts) has already refused a replace that would break a key.
 * - `missing`: missing rows are inserted (parents first), and with `revertChanged` rows that
 *   differ are set back; nothing is deleted. A row is inserted only if every parent it names
 *   exists by then (live, or just brought back); the others are counted and sampled as
 *   `withoutParent`, never forced.
 * Identity columns keep the backup's values (OVERRIDING SYSTEM VALUE).
 */
import type pg from 'pg';
import { qualifiedName, type CatalogTable } from '../../database/catalog';
import { columnList } from '../../../db/identifiers';
import type { ForeignKey } from './foreign-keys';
import type { StagedTable } from './key-check';
import { columnsMatch, parentPresent, sampleColumns, SAMPLE_ROWS, valuesDiffer, type RowSample } from './row-sql';
import type { ResolvedSelection } from './selection';

export interface TableMerge {
  table: string;
  inserted: number;
  updated: number;
  deleted: number;
  /** Missing rows left out because a parent they name is gone and not in the backup. */
  withoutParent: number;
  withoutParentSample: RowSample[];
}

function missingFromLive(table: CatalogTable, live: string): string {
  return `NOT EXISTS (SELECT 1 FROM ${live} l WHERE ${columnsMatch('l', table.primaryKey, 's')})`;
}

async function deleteAbsent(client: pg.ClientBase, { table, stagedSql }: StagedTable): Promise<number> {
  const live = qualifiedName(table);
  const result = await client.query(`DELETE FROM ${live} l WHERE NOT EXISTS (SELECT 1 FROM ${stagedSql} s WHERE ${columnsMatch('s', table.primaryKey, 'l')})`);
  return result.rowCount ?? 0;
}

async function updateChanged(client: pg.ClientBase, { table, stagedSql }: StagedTable): Promise<number> {
  const columns = table.columns.map((c) => c.name).filter((c) => !table.primaryKey.includes(c));
  if (columns.length === 0) return 0;
  const set = columns.map((c) => `${columnList([c])} = s.${columnList([c])}`).join(', ');
  const result = await client.query(
    `UPDATE ${qualifiedName(table)} l SET ${set} FROM ${stagedSql} s WHERE ${columnsMatch('l', table.primaryKey, 's')} AND ${valuesDiffer('l', 's', columns)}`,
  );
  return result.rowCount ?? 0;
}

/**
 * One statement: the rows missing from the live table first (a materialized CTE, so the
 * anti-join on the primary key is planned on its own, as a hash or merge join), then the insert
 * of those whose parents exist, the parents checked on the missing rows only. Planned as one
 * query, the planner's guess for the parents' filter over every staged row made the anti-join
 * a probe of the live key per staged row.
 */
async function insertMissing(client: pg.ClientBase, { table, stagedSql }: StagedTable, parents: readonly ForeignKey[]): Promise<Omit<TableMerge, 'table' | 'updated' | 'deleted'>> {
  const live = qualifiedName(table);
  const columns = columnList(table.columns.map((c) => c.name));
  const missing = missingFromLive(table, live);
  const parentsPresent = parents.map((fk) => parentPresent('m', fk.childColumns, fk.parentSql, fk.parentColumns));
  const where = parentsPresent.length > 0 ? ` WHERE ${parentsPresent.join(' AND ')}` : '';
  const { rows } = await client.query<{ missing: string; inserted: string }>(
    `WITH erp_missing AS MATERIALIZED (SELECT ${columns} FROM ${stagedSql} s WHERE ${missing}),
          erp_inserted AS (INSERT INTO ${live} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM erp_missing m${where} RETURNING 1)
     SELECT (SELECT count(*) FROM erp_missing)::text AS missing, (SELECT count(*) FROM erp_inserted)::text AS inserted`,
  );
  const inserted = Number(rows[0]!.inserted);
  const withoutParent = Number(rows[0]!.missing) - inserted;
  // Rows still missing after the insert are exactly those left out for a parent.
  const sample = withoutParent === 0 ? [] : (await client.query<RowSample>(`SELECT ${sampleColumns('s', table.primaryKey)} FROM ${stagedSql} s WHERE ${missing} LIMIT ${SAMPLE_ROWS}`)).rows;
  return { inserted, withoutParent, withoutParentSample: sample };
}

/** `staged` in the selection's order (parents first). */
export async function mergeRows(
  client: pg.ClientBase,
  selection: ResolvedSelection,
  staged: readonly StagedTable[],
  foreignKeys: readonly ForeignKey[],
  onTable?: (table: string, done: number) => void,
): Promise<TableMerge[]> {
  const deleted = new Map<string, number>();
  if (selection.mode === 'replace') {
    for (const s of [...staged].reverse()) deleted.set(s.table.key, await deleteAbsent(client, s));
  }
  const merged: TableMerge[] = [];
  for (const s of staged) {
    const updated = selection.mode === 'replace' || selection.revertChanged ? await updateChanged(client, s) : 0;
    // A replace was checked for keys already; bringing back checks each row's parents (self-references included: the row's own table is live by then too).
    const parents = selection.mode === 'missing' ? foreignKeys.filter((fk) => fk.child === s.table.key && fk.parent !== s.table.key) : [];
    const inserted = await insertMissing(client, s, parents);
    merged.push({ table: s.table.key, updated, deleted: deleted.get(s.table.key) ?? 0, ...inserted });
    onTable?.(s.table.key, merged.length);
  }
  return merged;
}
