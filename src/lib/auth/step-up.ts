/**
 * Step-up confirmation before a restore, framework-free: the admin types their own password and
 * the backup's confirmation phrase (its date and time, src/lib/conventions/confirmation.ts). Both are always checked (the scrypt work is done whatever the
 * name), and any mismatch gets the same ConfirmationFailedError, so the answer reveals nothing
 * about the password. Throttled per account and per client like sign-in (throttle.ts):
 * TooManyAttemptsError, before checking anything, while a key is waiting.
 */
import { sameConfirmationText } from '../conventions/confirmation';
import { ConfirmationFailedError } from '../backup/errors';
import type { PrismaClient } from '../db/prisma';
import { verifyPassword } from './password';
import { beginAttempt, type ThrottleKey } from './throttle';

export const STEP_UP_FREE_FAILURES = { account: 5, client: 10 } as const;
export const STEP_UP_FAILED_MESSAGE = 'The typed date and time or your password is not correct. Nothing was restored.';

export function stepUpKeys(userId: string, ip: string | undefined): ThrottleKey[] {
  return [
    { key: `step-up:client:${ip ?? 'unknown'}`, freeFailures: STEP_UP_FREE_FAILURES.client, clearOnSuccess: false },
    { key: `step-up:account:${userId}`, freeFailures: STEP_UP_FREE_FAILURES.account, clearOnSuccess: true },
  ];
}

export async function confirmStepUp(
  prisma: PrismaClient,
  input: { userId: string; password: string; typedPhrase: string; expectedPhrase: string; ip?: string },
): Promise<void> {
  const attempt = await beginAttempt(prisma, stepUpKeys(input.userId, input.ip));
  const account = await prisma.user.findUnique({ where: { id: input.userId }, select: { passwordHash: true } });
  const passwordOk = account !== null && (await verifyPassword(input.password, account.passwordHash));
  const nameOk = sameConfirmationText(input.typedPhrase, input.expectedPhrase);
  if (!passwordOk || !nameOk) throw new ConfirmationFailedError(STEP_UP_FAILED_MESSAGE);
  await attempt.succeeded();
}
