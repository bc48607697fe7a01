'use server';
/** Sign-out form action: ends this session in the database, records LOGOUT, clears the cookie and goes to /login. */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { writeAudit } from '@/lib/backup';
import { currentSession } from '@/lib/auth/auth';
import { userActor } from '@/lib/auth/audited-guard';
import { requestMeta } from '@/lib/auth/request-meta';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';
import { revokeSession } from '@/lib/auth/sessions';
import { getPrisma } from '@/lib/db/prisma';

export async function logoutAction(): Promise<void> {
  const [session, meta] = await Promise.all([currentSession(), requestMeta()]);
  if (session) {
    await revokeSession(getPrisma(), session.sessionId);
    await writeAudit(getPrisma(), { actor: userActor(session.user), action: 'LOGOUT', outcome: 'SUCCESS', resource: 'user', resourceId: session.user.id, meta });
  }
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/login');
}
