/**
 * Signing in, framework-free: throttled per client and per account (src/lib/auth/throttle.ts),
 * then the credentials are checked (credentials.ts: one answer for an unknown address and a wrong
 * password), then a server-side session is created. Throws TooManyAttemptsError (with the time
 * to retry) before checking anything while a key is waiting.
 */
import type { PrismaClient } from '../db/prisma';
import { checkCredentials } from './credentials';
import { createSession, type SessionUser } from './sessions';
import { beginAttempt, type ThrottleKey } from './throttle';

/** Free failures before waits begin: per account, and per client address (a school's NAT is one client). */
export const SIGN_IN_FREE_FAILURES = { account: 5, client: 20 } as const;
const MAX_EMAIL_LENGTH = 254;

export type SignInResult =
  | { ok: true; user: SessionUser; token: string; expiresAt: Date }
  | { ok: false; account: { id: string; email: string } | null };

export function signInKeys(email: string, ip: string | undefined): ThrottleKey[] {
  return [
    { key: `sign-in:client:${ip ?? 'unknown'}`, freeFailures: SIGN_IN_FREE_FAILURES.client, clearOnSuccess: false },
    { key: `sign-in:account:${email.trim().toLowerCase().slice(0, MAX_EMAIL_LENGTH)}`, freeFailures: SIGN_IN_FREE_FAILURES.account, clearOnSuccess: true },
  ];
}

export async function signIn(
  prisma: PrismaClient,
  input: { email: string; password: string; ip?: string; userAgent?: string },
): Promise<SignInResult> {
  const attempt = await beginAttempt(prisma, signInKeys(input.email, input.ip));
  const check = await checkCredentials(input.email, input.password);
  if (!check.ok) return check;
  await attempt.succeeded();
  const { token, expiresAt } = await createSession(prisma, { userId: check.user.id, ip: input.ip, userAgent: input.userAgent });
  return { ok: true, user: check.user, token, expiresAt };
}
