/**
 * The CLI's exit codes: the documented table, and the ONE place where an error becomes an exit
 * code (as restic's `cmd/restic/main.go` does). Every error is first brought into the backup
 * module's hierarchy (`toCliError`), then its stable `code` picks the exit status. Codes the
 * table does not name (and anything unexpected) exit with 1. The README prints `EXIT_CODE_TABLE`.
 */
import { BackupError, DatabaseUnavailableError, toBackupError, type BackupErrorCode } from '@/lib/backup/errors';
import { isConnectionError } from '@/lib/backup/database/pg-errors';

export const EXIT = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  CONFIG: 3,
  NOT_FOUND: 10,
  LOCKED: 11,
  WRONG_KEY: 12,
  CORRUPT: 13,
  INCOMPATIBLE: 14,
  UNHEALTHY: 15,
  DB_UNAVAILABLE: 16,
  DISK_FULL: 17,
  CANCELLED: 130,
} as const;

export type ExitName = keyof typeof EXIT;

const MEANING: Record<ExitName, string> = {
  OK: 'success',
  FAILURE: 'failure (anything not listed below)',
  USAGE: 'usage: bad arguments, unknown command, confirmation missing or not matching',
  CONFIG: 'configuration invalid (environment variables, encryption keys)',
  NOT_FOUND: 'backup (id or file) not found',
  LOCKED: 'another backup or restore is running',
  WRONG_KEY: 'the backup was encrypted with a key that is not configured',
  CORRUPT: 'the file is corrupt, truncated, tampered with, or not a backup',
  INCOMPATIBLE: 'schema mismatch or unsupported format version',
  UNHEALTHY: 'health: backups are not healthy',
  DB_UNAVAILABLE: 'the database is unreachable or the connection dropped',
  DISK_FULL: 'the disk is full',
  CANCELLED: 'cancelled (Ctrl-C)',
};

/** Every error code of the hierarchy, and its exit status (the compiler checks completeness). */
const BY_ERROR_CODE: Record<BackupErrorCode, ExitName> = {
  INTERNAL: 'FAILURE',
  STORAGE: 'FAILURE',
  TOO_LARGE: 'FAILURE',
  NOTIFY_FAILED: 'FAILURE',
  UNAUTHENTICATED: 'FAILURE',
  FORBIDDEN: 'FAILURE',
  INVALID_INPUT: 'USAGE',
  CONFIRMATION_FAILED: 'USAGE',
  CONFIG_INVALID: 'CONFIG',
  KEY_INVALID: 'CONFIG',
  NOT_FOUND: 'NOT_FOUND',
  LOCKED: 'LOCKED',
  WRONG_KEY: 'WRONG_KEY',
  CORRUPT: 'CORRUPT',
  TRUNCATED: 'CORRUPT',
  NOT_A_BACKUP: 'CORRUPT',
  CHECKSUM_MISMATCH: 'CORRUPT',
  SCHEMA_MISMATCH: 'INCOMPATIBLE',
  UNSUPPORTED_VERSION: 'INCOMPATIBLE',
  DB_UNAVAILABLE: 'DB_UNAVAILABLE',
  DISK_FULL: 'DISK_FULL',
  CANCELLED: 'CANCELLED',
  UNSUPPORTED_OBJECT: 'INCOMPATIBLE',
  INSUFFICIENT_PRIVILEGE: 'FAILURE',
};

export interface ExitCodeRow {
  exitCode: number;
  name: ExitName;
  meaning: string;
  errorCodes: BackupErrorCode[];
}

export const EXIT_CODE_TABLE: readonly ExitCodeRow[] = (Object.keys(EXIT) as ExitName[]).map((name) => ({
  exitCode: EXIT[name],
  name,
  meaning: MEANING[name],
  errorCodes: (Object.keys(BY_ERROR_CODE) as BackupErrorCode[]).filter((code) => BY_ERROR_CODE[code] === name),
}));

/** Brings anything thrown into the hierarchy; a dropped or refused connection is DB_UNAVAILABLE. */
export function toCliError(error: unknown): BackupError {
  if (error instanceof BackupError) return error;
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (isConnectionError(cause)) return new DatabaseUnavailableError('the connection failed', { cause: error });
  }
  return toBackupError(error);
}

/** The exit status for an error code (operation rows may carry codes outside the hierarchy). */
export function exitCodeFor(code: string): number {
  return Object.hasOwn(BY_ERROR_CODE, code) ? EXIT[BY_ERROR_CODE[code as BackupErrorCode]] : EXIT.FAILURE;
}
