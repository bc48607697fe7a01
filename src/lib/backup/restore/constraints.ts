/**
 * Bulk-load support for the restore transaction: capture the definitions of the primary keys,
 * unique and foreign-key constraints and the plain indexes of the tables being restored, drop
 * them before the COPY, and recreate them afterwards (foreign keys last), as pg_restore does.
 * Recreating validates every row, so a restore that breaks a key fails and rolls back. All of
 * it runs inside the caller's transaction; definitions come from the live catalog, not the file.
 */
import type pg from 'pg';
import { quoteIdentifier } from '../database/identifiers';
import { APP_SCHEMA } from '../database/catalog';

export interface SuspendedKeys {
  /** Statements that restore what was dropped, in the order to run them. */
  recreate: string[];
}

export async function suspendKeysAndIndexes(client: pg.ClientBase, tables: readonly string[]): Promise<SuspendedKeys> {
  const constraints = await client.query<{ table: string; name: string; kind: string; definition: string }>(
    `SELECT c.relname AS table, con.conname AS name, con.contype AS kind, pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = ANY($2) AND con.contype IN ('p', 'u', 'f')
      ORDER BY c.relname, con.conname`,
    [APP_SCHEMA, tables],
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(ix.indexrelid) AS definition
       FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class c ON c.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = ANY($2)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u', 'x'))
      ORDER BY i.relname`,
    [APP_SCHEMA, tables],
  );
  const foreign = constraints.rows.filter((c) => c.kind === 'f');
  const keys = constraints.rows.filter((c) => c.kind !== 'f');
  const addConstraint = (c: { table: string; name: string; definition: string }) =>
    `ALTER TABLE ${quoteIdentifier(c.table)} ADD CONSTRAINT ${quoteIdentifier(c.name)} ${c.definition}`;
  const dropConstraint = (c: { table: string; name: string }) =>
    `ALTER TABLE ${quoteIdentifier(c.table)} DROP CONSTRAINT ${quoteIdentifier(c.name)}`;

  for (const c of foreign) await client.query(dropConstraint(c));
  for (const c of keys) await client.query(dropConstraint(c));
  for (const index of indexes.rows) await client.query(`DROP INDEX ${quoteIdentifier(index.name)}`);

  return {
    recreate: [...keys.map(addConstraint), ...indexes.rows.map((i) => i.definition), ...foreign.map(addConstraint)],
  };
}
