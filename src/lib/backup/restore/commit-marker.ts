/**
 * The restore's commit marker: a row keyed by the restore operation's id, inserted in the
 * restore's own transaction just before COMMIT. It exists afterwards if and only if that COMMIT
 * happened, so recovery after a crash (even one during COMMIT) reads the outcome from the
 * database instead of guessing. The table (`BackupRestoreCommit`) is one of the module's own and
 * is never part of a backup.
 */
import type pg from 'pg';

const MARKER_TABLE = '"public"."BackupRestoreCommit"';

export async function writeCommitMarker(client: pg.ClientBase, operationId: string): Promise<void> {
  await client.query(`INSERT INTO ${MARKER_TABLE} ("operationId") VALUES ($1)`, [operationId]);
}

export async function hasCommitMarker(client: pg.ClientBase, operationId: string): Promise<boolean> {
  const { rows } = await client.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${MARKER_TABLE} WHERE "operationId" = $1) AS present`,
    [operationId],
  );
  return rows[0]?.present ?? false;
}
