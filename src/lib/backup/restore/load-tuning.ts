/**
 * Makes a restore's bulk load cheaper for the server without changing what it checks
 * (docs/decisions/012-performance.md has the measurements):
 *
 * - `tuneLoadTransaction` raises, for this transaction only (SET LOCAL), the memory of the index
 *   builds (`maintenance_work_mem`) and of the queries that validate each recreated foreign key
 *   (`work_mem`: their hash joins then fit in memory instead of spilling in batches); a
 *   selective restore's merge joins (selective/merge-rows.ts) and staged key indexes get the same.
 * - `copyFreezeTargets` names the tables whose `COPY … FROM` may use FREEZE: plain tables
 *   (FREEZE is refused on partitioned parents), which the caller has TRUNCATEd earlier in the
 *   same transaction, as PostgreSQL requires. Rows are then written frozen and their pages
 *   all-visible, so the load, the index builds and the key checks after it skip the per-row
 *   visibility work, and nothing is left for a later VACUUM to freeze. FREEZE's one visible
 *   difference — rows visible to snapshots taken before the commit — adds nothing to what
 *   TRUNCATE already does to such snapshots (they see the tables empty).
 */
import type pg from 'pg';

/** Per-transaction settings for the load; values are constants, so SET LOCAL needs no parameters. */
export const LOAD_SETTINGS: Readonly<Record<string, string>> = {
  maintenance_work_mem: '256MB',
  work_mem: '64MB',
};

export async function tuneLoadTransaction(client: pg.ClientBase): Promise<void> {
  for (const [name, value] of Object.entries(LOAD_SETTINGS)) await client.query(`SET LOCAL ${name} = '${value}'`);
}

/** Of the given SQL table names, those that are plain tables (relkind 'r'). */
export async function copyFreezeTargets(client: pg.ClientBase, sqlNames: readonly string[]): Promise<Set<string>> {
  if (sqlNames.length === 0) return new Set();
  const { rows } = await client.query<{ name: string }>(
    `SELECT t.name FROM unnest($1::text[]) AS t(name)
       JOIN pg_catalog.pg_class c ON c.oid = t.name::pg_catalog.regclass
      WHERE c.relkind = 'r'`,
    [sqlNames],
  );
  return new Set(rows.map((r) => r.name));
}
