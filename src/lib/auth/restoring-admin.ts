/**
 * Who an admin is while their own restore runs. A restore holds the application tables — User
 * among them — locked until it commits, so a session lookup that joins User would wait for the
 * whole restore: the admin's progress polls and a reload of the page would hang. The admin who
 * requested a RUNNING restore proved, at request time, an ADMIN session and their password; while
 * the lock is held nobody can change their account either. So for a live session (Session row,
 * not revoked, not expired) whose owner requested the RUNNING restore, the restore's own record
 * (BackupOperation) stands in for the User row until the restore ends. This reads system tables
 * only (Session, BackupOperation), which a restore never touches. Everyone else: null, and the
 * caller looks the session up as usual.
 */
import type { PrismaClient } from '../db/prisma';
import type { CurrentSession } from './sessions';
import { hashSessionToken } from './session-token';

export async function findRestoringAdminSession(prisma: PrismaClient, token: string, now = Date.now()): Promise<CurrentSession | null> {
  const tokenHash = hashSessionToken(token);
  if (!tokenHash) return null;
  const [row] = await prisma.$queryRaw<{ sessionId: string; userId: string; email: string }[]>`
    SELECT s."id" AS "sessionId", s."userId", o."requestedEmail" AS "email"
      FROM "Session" s
      JOIN "BackupOperation" o ON o."requestedBy" = s."userId" AND o."kind" = 'RESTORE' AND o."status" = 'RUNNING'
     WHERE s."tokenHash" = ${tokenHash} AND s."revokedAt" IS NULL AND o."requestedEmail" IS NOT NULL
       AND s."expiresAt" > (to_timestamp(${now / 1000}::float8) AT TIME ZONE 'UTC')
     LIMIT 1`;
  if (!row) return null;
  return { sessionId: row.sessionId, user: { id: row.userId, email: row.email, name: row.email, role: 'ADMIN' } };
}
