/**
 * Keeps user triggers from firing while a restore loads rows, as `pg_restore --disable-triggers`
 * does, but inside the restore's transaction and trigger by trigger: every enabled user trigger
 * (any timing, any level; `ENABLE ALWAYS` and `ENABLE REPLICA` ones too, which
 * `session_replication_role` would not stop) of the loaded tables is disabled, and `resume`
 * re-enables each in exactly the mode it had. Triggers already disabled stay disabled. Internal
 * (foreign-key) triggers are not touched: the bulk load drops and re-adds those keys.
 * ALTER TABLE needs the table's owner; a role that is not gets InsufficientPrivilegeError.
 * Partitioned parents come first: enabling a parent's trigger also enables its partitions'
 * clones, which are then set to their own modes. Being transactional, a failure or kill leaves
 * every trigger as it was.
 */
import type pg from 'pg';
import { quoteIdentifier } from '../../db/identifiers';

const ENABLE_CLAUSE: Readonly<Record<string, string>> = { O: 'ENABLE TRIGGER', R: 'ENABLE REPLICA TRIGGER', A: 'ENABLE ALWAYS TRIGGER' };

export interface SuspendedTriggers {
  resume(): Promise<void>;
}

/** `tables`: quoted, schema-qualified table names. */
export async function suspendUserTriggers(client: pg.ClientBase, tables: readonly string[]): Promise<SuspendedTriggers> {
  const { rows } = await client.query<{ table: string; name: string; mode: string }>(
    `SELECT t.tgrelid::pg_catalog.regclass::text AS table, t.tgname AS name, t.tgenabled::text AS mode
       FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
      WHERE t.tgrelid = ANY ($1::text[]::pg_catalog.regclass[]) AND NOT t.tgisinternal AND t.tgenabled <> 'D'
      ORDER BY c.relkind <> 'p', 1, 2`,
    [tables],
  );
  for (const t of rows) await client.query(`ALTER TABLE ${t.table} DISABLE TRIGGER ${quoteIdentifier(t.name)}`);
  return {
    async resume() {
      for (const t of rows) await client.query(`ALTER TABLE ${t.table} ${ENABLE_CLAUSE[t.mode]} ${quoteIdentifier(t.name)}`);
    },
  };
}
