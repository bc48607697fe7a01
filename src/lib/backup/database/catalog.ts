/**
 * Reads what a backup needs to know about the live database from PostgreSQL's catalog — never
 * from a hand-kept list: the application tables of the `public` schema with their columns and
 * types, primary keys, foreign-key dependencies, owned sequences, and the migrations applied. The system-history
 * tables (see SYSTEM_TABLES) are reported separately: backups leave them out and restores keep
 * them as they are.
 */
import type pg from 'pg';
import { readAppliedMigrations, type AppliedMigration } from '../../db/migrations';

/** Tables that record the system's own history; they survive restores untouched. */
export const SYSTEM_TABLES: readonly string[] = ['Backup', 'BackupOperation', 'AuditLog'];
export const MIGRATIONS_TABLE = '_prisma_migrations';
export const APP_SCHEMA = 'public';

export interface CatalogColumn {
  name: string;
  type: string;
}

export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
  /** Tables this one references through foreign keys (self-references excluded). */
  dependsOn: string[];
  /** The primary key's columns in key order; empty when the table has none. */
  primaryKey: string[];
  estimatedRows: number;
}

export interface CatalogSequence {
  table: string;
  column: string;
  sequence: string;
}

export interface DatabaseCatalog {
  tables: CatalogTable[];
  sequences: CatalogSequence[];
  migrations: AppliedMigration[];
}

export async function readCatalog(client: pg.ClientBase): Promise<DatabaseCatalog> {
  const excluded = [...SYSTEM_TABLES, MIGRATIONS_TABLE];
  const tables = await client.query<{ name: string; estimated: string }>(
    `SELECT c.relname AS name, greatest(c.reltuples, 0)::bigint::text AS estimated
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> ALL($2)
      ORDER BY c.relname`,
    [APP_SCHEMA, excluded],
  );
  const columns = await client.query<{ table: string; name: string; type: string }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
    [APP_SCHEMA],
  );
  const foreignKeys = await client.query<{ table: string; references: string }>(
    `SELECT DISTINCT c.relname AS table, r.relname AS references
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'f' AND n.nspname = $1 AND con.conrelid <> con.confrelid`,
    [APP_SCHEMA],
  );
  const primaryKeys = await client.query<{ table: string; columns: string[] }>(
    `SELECT c.relname AS table, array_agg(a.attname::text ORDER BY k.ordinality) AS columns
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ordinality)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE con.contype = 'p' AND n.nspname = $1
      GROUP BY c.relname`,
    [APP_SCHEMA],
  );
  const sequences = await client.query<CatalogSequence>(
    `SELECT t.relname AS table, a.attname AS column, s.relname AS sequence
       FROM pg_class s
       JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE s.relkind = 'S' AND n.nspname = $1 AND t.relname <> ALL($2)
      ORDER BY t.relname, a.attname`,
    [APP_SCHEMA, excluded],
  );

  const byTable = new Map<string, CatalogTable>(
    tables.rows.map((t) => [t.name, { name: t.name, columns: [], dependsOn: [], primaryKey: [], estimatedRows: Number(t.estimated) }]),
  );
  for (const column of columns.rows) byTable.get(column.table)?.columns.push({ name: column.name, type: column.type });
  for (const key of primaryKeys.rows) {
    const table = byTable.get(key.table);
    if (table) table.primaryKey = key.columns;
  }
  for (const fk of foreignKeys.rows) {
    const table = byTable.get(fk.table);
    if (table && byTable.has(fk.references)) table.dependsOn.push(fk.references);
  }
  return {
    tables: orderByDependencies([...byTable.values()]),
    sequences: sequences.rows,
    migrations: await readAppliedMigrations(client),
  };
}

/**
 * Orders tables so that every table comes after the tables it references (parents first).
 * Ties are broken by name so the order is stable. A reference cycle between different tables
 * is placed in name order; the restore loads with foreign keys suspended, so it still loads.
 */
export function orderByDependencies(tables: CatalogTable[]): CatalogTable[] {
  const remaining = new Map(tables.map((t) => [t.name, t]));
  const ordered: CatalogTable[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining.values()]
      .filter((t) => t.dependsOn.every((d) => !remaining.has(d)))
      .sort((a, b) => a.name.localeCompare(b.name));
    const next = ready.length > 0 ? ready : [...remaining.values()].sort((a, b) => a.name.localeCompare(b.name)).slice(0, 1);
    for (const table of next) {
      ordered.push(table);
      remaining.delete(table.name);
    }
  }
  return ordered;
}
