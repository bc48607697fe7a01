'use client';
/**
 * The backup history: one row per backup, newest first — date and label, trigger, status,
 * size (exact bytes in <data value>), compression ratio, duration, tables and rows, key
 * fingerprint, verification, storage locations, and the row's actions. Below 720 px wide the
 * rows become cards (CSS only: each cell shows its column name from `data-label`), so
 * nothing scrolls sideways on a phone. With no backups, an empty state that points at
 * "Back up now".
 */
import type { BackupView } from '@/lib/backup/service/backup-view';
import { formatBytes, formatCount, formatDateTime, formatDuration } from './format';
import { LocationBadges, StatusBadge, TriggerBadge, VerifiedBadge } from './badges';
import { RowActions, type RowActionHandlers } from './RowActions';

export interface BackupsTableProps extends RowActionHandlers {
  backups: BackupView[];
  timeZone: string;
  busy: boolean;
  verifyingId: string | null;
  cloudConfigured: boolean;
}

export function BackupsTable({ backups, timeZone, busy, verifyingId, cloudConfigured, ...handlers }: BackupsTableProps) {
  if (backups.length === 0) {
    return (
      <div className="table-wrap empty" data-testid="backups-empty">
        <strong>No backups yet</strong>
        Press “Back up now” to take the first one. Scheduled backups will appear here too.
      </div>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table history-table">
        <caption className="sr-only">Backup history, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Trigger</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Size</th>
            <th scope="col" className="num">Ratio</th>
            <th scope="col" className="num">Duration</th>
            <th scope="col" className="num">Tables / rows</th>
            <th scope="col">Key</th>
            <th scope="col">Verified</th>
            <th scope="col">Stored</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {backups.map((b) => (
            <tr key={b.id} data-backup-id={b.id} data-filename={b.filename} data-status={b.status}>
              <th scope="row" className="backup-name">
                <span className="nowrap">{formatDateTime(b.createdAt, timeZone)}</span>
                {b.label && <span className="label">{b.label}</span>}
                <span className="mono muted filename">{b.filename}</span>
                {b.error && <span className="error-text">{b.error.message}</span>}
              </th>
              <td data-label="Trigger">
                <TriggerBadge trigger={b.trigger} />
              </td>
              <td data-label="Status">
                <StatusBadge status={b.status} />
              </td>
              <td className="num" data-label="Size">
                <data value={b.size}>{b.status === 'COMPLETED' ? formatBytes(b.size) : '—'}</data>
              </td>
              <td className="num" data-label="Ratio">{b.compressionRatio ? `${b.compressionRatio}×` : '—'}</td>
              <td className="num" data-label="Duration">{b.durationMs !== null ? formatDuration(b.durationMs) : '—'}</td>
              <td className="num" data-label="Tables / rows">
                {b.tableCount !== null ? `${formatCount(b.tableCount)} / ${formatCount(b.rowCount ?? 0)}` : '—'}
              </td>
              <td data-label="Key">
                {b.keyFingerprint ? (
                  <code title="Fingerprint of the encryption key">{b.keyFingerprint}</code>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-label="Verified">
                <VerifiedBadge backup={b} timeZone={timeZone} />
              </td>
              <td data-label="Stored">
                <LocationBadges backup={b} />
              </td>
              <td className="row-actions" data-label="Actions">
                <RowActions backup={b} busy={busy} verifying={verifyingId === b.id} cloudConfigured={cloudConfigured} {...handlers} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
