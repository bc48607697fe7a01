/**
 * What every backup server action returns, and the one place errors become that result.
 * - `ActionResult<T>`: `{ ok: true, data }` or `{ ok: false, error: { code, message } }`.
 * - `toActionError`: a BackupError keeps its stable code and its (safe) message; anything else
 *   is logged on the server and becomes INTERNAL with a fixed message, so no path, SQL, stack
 *   or key ever reaches the caller.
 * - `adminAction(auditAction, schema, handler)`: the auth-checking action client (after dub's).
 *   It checks the caller first (`requireAdmin()`; a refusal is audit-logged DENIED), validates
 *   the input with zod (INVALID_INPUT), runs the handler, writes a SUCCESS or FAILURE audit row
 *   with the backup id, and translates errors. Handlers stay a few lines long.
 */
import type { z } from 'zod';
import type { AuditAction } from '@/generated/prisma/client';
import { BackupError, InvalidInputError, writeAudit, type Actor, type BackupContext } from '@/lib/backup';
import { getBackupContext } from '@/lib/backup/service/app-context';
import type { SessionUser } from '@/lib/auth/auth';
import { requireAdminAudited, userActor } from '@/lib/auth/audited-guard';
import { requestMeta } from '@/lib/auth/request-meta';
import { getPrisma } from '@/lib/db/prisma';
import { isBackupId } from './backup-id';

export interface ActionError {
  code: string;
  message: string;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

const INTERNAL_ERROR: ActionError = { code: 'INTERNAL', message: 'Something went wrong. The error was logged.' };

export function toActionError(error: unknown): ActionError {
  if (error instanceof BackupError && error.code !== 'INTERNAL') return { code: error.code, message: error.message };
  console.error('server action failed:', error);
  return INTERNAL_ERROR;
}

export interface AdminActionContext {
  user: SessionUser;
  actor: Actor;
  ctx: BackupContext;
}

/** The backup an input or a result names (`id` or `backupId`), if it looks like one. */
function backupIdIn(value: unknown): string | undefined {
  const { id, backupId } = (value ?? {}) as { id?: unknown; backupId?: unknown };
  return isBackupId(id) ? id : isBackupId(backupId) ? backupId : undefined;
}

function operationIdIn(value: unknown): { operationId: string } | undefined {
  const { operationId } = (value ?? {}) as { operationId?: unknown };
  return typeof operationId === 'string' ? { operationId } : undefined;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

export function adminAction<S extends z.ZodType, T>(
  action: AuditAction,
  schema: S,
  handler: (input: z.output<S>, context: AdminActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const meta = await requestMeta();
    let user: SessionUser;
    try {
      user = await requireAdminAudited(action, meta, backupIdIn(input));
    } catch (error) {
      return { ok: false, error: toActionError(error) };
    }
    const actor = userActor(user);
    const audit = (outcome: 'SUCCESS' | 'FAILURE', resourceId: string | undefined, details: Record<string, string> | undefined) =>
      writeAudit(getPrisma(), { actor, action, outcome, resourceId, meta, details });
    try {
      const parsed = schema.safeParse(input);
      if (!parsed.success) throw new InvalidInputError(describeIssues(parsed.error));
      const data = await handler(parsed.data, { user, actor, ctx: await getBackupContext() });
      await audit('SUCCESS', backupIdIn(parsed.data) ?? backupIdIn(data), operationIdIn(data));
      return { ok: true, data };
    } catch (error) {
      const failure = toActionError(error);
      await audit('FAILURE', backupIdIn(input), { code: failure.code });
      return { ok: false, error: failure };
    }
  };
}
