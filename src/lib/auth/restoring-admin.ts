/**
 * Who an admin is while their own restore runs. A restore holds the application tables — User
 * among them — locked until it commits, so reading the user would wait for the whole restore:
 * the admin's progress polls and a reload of the page would hang. The admin who requested a
 * RUNNING restore proved, at request time, an ADMIN session and their password; while the lock
 * is held, nobody can change their account either. So for that one session owner the running
 * restore's own record (BackupOperation, which a restore never touches) stands in for the User
 * row until the restore ends. Everyone else is looked up as usual.
 */
import { getPrisma } from '@/lib/db/prisma';
import type { SessionUser } from './auth';

export async function restoringAdmin(userId: string): Promise<SessionUser | null> {
  const restore = await getPrisma().backupOperation.findFirst({
    where: { kind: 'RESTORE', status: 'RUNNING', requestedBy: userId },
    select: { requestedEmail: true },
  });
  if (!restore?.requestedEmail) return null;
  return { id: userId, email: restore.requestedEmail, name: restore.requestedEmail, role: 'ADMIN' };
}
