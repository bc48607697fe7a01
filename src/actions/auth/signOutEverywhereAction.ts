'use server';
/**
 * "Sign out everywhere" (admin page, ActiveSessions): ends every session of the signed-in user,
 * this browser's included, records LOGOUT with the count, clears the cookie and goes to /login.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { writeAudit } from '@/lib/backup';
import { auth } from '@/lib/auth/auth';
import { userActor } from '@/lib/auth/audited-guard';
import { requestMeta } from '@/lib/auth/request-meta';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import { revokeUserSessions } from '@/lib/auth/sessions';
import { getPrisma } from '@/lib/db/prisma';

export async function signOutEverywhereAction(): Promise<void> {
  const [user, meta] = await Promise.all([auth(), requestMeta()]);
  if (user) {
    const ended = await revokeUserSessions(getPrisma(), user.id);
    await writeAudit(getPrisma(), { actor: userActor(user), action: 'LOGOUT', outcome: 'SUCCESS', resource: 'user', resourceId: user.id, meta, details: { everywhere: true, ended } });
  }
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/login');
}
