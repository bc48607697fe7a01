/**
 * Classifies errors from `pg` with what was going on: a lost or refused connection becomes
 * DatabaseUnavailableError naming the activity (and the table where there is one); a missing
 * privilege (SQLSTATE 42501, including a row-level security policy that would filter rows under
 * `row_security = off`) becomes InsufficientPrivilegeError; anything else goes through the one
 * classifier, `toBackupError`.
 */
import { BackupError, DatabaseUnavailableError, InsufficientPrivilegeError, toBackupError } from '../errors';
import { isConnectionError } from '../foreign-errors';

export { isConnectionError };

const INSUFFICIENT_PRIVILEGE = '42501';

export function toDatabaseError(error: unknown, activity: string, table?: string): BackupError {
  if (error instanceof BackupError) return error;
  const where = table ? `${activity} (table "${table}")` : activity;
  if (isConnectionError(error)) {
    return new DatabaseUnavailableError(where, { cause: error, ...(table ? { table } : {}) });
  }
  if ((error as { code?: string } | null)?.code === INSUFFICIENT_PRIVILEGE) {
    return new InsufficientPrivilegeError(
      `The database role lacks a privilege ${where}: ${(error as Error).message}. Use a role that owns the tables (or a superuser).`,
      { cause: error, ...(table ? { table } : {}) },
    );
  }
  return toBackupError(error);
}
