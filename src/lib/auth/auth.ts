/**
 * The ERP's authentication seam (same names as Auth.js v5, see docs/decisions/002-authentication.md
 * and 007-threat-model.md):
 * - `currentSession()`: the session row and user for the cookie, or null — two indexed lookups
 *   per request (memoised for the request with React's `cache`). A revoked or expired session, a
 *   deactivated or deleted user, or a malformed token is null.
 * - `auth()`: the signed-in user, or null.
 * - While an admin's own restore runs and holds the User table, that admin's session is read from
 *   the system tables instead (restoring-admin.ts), so their polls never wait for the restore.
 * - `requireUser()` / `requireAdmin()`: guards that throw UnauthenticatedError (no valid session)
 *   or ForbiddenError (signed in without the ADMIN role). Every server action and route handler
 *   that touches backups calls `requireAdmin()` itself, first.
 */
import { cookies } from 'next/headers';
import { cache } from 'react';
import { ForbiddenError, UnauthenticatedError } from '@/lib/backup/errors';
import { getPrisma } from '@/lib/db/prisma';
import { SESSION_COOKIE } from './session-cookie';
import { findRestoringAdminSession } from './restoring-admin';
import { findSession, type CurrentSession, type SessionUser } from './sessions';

export type { SessionUser };

export const currentSession = cache(async (): Promise<CurrentSession | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return (await findRestoringAdminSession(getPrisma(), token)) ?? findSession(getPrisma(), token);
});

export async function auth(): Promise<SessionUser | null> {
  return (await currentSession())?.user ?? null;
}

export async function requireUser(): Promise<SessionUser> {
  const user = await auth();
  if (!user) throw new UnauthenticatedError();
  return user;
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== 'ADMIN') throw new ForbiddenError();
  return user;
}
