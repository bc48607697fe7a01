/**
 * A restore asked for by a person: the backup must exist (NOT_FOUND), then the door's step-up
 * confirmation runs with the backup's name — the person proves again who they are and types that
 * name; it throws CONFIRMATION_FAILED (or another refusal) and nothing is queued — and only then
 * is the restore requested (`requestRestore`). The core owns the order; the door owns how a
 * person is confirmed.
 */
import { NotFoundError } from '../errors';
import type { Actor } from './actor';
import type { BackupContext } from './context';
import { requestRestore, type RequestedOperation } from './requests';

/** Throws unless the person confirmed the restore of the backup with this file name. */
export type RestoreConfirmation = (backup: { filename: string }) => Promise<void>;

export async function requestConfirmedRestore(
  ctx: BackupContext,
  request: { actor: Actor; backupId: string; confirm: RestoreConfirmation },
): Promise<RequestedOperation> {
  const backup = await ctx.prisma.backup.findUnique({ where: { id: request.backupId }, select: { filename: true } });
  if (!backup) throw new NotFoundError('The backup');
  await request.confirm(backup);
  return requestRestore(ctx, { actor: request.actor, backupId: request.backupId });
}
