'use server';
/** Sign-out form action: records LOGOUT, clears the session cookie and goes to /login. */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { writeAudit } from '@/lib/backup';
import { auth } from '@/lib/auth/auth';
import { userActor } from '@/lib/auth/audited-guard';
import { requestMeta } from '@/lib/auth/request-meta';
import { SESSION_COOKIE } from '@/lib/auth/session';
import { getPrisma } from '@/lib/db/prisma';

export async function logoutAction(): Promise<void> {
  const [user, meta] = await Promise.all([auth(), requestMeta()]);
  if (user) {
    await writeAudit(getPrisma(), { actor: userActor(user), action: 'LOGOUT', outcome: 'SUCCESS', resource: 'user', resourceId: user.id, meta });
  }
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/login');
}
