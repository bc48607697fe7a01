/**
 * A restore asked for by a person, after step-up confirmation: the backup must exist, then the
 * door's confirmation is checked against the backup's confirmation phrase — its date and time as
 * the page shows it (src/lib/conventions/confirmation.ts). Today the door is src/lib/auth/step-up.ts: the admin's
 * own password and the typed phrase together, one answer (CONFIRMATION_FAILED) for any mismatch,
 * throttled (TOO_MANY_ATTEMPTS). If it throws, nothing is queued. Otherwise the restore is
 * requested (`requestRestore`), of the whole database or of the `selection` only.
 */
import { confirmationPhrase } from '../../conventions/confirmation';
import { NotFoundError } from '../errors';
import type { RestoreSelection } from '../restore/selective/selection';
import type { Actor } from './actor';
import type { BackupContext } from './context';
import { requestRestore, type RequestedOperation } from './requests';

export interface RestoreConfirmation {
  /** Resolves when the person proved who they are and typed `expectedPhrase`; throws otherwise. */
  confirm(expectedPhrase: string): Promise<void>;
}

export async function requestConfirmedRestore(
  ctx: BackupContext,
  request: { actor: Actor; backupId: string; confirmation: RestoreConfirmation; selection?: RestoreSelection },
): Promise<RequestedOperation> {
  const backup = await ctx.prisma.backup.findUnique({ where: { id: request.backupId }, select: { createdAt: true } });
  if (!backup) throw new NotFoundError('The backup');
  await request.confirmation.confirm(confirmationPhrase(backup.createdAt, ctx.config.schedule.timeZone));
  return requestRestore(ctx, { actor: request.actor, backupId: request.backupId, selection: request.selection });
}
