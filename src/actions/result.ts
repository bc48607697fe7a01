/**
 * What every server action returns, and the one place errors become that result:
 * `{ ok: true, data }` or `{ ok: false, error: { code, message } }`. The error is the core's
 * public form (`toPublicError`): a BackupError keeps its stable code and its (safe) message;
 * anything else is logged on the server and becomes INTERNAL with a fixed message, so no path,
 * SQL, stack or key ever reaches the caller.
 */
import { toPublicError, type PublicError } from '@/lib/backup';

export type ActionError = PublicError;

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export function toActionError(error: unknown): ActionError {
  return toPublicError(error, 'server action');
}
