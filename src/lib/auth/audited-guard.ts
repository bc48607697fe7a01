/**
 * `requireAdmin()` with the audit trail every backup door needs: a refused caller is recorded
 * with outcome DENIED and the error rethrown for the transport to translate. A signed-in
 * non-admin gets one row each (actor, action, backup id, IP, user agent); anonymous callers are
 * counted per client and minute (denial-audit.ts), so they cannot flood the log.
 */
import type { AuditAction } from '@/generated/prisma/client';
import { ForbiddenError, UnauthenticatedError, writeAudit, type Actor, type RequestMeta } from '@/lib/backup';
import { getPrisma } from '@/lib/db/prisma';
import { auth, type SessionUser } from './auth';
import { recordAnonymousDenial } from './denial-audit';

export function userActor(user: SessionUser): Actor {
  return { kind: 'user', id: user.id, email: user.email };
}

export async function requireAdminAudited(action: AuditAction, meta: RequestMeta, resourceId?: string): Promise<SessionUser> {
  const user = await auth();
  if (!user) {
    await recordAnonymousDenial(getPrisma(), action, meta, resourceId);
    throw new UnauthenticatedError();
  }
  if (user.role !== 'ADMIN') {
    const error = new ForbiddenError();
    await writeAudit(getPrisma(), { actor: userActor(user), action, outcome: 'DENIED', resourceId, meta, details: { code: error.code } });
    throw error;
  }
  return user;
}
