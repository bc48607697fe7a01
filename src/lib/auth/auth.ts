/**
 * The ERP's authentication seam (same names as Auth.js v5, see docs/decisions/002-authentication.md):
 * - `auth()`: the signed-in user from the session cookie, or null. The cookie's signature and
 *   expiry are checked, then the user is loaded from the database on every call, so a user who
 *   was deactivated or deleted is signed out at once — except while that admin's own restore
 *   runs and holds the User table (restoring-admin.ts).
 * - `requireUser()` / `requireAdmin()`: guards that throw UnauthenticatedError (no valid session)
 *   or ForbiddenError (signed in without the ADMIN role). Every server action and route handler
 *   that touches backups calls `requireAdmin()` itself, first.
 */
import { cookies } from 'next/headers';
import { ForbiddenError, UnauthenticatedError } from '@/lib/backup/errors';
import { getPrisma } from '@/lib/db/prisma';
import type { Role } from '@/generated/prisma/client';
import { restoringAdmin } from './restoring-admin';
import { SESSION_COOKIE, sessionSecret, verifySessionToken } from './session';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export async function auth(): Promise<SessionUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const session = verifySessionToken(token, sessionSecret());
  if (!session) return null;
  const restoring = await restoringAdmin(session.userId);
  if (restoring) return restoring;
  const user = await getPrisma().user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, name: true, role: true, isActive: true },
  });
  if (!user?.isActive) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
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
