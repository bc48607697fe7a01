/**
 * `requireAdmin()` with the audit trail every backup door needs: when the caller is refused
 * (no session → UnauthenticatedError, not an admin → ForbiddenError), an AuditLog row with
 * outcome DENIED is written — actor when known, the action attempted, the backup id when one was
 * given, IP and user agent — and the error is rethrown for the transport to translate.
 */
import type { AuditAction } from '@/generated/prisma/client';
import { ForbiddenError, UnauthenticatedError, writeAudit, type Actor, type RequestMeta } from '@/lib/backup';
import { getPrisma } from '@/lib/db/prisma';
import { auth, requireAdmin, type SessionUser } from './auth';

export function userActor(user: SessionUser): Actor {
  return { kind: 'user', id: user.id, email: user.email };
}

export async function requireAdminAudited(action: AuditAction, meta: RequestMeta, resourceId?: string): Promise<SessionUser> {
  try {
    return await requireAdmin();
  } catch (error) {
    if (error instanceof UnauthenticatedError || error instanceof ForbiddenError) {
      const known = error instanceof ForbiddenError ? await auth() : null;
      await writeAudit(getPrisma(), {
        actor: known ? userActor(known) : null,
        action,
        outcome: 'DENIED',
        resourceId,
        meta,
        details: { code: error.code },
      });
    }
    throw error;
  }
}
