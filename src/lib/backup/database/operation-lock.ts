/**
 * One backup or restore at a time per database, across processes and app instances: a
 * session-level PostgreSQL advisory lock held on a dedicated connection for the whole operation.
 * If the process dies, PostgreSQL closes the connection and the lock is released with it.
 */
import type pg from 'pg';
import { OperationInProgressError } from '../errors';
import { connectFor } from './connect';

/** Arbitrary, fixed 64-bit key: "erp-bkup" in ASCII. */
export const OPERATION_LOCK_KEY = '7310876340744303984';

export interface OperationLock {
  release(): Promise<void>;
}

export async function acquireOperationLock(databaseUrl: string): Promise<OperationLock> {
  const client = await connectFor(databaseUrl, 'erp-backup-lock', 'to take the operation lock');
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [OPERATION_LOCK_KEY]);
  if (!rows[0]?.locked) {
    await client.end().catch(() => undefined);
    throw new OperationInProgressError();
  }
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [OPERATION_LOCK_KEY]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

/** Whether some session currently holds the lock (for the admin page's "another operation is running"). */
export async function isOperationLockHeld(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ held: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
        AND ((classid::bigint << 32) | objid::bigint) = $1::bigint AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS held`,
    [OPERATION_LOCK_KEY],
  );
  return rows[0]?.held ?? false;
}
