'use client';
/**
 * The row actions that need no dialog: Verify (runs to its end inside the action, then reports
 * tables, rows and where it read from) and Upload to cloud (queued; the dashboard follows it).
 * Each action's error message is reported as is.
 */
import { useCallback, useState } from 'react';
import { uploadBackupToCloudAction } from '@/actions/backups/uploadBackupToCloudAction';
import { verifyBackupAction } from '@/actions/backups/verifyBackupAction';
import type { BackupView } from '@/lib/backup/service/backup-view';
import { formatCount, formatDuration } from './format';
import type { NoticeValue } from './Notice';

const NO_ANSWER = 'The server did not answer. Try again.';

export function useRowActions(options: {
  setNotice(notice: NoticeValue | null): void;
  refresh(): void;
  onUploadStarted(backupId: string, operationId: string | null): void;
}) {
  const { setNotice, refresh, onUploadStarted } = options;
  const [verifyingId, setVerifyingId] = useState<string | null>(null);

  const verify = useCallback(
    async (backup: BackupView) => {
      setVerifyingId(backup.id);
      setNotice(null);
      const result = await verifyBackupAction({ id: backup.id }).catch(() => null);
      setVerifyingId(null);
      if (result?.ok) {
        const r = result.data;
        setNotice({
          tone: 'success',
          text: `${backup.filename} is intact: ${formatCount(r.tables)} tables and ${formatCount(r.rows)} rows checked (${r.location} copy, ${formatDuration(r.durationMs)}).`,
        });
      } else {
        setNotice({ tone: 'error', text: result ? result.error.message : NO_ANSWER });
      }
      refresh();
    },
    [setNotice, refresh],
  );

  const upload = useCallback(
    async (backup: BackupView) => {
      setNotice(null);
      const result = await uploadBackupToCloudAction({ id: backup.id }).catch(() => null);
      if (result?.ok) return onUploadStarted(backup.id, result.data.operationId ?? null);
      setNotice({ tone: 'error', text: result ? result.error.message : NO_ANSWER });
    },
    [setNotice, onUploadStarted],
  );

  return { verifyingId, verify, upload };
}
