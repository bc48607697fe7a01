'use client';
/**
 * From the preview to the restore: "Restore deleted rows…" opens the restore dialog with
 * "Restore deleted rows only" chosen for the tables whose rows would come back, under the same
 * confirmation (backup name and password) as any restore; the dialog follows it to the end,
 * and closing it afterwards compares again.
 */
import { useState } from 'react';
import type { BackupView } from '@/lib/backup/service/backup-view';
import { RestoreDialog } from '../RestoreDialog';
import { useOperationTracker } from '../useOperationTracker';

export function RestoreMissingRows({ backup, timeZone, tables }: { backup: BackupView; timeZone: string; tables: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const tracker = useOperationTracker(() => undefined);
  const { current, start } = tracker;
  if (tables.length === 0) return null;
  return (
    <>
      <p className="row">
        <button type="button" className="btn btn-primary" onClick={() => setOpen(true)} disabled={current !== null}>
          Restore deleted rows…
        </button>
        <span className="muted small">Brings back only the rows that are gone; everything added or changed since stays.</span>
      </p>
      {open && (
        <RestoreDialog
          backup={backup}
          timeZone={timeZone}
          initialScope={{ kind: 'missing', tables: tables.join(', '), revertChanged: false }}
          running={current?.kind === 'RESTORE' ? { view: tracker.view } : null}
          finished={tracker.finished?.op.kind === 'RESTORE' ? tracker.finished : null}
          onLocked={() => undefined}
          onStarted={(operationId) => start({ backupId: backup.id, operationId, kind: 'RESTORE', startedHere: true })}
          onClose={() => {
            setOpen(false);
            // After a restore the comparison is out of date: compare again.
            if (tracker.finished) window.location.reload();
          }}
        />
      )}
    </>
  );
}
