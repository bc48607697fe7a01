/**
 * `/admin/backups/[id]/compare`: "Compare with now" for one backup. Admins only (the same
 * requireAdmin() guard as the dashboard; the action it calls checks the caller again). The page
 * names the backup; the comparison itself runs through previewRestoreAction, so it is
 * audit-logged and its progress does not hold up the page.
 */
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { isBackupId } from '@/actions/backup-id';
import { requireAdmin } from '@/lib/auth/auth';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@/lib/backup/errors';
import { getBackupContext } from '@/lib/backup/service/app-context';
import { getBackup } from '@/lib/backup/service/queries';
import { AdminsOnly } from '@/components/layout/AdminsOnly';
import { ComparePreview } from '@/components/backups/preview/ComparePreview';
import { formatDateTime } from '@/components/backups/format';

export const metadata: Metadata = { title: 'Compare a backup with now' };

export default async function CompareBackupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    await requireAdmin();
  } catch (error) {
    if (error instanceof UnauthenticatedError) redirect(`/login?next=${encodeURIComponent(`/admin/backups/${id}/compare`)}`);
    if (error instanceof ForbiddenError) return <AdminsOnly />;
    throw error;
  }
  if (!isBackupId(id)) notFound();
  const ctx = await getBackupContext();
  const backup = await getBackup(ctx, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const taken = formatDateTime(backup.createdAt, ctx.config.schedule.timeZone);
  return (
    <div className="page stack">
      <p className="m0">
        <Link href="/admin/backups">← Back to backups</Link>
      </p>
      <h1 className="m0">What would restoring this backup change?</h1>
      <p className="m0">
        The backup of <strong>{taken}</strong>
        {backup.label ? <> ({backup.label})</> : null}, compared with the data as it is now. <span className="mono muted small">{backup.filename}</span>
      </p>
      {backup.status === 'COMPLETED' ? (
        <ComparePreview backupId={backup.id} />
      ) : (
        <p className="alert alert-warning">This backup did not complete, so there is nothing to compare.</p>
      )}
    </div>
  );
}
