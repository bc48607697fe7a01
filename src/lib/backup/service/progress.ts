/**
 * Records an operation's live progress on its BackupOperation row for pollers, at most every
 * PROGRESS_INTERVAL_MS (and always on a phase change), so a fast stream of updates costs a
 * handful of writes. Writes are serialised; a failed write is ignored (progress is advisory).
 */
import type { OperationProgress } from './backup-view';
import type { BackupContext } from './context';

export const PROGRESS_INTERVAL_MS = 500;

export interface ProgressReporter {
  report(progress: OperationProgress): void;
  flush(): Promise<void>;
}

export function createProgressReporter(ctx: BackupContext, operationId: string): ProgressReporter {
  let lastWrite = 0;
  let lastPhase = '';
  let pending: OperationProgress | null = null;
  let writing: Promise<void> = Promise.resolve();

  const write = () => {
    const progress = pending;
    pending = null;
    if (!progress) return;
    lastWrite = Date.now();
    writing = writing
      .then(() => ctx.prisma.backupOperation.update({ where: { id: operationId }, data: { progress: { ...progress } } }))
      .then(() => undefined, () => undefined);
  };
  return {
    report(progress) {
      pending = progress;
      if (progress.phase !== lastPhase || Date.now() - lastWrite >= PROGRESS_INTERVAL_MS) {
        lastPhase = progress.phase;
        write();
      }
    },
    async flush() {
      write();
      await writing;
    },
  };
}
