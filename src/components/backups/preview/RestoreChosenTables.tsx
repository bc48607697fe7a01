'use client';
/**
 * From the preview to the restore, for the tables ticked in the table of counts (at first, those
 * whose rows would come back): names them, says which other tables are linked to them by keys
 * (LinkedTables), and offers "Restore deleted rows…" and "Replace chosen tables…". Each opens the
 * restore dialog with that kind of restore and those tables chosen (the admin can still change
 * both there, and reads what the linked tables mean for that kind of restore), under the same confirmation (backup name and password) as any restore; the dialog
 * follows it to the end, and closing it afterwards compares again.
 */
import { useState } from 'react';
import type { BackupView } from '@/lib/backup/service/backup-view';
import { RestoreDialog } from '../RestoreDialog';
import { useOperationTracker } from '../useOperationTracker';
import { LinkedTables } from '../picker/LinkedTables';
import type { ScopeKind } from '../picker/scope-choice';
import { useRestoreChoices } from '../picker/useRestoreChoices';
import { tableLabel } from './words';

export interface RestoreChosenTablesProps {
  backup: BackupView;
  timeZone: string;
  ticked: readonly string[];
}

export function RestoreChosenTables({ backup, timeZone, ticked }: RestoreChosenTablesProps) {
  const [open, setOpen] = useState<Exclude<ScopeKind, 'all'> | null>(null);
  const tracker = useOperationTracker(() => undefined);
  const { current, start } = tracker;
  const choices = useRestoreChoices(backup.id, true);
  const none = ticked.length === 0;
  return (
    <div className="card stack" data-testid="restore-chosen">
      <p>
        {none ? 'Tick the tables to restore in the table above.' : <>Chosen: {ticked.map(tableLabel).join(', ')}.</>}
      </p>
      {choices.status === 'ready' && (
        <LinkedTables links={choices.choices.links} ticked={ticked} />
      )}
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => setOpen('missing')} disabled={current !== null || none}>
          Restore deleted rows…
        </button>
        <button type="button" className="btn" onClick={() => setOpen('replace')} disabled={current !== null || none}>
          Replace chosen tables…
        </button>
        <span className="muted small">Deleted rows only: everything added or changed since stays. Replace: the chosen tables become exactly the backup’s.</span>
      </div>
      {open && (
        <RestoreDialog
          backup={backup}
          timeZone={timeZone}
          initialScope={{ kind: open, tables: ticked, revertChanged: false }}
          running={current?.kind === 'RESTORE' ? { view: tracker.view } : null}
          finished={tracker.finished?.op.kind === 'RESTORE' ? tracker.finished : null}
          onLocked={() => undefined}
          onStarted={(operationId) => start({ backupId: backup.id, operationId, kind: 'RESTORE', startedHere: true })}
          onClose={() => {
            setOpen(null);
            // After a restore the comparison is out of date: compare again.
            if (tracker.finished) window.location.reload();
          }}
        />
      )}
    </div>
  );
}
