'use client';
/**
 * "Compare with now": asks previewRestoreAction what restoring the backup would change — or,
 * with `againstId`, what changed from it to that backup — once, when the page opens; then shows the summary, the table of counts (biggest difference first)
 * and, for the table the admin picks, its sample rows. Nothing here changes any data; compared
 * with now, the admin ticks tables in the table of counts (those whose rows would come back are
 * ticked at first) and RestoreChosenTables offers to bring back their deleted rows or replace them.
 */
import { useEffect, useRef, useState } from 'react';
import { previewRestoreAction } from '@/actions/backups/previewRestoreAction';
import type { PreviewReport } from '@/lib/backup/preview/report';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { formatDuration } from '../format';
import { PreviewCountsTable } from './PreviewCountsTable';
import { RestoreChosenTables } from './RestoreChosenTables';
import { withTable } from '../picker/scope-choice';
import { TableSamples } from './TableSamples';
import type { BackupView } from '@/lib/backup/service/backup-view';
import { describeTotals } from './words';

type State = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'done'; report: PreviewReport };

/** The tables ticked at first: those with rows that would come back and a key to match them by. */
const withDeletedRows = (report: PreviewReport) => report.tables.filter((t) => t.missing > 0 && t.key !== null).map((t) => t.table);

export function ComparePreview({ backupId, againstId, restorable }: { backupId: string; againstId?: string; restorable?: { backup: BackupView; timeZone: string } }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const [ticked, setTicked] = useState<readonly string[]>([]);
  const started = useRef(false);

  useEffect(() => {
    // Once per page: React's development double effects must not compare twice.
    if (started.current) return;
    started.current = true;
    void previewRestoreAction(againstId ? { id: backupId, againstId } : { id: backupId }).then(
      (result) => {
        if (result.ok) setTicked(withDeletedRows(result.data));
        setState(result.ok ? { status: 'done', report: result.data } : { status: 'failed', message: result.error.message });
      },
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
  const onTick = (table: string, on: boolean) => setTicked((now) => withTable(now, table, on));
  const differs = report.totals.missing + report.totals.added + report.totals.changed > 0;
  const ticking = live && restorable && differs ? { ticked, onTick } : undefined;
  return (
    <div className="stack" data-testid="preview-report">
      <p className="alert alert-info" data-testid="preview-summary">
        {describeTotals(report.totals, live)}
      </p>
      <PreviewCountsTable tables={report.tables} live={live} selected={selected} onSelect={setSelected} ticking={ticking} />
      {ticking && restorable && <RestoreChosenTables {...restorable} ticked={ticked} />}
      {shown && <TableSamples table={shown} live={live} sampleLimit={report.sampleLimit} />}
      <p className="muted small">
        Compared in {formatDuration(report.durationMs)}{live ? ' from one consistent view of the database' : ''}. Nothing was changed.
        Values of passwords, hashes, tokens and other secrets are hidden.
      </p>
    </div>
  );
}
