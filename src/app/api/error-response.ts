/**
 * The one place route handlers turn errors into HTTP: the JSON body is the core's public form
 * `{ error: { code, message } }` (unknown errors are logged and leak nothing), and the status
 * follows the code through a complete table the compiler checks. Bodies are never cached and
 * never sniffed.
 */
import { toPublicError, type BackupErrorCode } from '@/lib/backup';

export const HTTP_STATUS: Record<BackupErrorCode, number> = {
  INTERNAL: 500,
  CONFIG_INVALID: 500,
  KEY_INVALID: 500,
  DB_AUTH_FAILED: 500,
  DB_NOT_FOUND: 500,
  DB_NOT_MIGRATED: 500,
  INSUFFICIENT_PRIVILEGE: 500,
  NOTIFY_FAILED: 502,
  STORAGE: 502,
  DB_UNAVAILABLE: 503,
  DISK_FULL: 507,
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFIRMATION_FAILED: 403,
  TOO_MANY_ATTEMPTS: 429,
  NOT_FOUND: 404,
  LOCKED: 409,
  CANCELLED: 409,
  SCHEMA_MISMATCH: 409,
  UNSUPPORTED_OBJECT: 422,
  CONSTRAINT_VIOLATION: 409,
  UNSUPPORTED_VERSION: 422,
  WRONG_KEY: 422,
  CORRUPT: 422,
  TRUNCATED: 422,
  NOT_A_BACKUP: 422,
  CHECKSUM_MISMATCH: 422,
  TOO_LARGE: 500,
};

export const NO_STORE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

export function errorResponse(error: unknown): Response {
  const body = toPublicError(error, 'route handler');
  return Response.json({ error: body }, { status: HTTP_STATUS[body.code], headers: NO_STORE_HEADERS });
}
