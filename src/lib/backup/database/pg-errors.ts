/**
 * Classifies errors from `pg`: a lost or refused connection becomes DatabaseUnavailableError
 * (naming what was going on, and the table where there is one); a missing privilege (SQLSTATE
 * 42501, including a row-level security policy that would filter rows under
 * `row_security = off`) becomes InsufficientPrivilegeError; anything else goes through
 * `toBackupError`.
 */
import { BackupError, DatabaseUnavailableError, InsufficientPrivilegeError, toBackupError } from '../errors';

const CONNECTION_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006']);
const CONNECTION_ERROR_TEXT = /Connection terminated|connection ended|Client has encountered a connection error|not queryable/i;
const INSUFFICIENT_PRIVILEGE = '42501';

export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  const message = (error as Error | null)?.message ?? '';
  return (code !== undefined && CONNECTION_ERROR_CODES.has(code)) || CONNECTION_ERROR_TEXT.test(message);
}

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
