/**
 * Classifies errors from `pg` with what was going on: a lost or refused connection becomes
 * DatabaseUnavailableError naming the activity (and the table where there is one); anything
 * else goes through the one classifier, `toBackupError`.
 */
import { BackupError, DatabaseUnavailableError, toBackupError } from '../errors';
import { isConnectionError } from '../foreign-errors';

export { isConnectionError };

export function toDatabaseError(error: unknown, activity: string, table?: string): BackupError {
  if (error instanceof BackupError) return error;
  if (isConnectionError(error)) {
    return new DatabaseUnavailableError(table ? `${activity} (table "${table}")` : activity, { cause: error, ...(table ? { table } : {}) });
  }
  return toBackupError(error);
}
