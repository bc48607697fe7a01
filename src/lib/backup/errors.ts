/**
 * The one error hierarchy of the backup module.
 *
 * Every error the module throws on purpose is a `BackupError` with a stable
 * `code`. Messages are written for a school's IT admin: they say what went
 * wrong and what to do, and never contain keys, SQL or stack traces (paths
 * only where the operator gave them, e.g. on the CLI). Each transport
 * translates errors in exactly one place: the CLI to exit codes
 * (`scripts/cli/exit-codes.ts`), server actions to `{ ok: false, error }`
 * (`src/actions/result.ts`) and route handlers to HTTP statuses.
 * The wrapped cause, when there is one, is kept in `cause` for logs only.
 */

export type BackupErrorCode =
  | 'INTERNAL'
  | 'CONFIG_INVALID'
  | 'KEY_INVALID'
  | 'WRONG_KEY'
  | 'CORRUPT'
  | 'TRUNCATED'
  | 'NOT_A_BACKUP'
  | 'UNSUPPORTED_VERSION'
  | 'SCHEMA_MISMATCH'
  | 'CHECKSUM_MISMATCH'
  | 'NOT_FOUND'
  | 'LOCKED'
  | 'DISK_FULL'
  | 'DB_UNAVAILABLE'
  | 'CANCELLED'
  | 'TOO_LARGE'
  | 'STORAGE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'INVALID_INPUT'
  | 'CONFIRMATION_FAILED'
  | 'NOTIFY_FAILED'
  | 'UNSUPPORTED_OBJECT'
  | 'INSUFFICIENT_PRIVILEGE';

export interface BackupErrorOptions {
  cause?: unknown;
  /** The table the failure concerns, when there is one. */
  table?: string;
}

/** Base class: thrown only through its subclasses. */
export class BackupError extends Error {
  readonly code: BackupErrorCode;
  readonly table?: string;

  constructor(code: BackupErrorCode, message: string, options: BackupErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.table !== undefined) this.table = options.table;
  }
}

/** An environment variable or option is missing or malformed. */
export class ConfigError extends BackupError {
  constructor(message: string, options?: BackupErrorOptions) {
    super('CONFIG_INVALID', message, options);
  }
}

/** `BACKUP_ENCRYPTION_KEY` (or a previous key) is not exactly 64 hex characters. */
export class InvalidKeyError extends BackupError {
  constructor(message: string) {
    super('KEY_INVALID', message);
  }
}

/** None of the configured keys opens this backup. */
export class WrongKeyError extends BackupError {
  readonly fingerprint?: string;
  constructor(fingerprint?: string) {
    super(
      'WRONG_KEY',
      fingerprint
        ? `This backup was encrypted with a different key (fingerprint ${fingerprint}). Add that key to BACKUP_PREVIOUS_KEYS to read it.`
        : 'This backup was encrypted with a different key: none of the configured keys opens it. Add the key it was made with to BACKUP_PREVIOUS_KEYS.',
    );
    if (fingerprint) this.fingerprint = fingerprint;
  }
}

/** The GCM tag did not verify, or the payload inside is malformed: the file was changed or damaged. */
export class CorruptBackupError extends BackupError {
  constructor(detail?: string, options?: BackupErrorOptions) {
    super(
      'CORRUPT',
      `Authentication failed: the file was modified or is corrupt${detail ? ` (${detail})` : ''}. Use another backup or a cloud copy.`,
      options,
    );
  }
}

/** The file ends before its content does. */
export class TruncatedBackupError extends BackupError {
  constructor(detail: string) {
    super('TRUNCATED', `The backup file is truncated: ${detail}. It was probably not copied completely.`);
  }
}

/** The file is too short or otherwise cannot be one of this module's backups. */
export class NotABackupError extends BackupError {
  constructor(detail: string) {
    super('NOT_A_BACKUP', `This is not a backup file: ${detail}.`);
  }
}

/** The file was written by a newer (or unknown) format version. */
export class UnsupportedVersionError extends BackupError {
  constructor(found: string, supported: string) {
    super(
      'UNSUPPORTED_VERSION',
      `The backup uses format version ${found}, but this application reads version ${supported}. Restore it with a newer version of the application.`,
    );
  }
}

/** The backup was taken under another schema than the target database has. */
export class SchemaMismatchError extends BackupError {
  constructor(message: string, options?: BackupErrorOptions) {
    super('SCHEMA_MISMATCH', message, options);
  }
}

/** Row counts or hashes in the data disagree with the trailer. */
export class ChecksumMismatchError extends BackupError {
  constructor(table: string, detail: string) {
    super('CHECKSUM_MISMATCH', `Table "${table}" does not match its recorded checksum (${detail}): the file was modified or is corrupt. Use another backup or a cloud copy.`, {
      table,
    });
  }
}

/** The backup id or file does not exist. */
export class NotFoundError extends BackupError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found.`);
  }
}

/** Another backup or restore holds the database's operation lock. */
export class OperationInProgressError extends BackupError {
  constructor() {
    super('LOCKED', 'A backup or restore is already running. Wait for it to finish, then try again.');
  }
}

/** The disk ran out of space while writing. */
export class DiskFullError extends BackupError {
  constructor(options?: BackupErrorOptions) {
    super('DISK_FULL', 'The disk is full: the backup could not be written. Free some space or lower the retention limits.', options);
  }
}

/** The database could not be reached, or the connection dropped. */
export class DatabaseUnavailableError extends BackupError {
  constructor(detail: string, options?: BackupErrorOptions) {
    super('DB_UNAVAILABLE', `The database is unreachable or the connection dropped: ${detail}.`, options);
  }
}

/** The operation was cancelled (signal or abort). */
export class CancelledError extends BackupError {
  constructor() {
    super('CANCELLED', 'The operation was cancelled. Nothing was changed.');
  }
}

/** The plaintext would exceed what AES-GCM may encrypt under one IV. */
export class TooLargeError extends BackupError {
  constructor(limitBytes: bigint) {
    super('TOO_LARGE', `The backup exceeds the AES-GCM limit of ${limitBytes} bytes for one file.`);
  }
}

/** A storage back end (local directory or S3 bucket) failed. */
export class StorageError extends BackupError {
  constructor(message: string, options?: BackupErrorOptions) {
    super('STORAGE', message, options);
  }
}

/** No one is signed in. */
export class UnauthenticatedError extends BackupError {
  constructor() {
    super('UNAUTHENTICATED', 'Please sign in.');
  }
}

/** Signed in, but without the role this needs. */
export class ForbiddenError extends BackupError {
  constructor() {
    super('FORBIDDEN', 'Only administrators can manage backups.');
  }
}

/** Input failed validation. */
export class InvalidInputError extends BackupError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}

/** Step-up confirmation (password and typed backup name) failed. */
export class ConfirmationFailedError extends BackupError {
  constructor(message: string) {
    super('CONFIRMATION_FAILED', message);
  }
}

/** A notification (e-mail, webhook) could not be delivered. */
export class NotifyError extends BackupError {
  constructor(message: string, options?: BackupErrorOptions) {
    super('NOTIFY_FAILED', message, options);
  }
}

/** The database holds something the engine cannot copy (a foreign table, large objects): refused by name before any write. */
export class UnsupportedObjectError extends BackupError {
  constructor(message: string, options?: BackupErrorOptions) {
    super('UNSUPPORTED_OBJECT', message, options);
  }
}

/** The database role lacks a privilege the backup or restore needs (reading a table, owning it to suspend its triggers). */
export class InsufficientPrivilegeError extends BackupError {
  constructor(message: string, options?: BackupErrorOptions) {
    super('INSUFFICIENT_PRIVILEGE', message, options);
  }
}

/** Wraps anything that is not a BackupError, keeping it as the cause. */
export function toBackupError(error: unknown): BackupError {
  if (error instanceof BackupError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new DiskFullError({ cause: error });
  if (code === 'ABORT_ERR') return new CancelledError();
  return new BackupError('INTERNAL', 'An unexpected error occurred. See the server log for details.', { cause: error });
}
