/**
 * The selective restore's load plan (same engine, same transaction as a full restore):
 * 1. before any write, with the selection resolved by the engine (selection.ts), read the
 *    foreign keys that touch it from the catalog;
 * 2. COPY each chosen table's backup rows into a temporary table (ON COMMIT DROP) — the engine
 *    checks every table's count, hash and the file's tag as for a full restore; other tables'
 *    bytes are only verified;
 * 3. after the file verified (`check`): for a replace, refuse a selection that would break a key
 *    (SelectionBreaksKeysError, naming rows and the table to add) — still before any write to an
 *    application table (a rehearsal stops here); then (`finish`), with the chosen tables' user triggers off, merge the rows
 *    (merge-rows.ts), move their sequences forward only (advance-sequences.ts), refresh the
 *    materialized views and re-enable the triggers.
 */
import type pg from 'pg';
import { columnList, quoteIdentifier } from '../../../db/identifiers';
import { qualifiedName, type CatalogTable, type DatabaseCatalog } from '../../database/catalog';
import type { LoadPlan } from '../load-plan';
import { refreshMaterializedViews } from '../materialized-views';
import { suspendUserTriggers } from '../user-triggers';
import { advanceSequences } from './advance-sequences';
import { SelectionBreaksKeysError } from './selection-error';
import { foreignKeysTouching } from './foreign-keys';
import { findKeyBreaks, type StagedTable } from './key-check';
import { mergeRows } from './merge-rows';
import { summarize } from './report';
import type { ResolvedSelection } from './selection';

const STAGING_PREFIX = 'erp_restore_';

export async function beginSelectiveLoad(
  client: pg.ClientBase,
  catalog: DatabaseCatalog,
  selection: ResolvedSelection,
  onMerged?: (table: string, done: number, total: number) => void,
): Promise<LoadPlan> {
  const chosen = new Set(selection.tables.map((t) => t.key));
  const foreignKeys = await foreignKeysTouching(client, selection.tables);
  const staged = new Map<string, StagedTable>();
  for (const [i, table] of selection.tables.entries()) {
    const stagedSql = quoteIdentifier(`${STAGING_PREFIX}${i}`);
    const columns = columnList(table.columns.map((c) => c.name));
    await client.query(`CREATE TEMPORARY TABLE ${stagedSql} ON COMMIT DROP AS SELECT ${columns} FROM ${qualifiedName(table)} WITH NO DATA`);
    staged.set(table.key, { table, stagedSql });
  }
  const primaryKeys = new Map(catalog.tables.map((t) => [t.key, t.primaryKey]));
  return {
    target(table: CatalogTable) {
      const s = staged.get(table.key);
      return s ? { target: `${s.stagedSql} (${columnList(table.columns.map((c) => c.name))})`, freeze: false } : undefined;
    },
    async check() {
      for (const s of staged.values()) {
        await client.query(`CREATE INDEX ON ${s.stagedSql} (${columnList(s.table.primaryKey)})`);
        await client.query(`ANALYZE ${s.stagedSql}`);
      }
      if (selection.mode === 'replace') {
        const breaks = await findKeyBreaks(client, staged, foreignKeys, (t) => primaryKeys.get(t) ?? []);
        if (breaks.length > 0) throw new SelectionBreaksKeysError(breaks);
      }
    },
    async finish(backup, step) {
      await step('triggers');
      const triggers = await suspendUserTriggers(client, selection.tables.map(qualifiedName));
      await client.query('SET CONSTRAINTS ALL DEFERRED');
      await step('merge');
      const ordered = selection.tables.map((t) => staged.get(t.key)!);
      const merged = await mergeRows(client, selection, ordered, foreignKeys, (t, done) => onMerged?.(t, done, ordered.length));
      await client.query('SET CONSTRAINTS ALL IMMEDIATE');
      await step('sequences');
      const sequencesAdvanced = await advanceSequences(client, backup.sequences, selection.tables);
      await step('materialized-views');
      await refreshMaterializedViews(client, catalog.materializedViews);
      await triggers.resume();
      const outside = (keys: string[]) => [...new Set(keys.filter((k) => !chosen.has(k)))].sort();
      return summarize(
        {
          mode: selection.mode,
          revertChanged: selection.revertChanged,
          referencedBy: outside(foreignKeys.filter((fk) => chosen.has(fk.parent)).map((fk) => fk.child)),
          references: outside(foreignKeys.filter((fk) => chosen.has(fk.child)).map((fk) => fk.parent)),
          sequencesAdvanced,
        },
        merged,
      );
    },
  };
}
