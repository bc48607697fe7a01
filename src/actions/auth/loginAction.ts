'use server';
/**
 * Sign-in form action, for React 19 `useActionState(loginAction, undefined)`: form fields
 * `email`, `password` and optional `next`. Signs in through the core (src/lib/auth/sign-in.ts:
 * throttled per client and account, server-side session), sets the session cookie, records
 * LOGIN and redirects to `next` when it resolves to a path on this site, else /admin/backups.
 * A wrong address or password gets one generic error and a LOGIN_FAILED row; too many failures
 * get TooManyAttemptsError's message, which says when to try again.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { writeAudit } from '@/lib/backup';
import { requestMeta } from '@/lib/auth/request-meta';
import { safeRedirectPath } from '@/lib/auth/safe-redirect';
import { SESSION_COOKIE, sessionCookieOptions } from '@/lib/auth/session-cookie';
import { signIn } from '@/lib/auth/sign-in';
import { getPrisma } from '@/lib/db/prisma';
import { toActionError } from '../result';

const schema = z.object({ email: z.string().max(254), password: z.string().max(1024) });

export interface LoginState {
  error?: string;
}

const WRONG_CREDENTIALS = 'The e-mail address or password is not correct.';

export async function loginAction(_previous: LoginState | undefined, formData: FormData): Promise<LoginState> {
  const meta = await requestMeta();
  const prisma = getPrisma();
  try {
    const input = schema.safeParse({ email: formData.get('email'), password: formData.get('password') });
    if (!input.success) return { error: WRONG_CREDENTIALS };
    const result = await signIn(prisma, { ...input.data, ip: meta.ip, userAgent: meta.userAgent });
    if (!result.ok) {
      const actor = result.account ? { kind: 'user' as const, ...result.account } : null;
      await writeAudit(prisma, { actor, action: 'LOGIN_FAILED', outcome: 'FAILURE', resource: 'user', resourceId: result.account?.id, meta });
      return { error: WRONG_CREDENTIALS };
    }
    (await cookies()).set(SESSION_COOKIE, result.token, sessionCookieOptions(meta.secure));
    await prisma.user.update({ where: { id: result.user.id }, data: { lastLoginAt: new Date() } });
    await writeAudit(prisma, { actor: { kind: 'user', ...result.user }, action: 'LOGIN', outcome: 'SUCCESS', resource: 'user', resourceId: result.user.id, meta });
  } catch (error) {
    return { error: toActionError(error).message };
  }
  redirect(safeRedirectPath(formData.get('next')));
}
