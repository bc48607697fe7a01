'use client';
/**
 * "Compare with now": asks previewRestoreAction what restoring the backup would change — or,
 * with `againstId`, what changed from it to that backup — once, when the page opens; then shows the summary, the table of counts (biggest difference first)
 * and, for the table the admin picks, its sample rows. Nothing here changes any data; compared
 * with now, "Restore deleted rows…" (RestoreMissingRows) offers to bring back the rows that are gone.
 */
import { useEffect, useRef, useState } from 'react';
import { previewRestoreAction } from '@/actions/backups/previewRestoreAction';
import type { PreviewReport } from '@/lib/backup/preview/report';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { formatDuration } from '../format';
import { PreviewCountsTable } from './PreviewCountsTable';
import { RestoreMissingRows } from './RestoreMissingRows';
import { TableSamples } from './TableSamples';
import type { BackupView } from '@/lib/backup/service/backup-view';
import { describeTotals } from './words';

type State = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'done'; report: PreviewReport };

export function ComparePreview({ backupId, againstId, restorable }: { backupId: string; againstId?: string; restorable?: { backup: BackupView; timeZone: string } }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // Once per page: React's development double effects must not compare twice.
    if (started.current) return;
    started.current = true;
    void previewRestoreAction(againstId ? { id: backupId, againstId } : { id: backupId }).then(
      (result) => setState(result.ok ? { status: 'done', report: result.data } : { status: 'failed', message: result.error.message }),
      () => setState({ status: 'failed', message: 'The comparison could not be reached. Check the connection and reload the page.' }),
    );
  }, [backupId, againstId]);

  if (state.status === 'loading') {
    return (
      <p className="alert alert-info" role="status" data-testid="preview-loading">
        {againstId ? 'Comparing the two backups…' : 'Comparing the backup with the database as it is now…'} This reads every table once and changes
        nothing.
      </p>
    );
  }
  if (state.status === 'failed') return <ErrorAlert message={state.message} />;

  const { report } = state;
  const live = report.after.kind === 'live';
  const shown = report.tables.find((t) => t.table === selected) ?? null;
  return (
    <div className="stack" data-testid="preview-report">
      <p className="alert alert-info" data-testid="preview-summary">
        {describeTotals(report.totals, live)}
      </p>
      <PreviewCountsTable tables={report.tables} live={live} selected={selected} onSelect={setSelected} />
      {live && restorable && <RestoreMissingRows {...restorable} tables={report.tables.filter((t) => t.missing > 0 && t.key !== null).map((t) => t.table)} />}
      {shown && <TableSamples table={shown} live={live} sampleLimit={report.sampleLimit} />}
      <p className="muted small">
        Compared in {formatDuration(report.durationMs)}{live ? ' from one consistent view of the database' : ''}. Nothing was changed.
        Values of passwords, hashes, tokens and other secrets are hidden.
      </p>
    </div>
  );
}
