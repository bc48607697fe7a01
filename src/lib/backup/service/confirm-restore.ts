/**
 * A restore asked for by a person, after step-up confirmation: the backup must exist, the
 * caller's identity is confirmed again (the door says how — today the admin's own password),
 * and the backup's exact file name must be typed. If either check fails: CONFIRMATION_FAILED
 * and nothing is queued. Otherwise the restore is requested (`requestRestore`).
 */
import { ConfirmationFailedError, NotFoundError } from '../errors';
import type { Actor } from './actor';
import type { BackupContext } from './context';
import { requestRestore, type RequestedOperation } from './requests';

export interface RestoreConfirmation {
  /** What the person typed as the backup's name. */
  typedName: string;
  /** Whether the person proved again who they are (e.g. their password matched). */
  identityConfirmed(): Promise<boolean>;
}

export async function requestConfirmedRestore(
  ctx: BackupContext,
  request: { actor: Actor; backupId: string; confirmation: RestoreConfirmation },
): Promise<RequestedOperation> {
  const backup = await ctx.prisma.backup.findUnique({ where: { id: request.backupId }, select: { filename: true } });
  if (!backup) throw new NotFoundError('The backup');
  if (!(await request.confirmation.identityConfirmed())) throw new ConfirmationFailedError('Your password is not correct. Nothing was restored.');
  if (request.confirmation.typedName !== backup.filename) {
    throw new ConfirmationFailedError('The typed name does not match the backup name. Nothing was restored.');
  }
  return requestRestore(ctx, { actor: request.actor, backupId: request.backupId });
}
