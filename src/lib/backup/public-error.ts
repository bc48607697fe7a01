/**
 * What a caller outside the server (a browser, an HTTP client) is told about an error: its
 * stable code and a message safe to show. Every code is decided here, once, for every transport
 * (the compiler checks the table is complete): a condition the caller can act on keeps its own
 * message; INTERNAL is logged on the server with its cause and becomes a fixed message, so no
 * path, SQL, stack or key ever leaves the server. Server actions and route handlers both use
 * `toPublicError`; each adds only its own envelope (action result, HTTP status).
 */
import { toBackupError, type BackupErrorCode } from './errors';

export interface PublicError {
  code: BackupErrorCode;
  message: string;
}

type Disclosure = 'own message' | 'logged, generic message';

const DISCLOSURE: Record<BackupErrorCode, Disclosure> = {
  INTERNAL: 'logged, generic message',
  CONFIG_INVALID: 'own message',
  KEY_INVALID: 'own message',
  WRONG_KEY: 'own message',
  CORRUPT: 'own message',
  TRUNCATED: 'own message',
  NOT_A_BACKUP: 'own message',
  UNSUPPORTED_VERSION: 'own message',
  SCHEMA_MISMATCH: 'own message',
  CHECKSUM_MISMATCH: 'own message',
  NOT_FOUND: 'own message',
  LOCKED: 'own message',
  DISK_FULL: 'own message',
  DB_UNAVAILABLE: 'own message',
  DB_NOT_FOUND: 'own message',
  DB_NOT_MIGRATED: 'own message',
  DB_AUTH_FAILED: 'own message',
  CONSTRAINT_VIOLATION: 'own message',
  UNSUPPORTED_OBJECT: 'own message',
  INSUFFICIENT_PRIVILEGE: 'own message',
  CANCELLED: 'own message',
  TOO_LARGE: 'own message',
  STORAGE: 'own message',
  UNAUTHENTICATED: 'own message',
  FORBIDDEN: 'own message',
  INVALID_INPUT: 'own message',
  CONFIRMATION_FAILED: 'own message',
  TOO_MANY_ATTEMPTS: 'own message',
  NOTIFY_FAILED: 'own message',
};

export const GENERIC_MESSAGE = 'Something went wrong. The error was logged.';

/** Classifies `error` (the one classifier) and says what the caller may see; `where` names the door in the log. */
export function toPublicError(error: unknown, where: string): PublicError {
  const failure = toBackupError(error);
  if (DISCLOSURE[failure.code] === 'own message') return { code: failure.code, message: failure.message };
  console.error(`${where} failed:`, error);
  return { code: failure.code, message: GENERIC_MESSAGE };
}
