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
 * `toBackupError` (at the end) is the ONE classifier of foreign errors that every layer and
 * transport uses.
 */
import { recogniseForeignError, type ForeignCondition } from './foreign-errors';

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
  | 'TOO_MANY_ATTEMPTS'
  | 'NOTIFY_FAILED'
  | 'UNSUPPORTED_OBJECT'
  | 'INSUFFICIENT_PRIVILEGE'
  | 'DB_NOT_FOUND'
  | 'DB_NOT_MIGRATED'
  | 'DB_AUTH_FAILED'
  | 'CONSTRAINT_VIOLATION';

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

/**
 * Base of the refusals of the ERP's authentication layer (src/lib/auth): the caller is not who
 * may do this. They live in this one hierarchy so that every transport translates them like any
 * other error; nothing about them is specific to backups.
 */
export class AuthError extends BackupError {}

/** No one is signed in. */
export class UnauthenticatedError extends AuthError {
  constructor() {
    super('UNAUTHENTICATED', 'Please sign in.');
  }
}

/** Signed in, but without the role this needs. */
export class ForbiddenError extends AuthError {
  constructor(message = 'This needs an administrator account.') {
    super('FORBIDDEN', message);
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

/**
 * Too many failed sign-ins or step-up confirmations from this client or for this account
 * (src/lib/auth/throttle.ts): nothing was checked; `retryAt` says when the next try is accepted.
 */
export class TooManyAttemptsError extends BackupError {
  readonly retryAt: Date;
  constructor(retryAt: Date, now = Date.now()) {
    const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now) / 1000));
    const wait = seconds === 1 ? '1 second' : seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
    super('TOO_MANY_ATTEMPTS', `Too many failed attempts. Try again in ${wait} (after ${retryAt.toISOString().slice(11, 19)} UTC).`);
    this.retryAt = retryAt;
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

/** The database DATABASE_URL names does not exist on its server (never created as a side effect). */
export class DatabaseNotFoundError extends BackupError {
  constructor(database?: string, options?: BackupErrorOptions) {
    super(
      'DB_NOT_FOUND',
      `The database${database ? ` "${database}"` : ''} does not exist on the server. Check the database name in DATABASE_URL; to create and migrate it, run npm run db:migrate.`,
      options,
    );
  }
}

/** The database has not been migrated: the module's own tables are missing. */
export class DatabaseNotMigratedError extends BackupError {
  constructor(detail?: string, options?: BackupErrorOptions) {
    super('DB_NOT_MIGRATED', `The database has not been migrated${detail ? ` (${detail})` : ''}. Run npm run db:migrate, then try again.`, options);
  }
}

/** The server refused the user name or password in DATABASE_URL. */
export class DatabaseAuthError extends BackupError {
  constructor(user?: string, options?: BackupErrorOptions) {
    super('DB_AUTH_FAILED', `The database refused the credentials in DATABASE_URL${user ? ` (user "${user}")` : ''}: check the user name and password.`, options);
  }
}

/** Rows violate a constraint of the database (e.g. a restore whose data breaks a key or check). */
export class ConstraintViolationError extends BackupError {
  readonly constraint?: string;
  constructor(where: { table?: string; constraint?: string }, options?: BackupErrorOptions) {
    const constraint = where.constraint ? `constraint "${where.constraint}"` : 'a constraint';
    super(
      'CONSTRAINT_VIOLATION',
      `${where.table ? `Rows of table "${where.table}"` : 'Rows'} violate ${constraint} of the database, so they cannot be written. Nothing was changed by this operation.`,
      { ...options, ...(where.table ? { table: where.table } : {}) },
    );
    if (where.constraint) this.constraint = where.constraint;
  }
}

const INTERNAL_MESSAGE = 'An unexpected error occurred. See the server log for details.';
/** How deep the classifier follows `cause` (wrappers rarely nest more than a few levels). */
const MAX_CAUSE_DEPTH = 8;

function fromCondition(condition: ForeignCondition, error: unknown): BackupError {
  const options = { cause: error };
  switch (condition.kind) {
    case 'disk-full':
      return new DiskFullError(options);
    case 'aborted':
      return new CancelledError();
    case 'connection-lost':
      return new DatabaseUnavailableError('the connection failed', options);
    case 'auth-failed':
      return new DatabaseAuthError(condition.user, options);
    case 'database-missing':
      return new DatabaseNotFoundError(condition.database, options);
    case 'table-missing':
      return new DatabaseNotMigratedError(condition.table ? `table "${condition.table}" is missing` : undefined, options);
    case 'record-missing':
      return new NotFoundError(`The ${condition.model === 'BackupOperation' ? 'operation' : 'backup'}`);
    case 'constraint-violated':
      return new ConstraintViolationError(condition, options);
    case 'compressed-data-damaged':
      return new CorruptBackupError('the compressed data is damaged', options);
    case 'privilege-missing':
      return new InsufficientPrivilegeError('The database role lacks a privilege this needs. Use a role that owns the tables (or a superuser).', options);
  }
}

/**
 * The one classifier: brings anything thrown into the hierarchy. A BackupError stays as it is;
 * otherwise the error and then its causes, in order, are matched against the conditions of
 * `foreign-errors.ts` (a BackupError found among the causes wins as it is). Anything else is
 * INTERNAL, keeping the error as its cause.
 */
export function toBackupError(error: unknown): BackupError {
  let layer: unknown = error;
  for (let depth = 0; layer !== null && layer !== undefined && depth < MAX_CAUSE_DEPTH; depth++) {
    if (layer instanceof BackupError) return layer;
    const condition = recogniseForeignError(layer);
    if (condition) return fromCondition(condition, error);
    layer = (layer as { cause?: unknown }).cause;
  }
  return new BackupError('INTERNAL', INTERNAL_MESSAGE, { cause: error });
}
