/**
 * Before a selective REPLACE writes to any application table, with the backup's rows of the
 * chosen tables in temporary tables: would replacing them break a foreign key?
 * - a table outside the selection references a chosen one, and some of its live rows point to
 *   rows the backup does not have (they would lose their parent): add the referencing table;
 * - a chosen table references one outside the selection, and some of the backup's rows point to
 *   rows that are gone now: add the referenced table.
 * Each break names the key, the rows (a bounded sample by primary key, and the count) and the
 * table to add. Bringing back missing rows deletes nothing, so it has no such check (rows
 * without a parent are reported and left out, merge-rows.ts).
 */
import type pg from 'pg';
import type { CatalogTable } from '../../database/catalog';
import type { ForeignKey } from './foreign-keys';
import { parentMissing, sampleColumns, SAMPLE_ROWS, type RowSample } from './row-sql';

export interface KeyBreak {
  constraint: string;
  /** The table whose rows would point to nothing, and the table they point to. */
  table: string;
  references: string;
  /** The table to add to the selection. */
  addTable: string;
  rows: number;
  sample: RowSample[];
}

export interface StagedTable {
  table: CatalogTable;
  /** The temporary table holding the backup's rows. */
  stagedSql: string;
}

async function orphans(client: pg.ClientBase, fromSql: string, nameColumns: readonly string[], fk: ForeignKey, parentSql: string) {
  const where = parentMissing('r', fk.childColumns, parentSql, fk.parentColumns);
  const count = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${fromSql} r WHERE ${where}`);
  const rows = Number(count.rows[0]!.n);
  if (rows === 0) return undefined;
  const sample = await client.query<RowSample>(`SELECT ${sampleColumns('r', nameColumns)} FROM ${fromSql} r WHERE ${where} LIMIT ${SAMPLE_ROWS}`);
  return { rows, sample: sample.rows };
}

export async function findKeyBreaks(
  client: pg.ClientBase,
  staged: ReadonlyMap<string, StagedTable>,
  foreignKeys: readonly ForeignKey[],
  primaryKeyOf: (table: string) => readonly string[],
): Promise<KeyBreak[]> {
  const breaks: KeyBreak[] = [];
  for (const fk of foreignKeys) {
    const child = staged.get(fk.child);
    const parent = staged.get(fk.parent);
    if (child && parent) continue; // both come from the backup, which was consistent
    const names = (table: string) => (primaryKeyOf(table).length > 0 ? primaryKeyOf(table) : fk.childColumns);
    const found = parent
      ? await orphans(client, fk.childSql, names(fk.child), fk, parent.stagedSql)
      : await orphans(client, child!.stagedSql, names(fk.child), fk, fk.parentSql);
    if (found) breaks.push({ constraint: fk.name, table: fk.child, references: fk.parent, addTable: parent ? fk.child : fk.parent, ...found });
  }
  return breaks;
}
