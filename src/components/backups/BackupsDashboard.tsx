'use client';
/**
 * The admin backups dashboard. Renders what the server page loaded (history, restores, health,
 * the running operation) and drives the server actions: create, verify, upload, delete,
 * restore. Long operations are followed with useOperationTracker; when one ends, the lists are
 * re-read with listBackupsAction and router.refresh() reloads the rest (health banner).
 * A reload shows the same state as before it: an operation this admin started is followed as
 * theirs (a running restore reopens its dialog with the "cannot be interrupted" warning);
 * only someone else's makes the page say "Another backup or restore is running". An operation
 * is followed once: one that has finished is never picked up again from a stale list.
 * All mutating buttons are disabled while a create or restore runs.
 */
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { listBackupsAction } from '@/actions/backups/listBackupsAction';
import type { BackupView } from '@/lib/backup/service/backup-view';
import type { BackupOverview } from '@/lib/backup/service/queries';
import type { HealthReport } from '@/lib/backup/service/health';
import { BackUpNowButton } from './BackUpNowButton';
import { BackupsTable } from './BackupsTable';
import { DeleteDialog } from './DeleteDialog';
import { HealthBanner } from './HealthBanner';
import { Notice, type NoticeValue } from './Notice';
import { ProgressPanel } from './ProgressPanel';
import { RestoreDialog } from './RestoreDialog';
import { RestoreHistory } from './RestoreHistory';
import { useOperationTracker, type FinishedOperation } from './useOperationTracker';
import { useRowActions } from './useRowActions';
import { formatBytes, formatCount } from './format';

export interface BackupsDashboardProps extends BackupOverview {
  health: HealthReport;
  timeZone: string;
  /** The signed-in admin's user id: operations they requested are theirs after a reload too. */
  viewerId: string;
}

const REFRESH_WHILE_FOREIGN_MS = 3000;

function finishedNotice(f: FinishedOperation): NoticeValue {
  const name = f.view.filename;
  if (!f.ok) return { tone: 'error', text: f.operation?.error?.message ?? f.view.error?.message ?? 'The operation failed.' };
  if (f.op.kind === 'CREATE') {
    return { tone: 'success', text: `Backup ${name} completed: ${formatCount(f.view.tableCount ?? 0)} tables, ${formatCount(f.view.rowCount ?? 0)} rows, ${formatBytes(f.view.size)}.` };
  }
  if (f.op.kind === 'RESTORE') return { tone: 'success', text: `Restore of ${name} completed. Safety backup: ${f.safetyBackupFilename ?? 'see the pre-restore row'}.` };
  return { tone: 'success', text: `${name} was copied to cloud storage.` };
}

export function BackupsDashboard({ health, timeZone, viewerId, ...loaded }: BackupsDashboardProps) {
  const router = useRouter();
  const [, startRefresh] = useTransition();
  // What the server page loaded last; when it loads anew (router.refresh()), the list follows it.
  const [fromServer, setFromServer] = useState<BackupOverview>(loaded);
  const [list, setList] = useState<BackupOverview>(loaded);
  if (fromServer.backups !== loaded.backups || fromServer.restores !== loaded.restores || fromServer.active !== loaded.active || fromServer.cloudConfigured !== loaded.cloudConfigured) {
    const reloaded = { backups: loaded.backups, restores: loaded.restores, active: loaded.active, cloudConfigured: loaded.cloudConfigured };
    setFromServer(reloaded);
    setList(reloaded);
  }
  const { backups, restores, active, cloudConfigured } = list;
  const refresh = useCallback(
    () =>
      startRefresh(async () => {
        const result = await listBackupsAction();
        if (result.ok) setList(result.data);
        router.refresh();
      }),
    [router],
  );
  const [notice, setNotice] = useState<NoticeValue | null>(null);
  const [lockedByOther, setLockedByOther] = useState(false);
  // After a reload during this admin's own restore, its dialog (progress, "cannot be interrupted") is back.
  const [dialog, setDialog] = useState<{ type: 'delete' | 'restore'; backup: BackupView } | null>(() => {
    const running = loaded.active;
    if (!running || running.kind !== 'RESTORE' || running.requestedBy !== viewerId) return null;
    const target = loaded.backups.find((b) => b.id === running.backupId);
    return target ? { type: 'restore', backup: target } : null;
  });
  const followed = useRef(new Set<string>());

  const tracker = useOperationTracker((finished) => {
    setNotice(finishedNotice(finished));
    setLockedByOther(false);
    refresh();
  });
  const { current, start } = tracker;
  const mine = active !== null && active.requestedBy === viewerId;
  const anotherRunning = lockedByOther || (active !== null && !mine);
  const busy = current !== null || active !== null;

  // Follow an operation that was already running when the page loaded (once per operation).
  useEffect(() => {
    if (!active || current || followed.current.has(active.id)) return;
    followed.current.add(active.id);
    start({ backupId: active.backupId, operationId: active.id, kind: active.kind, startedHere: mine });
  }, [active, current, mine, start]);

  // Someone else's operation: re-read the lists until it has ended.
  useEffect(() => {
    if (!anotherRunning || current) return;
    const timer = setInterval(refresh, REFRESH_WHILE_FOREIGN_MS);
    return () => clearInterval(timer);
  }, [anotherRunning, current, refresh]);

  const startFollowing = useCallback(
    (op: Parameters<typeof start>[0]) => {
      if (op.operationId) followed.current.add(op.operationId);
      start(op);
    },
    [start],
  );

  const onLocked = useCallback(() => {
    setLockedByOther(true);
    refresh();
  }, [refresh]);

  const rowActions = useRowActions({
    setNotice,
    refresh,
    onUploadStarted: (backupId, operationId) => startFollowing({ backupId, operationId, kind: 'UPLOAD', startedHere: true }),
  });
  const goodCount = backups.filter((b) => b.good).length;

  return (
    <div className="stack">
      <h1>Backups</h1>
      <HealthBanner health={health} timeZone={timeZone} />
      {anotherRunning && (
        <p role="alert" className="alert alert-warning">
          Another backup or restore is running{active?.kind === 'RESTORE' ? ' (a restore)' : ''}. The buttons are available again when it has finished.
        </p>
      )}
      <Notice value={notice} onDismiss={() => setNotice(null)} />

      <section className="card stack" aria-labelledby="create-heading">
        <h2 id="create-heading">Back up now</h2>
        <BackUpNowButton
          disabled={busy}
          onLocked={onLocked}
          onStarted={({ backupId, operationId }) => {
            setNotice(null);
            startFollowing({ backupId, operationId, kind: 'CREATE', startedHere: true });
          }}
        />
        <ProgressPanel op={current} view={tracker.view} note="No backup or restore is running." />
        {tracker.pollError && <p className="alert alert-warning small">Progress could not be read: {tracker.pollError}</p>}
      </section>

      <section className="stack" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <BackupsTable
          backups={backups}
          timeZone={timeZone}
          busy={busy}
          verifyingId={rowActions.verifyingId}
          cloudConfigured={cloudConfigured}
          onVerify={rowActions.verify}
          onUpload={rowActions.upload}
          onDelete={(backup) => setDialog({ type: 'delete', backup })}
          onRestore={(backup) => {
            tracker.clearFinished();
            setDialog({ type: 'restore', backup });
          }}
        />
      </section>

      <RestoreHistory restores={restores} timeZone={timeZone} />

      {dialog?.type === 'delete' && (
        <DeleteDialog
          backup={dialog.backup}
          lastGood={dialog.backup.good && goodCount === 1}
          timeZone={timeZone}
          onClose={() => setDialog(null)}
          onDeleted={(filename) => {
            setDialog(null);
            setNotice({ tone: 'success', text: `Backup ${filename} was deleted.` });
            refresh();
          }}
        />
      )}
      {dialog?.type === 'restore' && (
        <RestoreDialog
          backup={dialog.backup}
          timeZone={timeZone}
          running={current?.kind === 'RESTORE' ? { view: tracker.view } : null}
          finished={tracker.finished?.op.kind === 'RESTORE' ? tracker.finished : null}
          onLocked={onLocked}
          onStarted={(operationId) => startFollowing({ backupId: dialog.backup.id, operationId, kind: 'RESTORE', startedHere: true })}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
