/**
 * Bulk-load mode for a loading transaction (the seed, and a backup's restore), as PostgreSQL's
 * "Populating a Database" advises and pg_restore does: before the COPYs, drop the primary keys,
 * unique and foreign-key constraints and plain indexes of the loaded tables (and foreign keys from other tables into them); afterwards,
 * recreate them from the definitions captured from the live catalog — keys and indexes first, then
 * foreign keys, which validates every loaded row in one pass. Without this, each row would fire
 * one trigger per foreign key and update every index one entry at a time. Everything runs inside
 * the caller's transaction, so a failure (or a violated key) rolls the schema back with the data.
 *
 * Tables are given as SQL names (`"schema"."table"`, or a bare quoted name resolved through the
 * search_path). Constraints and indexes inherited from a partitioned parent are left in place
 * (they cannot be dropped on their own); what is recreated is spelled by the catalog under the
 * session's search_path, schema-qualified when it is empty.
 */
import type pg from 'pg';
import { quoteIdentifier } from './identifiers';

/** Memory for the index builds when the keys are recreated. */
const INDEX_BUILD_MEMORY = '256MB';

export interface SuspendedConstraints {
  /** Statements that recreate what was dropped, in order. */
  recreate: string[];
}

interface ConstraintRow {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f';
  definition: string;
}

export async function suspendConstraints(client: pg.ClientBase, tables: readonly string[]): Promise<SuspendedConstraints> {
  const constraints = await client.query<ConstraintRow>(
    `SELECT con.conrelid::pg_catalog.regclass::text AS table, con.conname AS name, con.contype AS kind,
            pg_catalog.pg_get_constraintdef(con.oid) AS definition
       FROM pg_catalog.pg_constraint con
      WHERE con.contype IN ('p', 'u', 'f') AND con.conparentid = 0
        AND (con.conrelid = ANY ($1::text[]::pg_catalog.regclass[]) OR (con.contype = 'f' AND con.confrelid = ANY ($1::text[]::pg_catalog.regclass[])))
      ORDER BY 1, 2`,
    [tables],
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT ix.indexrelid::pg_catalog.regclass::text AS name, pg_catalog.pg_get_indexdef(ix.indexrelid) AS definition
       FROM pg_catalog.pg_index ix
       JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
      WHERE ix.indrelid = ANY ($1::text[]::pg_catalog.regclass[]) AND NOT i.relispartition
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u', 'x'))
      ORDER BY 1`,
    [tables],
  );
  const foreignKeys = constraints.rows.filter((c) => c.kind === 'f');
  const keys = constraints.rows.filter((c) => c.kind !== 'f');
  const drop = (c: ConstraintRow) => `ALTER TABLE ${c.table} DROP CONSTRAINT ${quoteIdentifier(c.name)}`;
  const add = (c: ConstraintRow) => `ALTER TABLE ${c.table} ADD CONSTRAINT ${quoteIdentifier(c.name)} ${c.definition}`;

  for (const c of foreignKeys) await client.query(drop(c));
  for (const c of keys) await client.query(drop(c));
  for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);
  return { recreate: [...keys.map(add), ...indexes.rows.map((i) => i.definition), ...foreignKeys.map(add)] };
}

export async function restoreConstraints(client: pg.ClientBase, suspended: SuspendedConstraints): Promise<void> {
  await client.query(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
  for (const statement of suspended.recreate) await client.query(statement);
}
