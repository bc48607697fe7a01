/**
 * The CLI's exit codes: the documented table, and the ONE place where an error becomes an exit
 * code (as restic's `cmd/restic/main.go` does). Every error is first brought into the backup
 * module's hierarchy by the core's one classifier (`toBackupError`), then its stable `code` picks
 * the exit status. Codes outside the hierarchy (operation rows may carry them) exit with 1.
 * The README prints `EXIT_CODE_TABLE`.
 */
import type { BackupErrorCode } from '@/lib/backup';

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
  DB_NOT_READY: 18,
  CANCELLED: 130,
} as const;

export type ExitName = keyof typeof EXIT;

const MEANING: Record<ExitName, string> = {
  OK: 'success',
  FAILURE: 'failure (anything not listed below)',
  USAGE: 'usage: bad arguments, unknown command, confirmation missing or not matching',
  CONFIG: 'configuration invalid (environment variables, encryption keys, database credentials)',
  NOT_FOUND: 'backup (id or file) not found',
  LOCKED: 'another backup or restore is running',
  WRONG_KEY: 'the backup was encrypted with a key that is not configured',
  CORRUPT: 'the file is corrupt, truncated, tampered with, or not a backup',
  INCOMPATIBLE: 'the backup does not fit this database (schema mismatch, violated constraint) or its format version is unsupported',
  UNHEALTHY: 'health: backups are not healthy',
  DB_UNAVAILABLE: 'the database is unreachable or the connection dropped',
  DISK_FULL: 'the disk is full',
  DB_NOT_READY: 'the database does not exist or is not migrated (run npm run db:migrate)',
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
  TOO_MANY_ATTEMPTS: 'FAILURE',
  CONFIG_INVALID: 'CONFIG',
  KEY_INVALID: 'CONFIG',
  DB_AUTH_FAILED: 'CONFIG',
  NOT_FOUND: 'NOT_FOUND',
  LOCKED: 'LOCKED',
  WRONG_KEY: 'WRONG_KEY',
  CORRUPT: 'CORRUPT',
  TRUNCATED: 'CORRUPT',
  NOT_A_BACKUP: 'CORRUPT',
  CHECKSUM_MISMATCH: 'CORRUPT',
  SCHEMA_MISMATCH: 'INCOMPATIBLE',
  UNSUPPORTED_VERSION: 'INCOMPATIBLE',
  CONSTRAINT_VIOLATION: 'INCOMPATIBLE',
  DB_NOT_FOUND: 'DB_NOT_READY',
  DB_NOT_MIGRATED: 'DB_NOT_READY',
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

/** The exit status for an error code (operation rows may carry codes outside the hierarchy). */
export function exitCodeFor(code: string): number {
  return Object.hasOwn(BY_ERROR_CODE, code) ? EXIT[BY_ERROR_CODE[code as BackupErrorCode]] : EXIT.FAILURE;
}
