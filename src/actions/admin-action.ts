/**
 * `adminAction(auditAction, schema, handler)`: the auth-checking action client (after dub's).
 * It checks the caller first (`requireAdmin()`; a refusal is audit-logged DENIED), validates the
 * input with zod (INVALID_INPUT), runs the handler with the backup context, writes a SUCCESS or
 * FAILURE audit row with the backup id, and translates errors (`toActionError`). Handlers stay a
 * few lines long: they call the core and return its result.
 */
import type { z } from 'zod';
import type { AuditAction } from '@/generated/prisma/client';
import { getBackupContext, writeAudit, type Actor, type BackupContext } from '@/lib/backup';
import type { SessionUser } from '@/lib/auth/auth';
import { requireAdminAudited, userActor } from '@/lib/auth/audited-guard';
import { requestMeta } from '@/lib/auth/request-meta';
import { getPrisma } from '@/lib/db/prisma';
import { backupIdIn, operationIdIn } from './audit-ids';
import { toActionError, type ActionResult } from './result';
import { validateInput } from './validate-input';

export interface AdminActionContext {
  user: SessionUser;
  actor: Actor;
  ctx: BackupContext;
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
      const parsed = validateInput(schema, input);
      const data = await handler(parsed, { user, actor, ctx: await getBackupContext() });
      await audit('SUCCESS', backupIdIn(parsed) ?? backupIdIn(data), operationIdIn(data));
      return { ok: true, data };
    } catch (error) {
      const failure = toActionError(error);
      await audit('FAILURE', backupIdIn(input), { code: failure.code });
      return { ok: false, error: failure };
    }
  };
}
