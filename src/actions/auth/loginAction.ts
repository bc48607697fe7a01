'use server';
/**
 * Sign-in form action, for React 19 `useActionState(loginAction, undefined)`: form fields
 * `email`, `password` and optional `next`. On success sets the session cookie (httpOnly,
 * SameSite=Lax, Secure over https, 8 h), records LOGIN and redirects to `next` when it is a path
 * on this site, else /admin/backups. On failure returns one generic error, whether the address
 * is unknown or the password wrong, and records LOGIN_FAILED.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { writeAudit } from '@/lib/backup';
import { checkCredentials } from '@/lib/auth/credentials';
import { requestMeta } from '@/lib/auth/request-meta';
import { safeRedirectPath } from '@/lib/auth/safe-redirect';
import { createSessionToken, SESSION_COOKIE, sessionCookieOptions, sessionSecret } from '@/lib/auth/session';
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
    const check = input.success ? await checkCredentials(input.data.email, input.data.password) : { ok: false as const, account: null };
    if (!check.ok) {
      const actor = check.account ? { kind: 'user' as const, ...check.account } : null;
      await writeAudit(prisma, { actor, action: 'LOGIN_FAILED', outcome: 'FAILURE', resource: 'user', resourceId: check.account?.id, meta });
      return { error: WRONG_CREDENTIALS };
    }
    (await cookies()).set(SESSION_COOKIE, createSessionToken(check.user.id, sessionSecret()), sessionCookieOptions(meta.secure));
    await prisma.user.update({ where: { id: check.user.id }, data: { lastLoginAt: new Date() } });
    await writeAudit(prisma, { actor: { kind: 'user', ...check.user }, action: 'LOGIN', outcome: 'SUCCESS', resource: 'user', resourceId: check.user.id, meta });
  } catch (error) {
    return { error: toActionError(error).message };
  }
  redirect(safeRedirectPath(formData.get('next')));
}
