/**
 * Runs a requested operation (create, restore) in this process with `runOperation`, showing its
 * progress: the core records live progress on the operation's row, so this polls the row while
 * the operation runs. Resolves with the COMPLETED operation; a FAILED one is thrown as the
 * BackupError recorded on it (its code decides the exit status).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BackupError, runOperation, type BackupContext, type BackupErrorCode, type OperationProgress } from '@/lib/backup';
import type { BackupOperation } from '@/generated/prisma/client';
import type { ProgressRenderer } from './output';

const POLL_INTERVAL_MS = 250;

export async function runInForeground(
  ctx: BackupContext,
  operationId: string,
  options: { signal: AbortSignal; progress: ProgressRenderer },
): Promise<BackupOperation> {
  let running = true;
  const polling = (async () => {
    while (running) {
      await sleep(POLL_INTERVAL_MS);
      const row = await ctx.prisma.backupOperation.findUnique({ where: { id: operationId }, select: { progress: true } }).catch(() => null);
      const progress = row?.progress as OperationProgress | null | undefined;
      if (running && progress) options.progress.update(progress);
    }
  })();
  let operation: BackupOperation;
  try {
    operation = await runOperation(ctx, operationId, { signal: options.signal, runner: { kind: 'system', name: 'cli' } });
  } finally {
    running = false;
    await polling;
    options.progress.done();
  }
  if (operation.status !== 'COMPLETED') {
    // The row keeps the failure's stable code; rebuild the error so that the exit status follows it.
    throw new BackupError((operation.errorCode ?? 'INTERNAL') as BackupErrorCode, operation.error ?? 'The operation failed.');
  }
  return operation;
}
