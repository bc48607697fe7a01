/**
 * `/admin/backups/[id]/compare[?against=<id>]`: "Compare with now" for one backup, or with
 * another completed backup (earlier first). Admins only (the same requireAdmin() guard as the
 * dashboard; the action it calls checks the caller again). The page names the backups and offers
 * the others to compare with; the comparison itself runs through previewRestoreAction, so it is
 * audit-logged and does not hold up the page.
 */
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { isBackupId } from '@/lib/conventions/backup-id';
import { requireAdmin } from '@/lib/auth/auth';
import { ForbiddenError, getBackup, getBackupContext, listBackups, NotFoundError, UnauthenticatedError, type BackupView } from '@/lib/backup';
import { AdminsOnly } from '@/components/layout/AdminsOnly';
import { ComparePreview } from '@/components/backups/preview/ComparePreview';
import { formatDateTime } from '@/components/backups/format';

export const metadata: Metadata = { title: 'Compare a backup with now' };

function describe(backup: BackupView, timeZone: string) {
  return (
    <>
      the backup of <strong>{formatDateTime(backup.createdAt, timeZone)}</strong>
      {backup.label ? <> ({backup.label})</> : null}
    </>
  );
}

export default async function CompareBackupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ against?: string | string[] }>;
}) {
  const { id } = await params;
  const { against } = await searchParams;
  try {
    await requireAdmin();
  } catch (error) {
    if (error instanceof UnauthenticatedError) redirect(`/login?next=${encodeURIComponent(`/admin/backups/${id}/compare`)}`);
    if (error instanceof ForbiddenError) return <AdminsOnly />;
    throw error;
  }
  if (!isBackupId(id)) notFound();
  const ctx = await getBackupContext();
  const timeZone = ctx.config.schedule.timeZone;
  const backup = await getBackup(ctx, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const others = (await listBackups(ctx)).filter((b) => b.status === 'COMPLETED' && b.id !== backup.id);
  const other = others.find((b) => b.id === against) ?? null;
  // Two backups read earlier → later; with none, the backup is what a restore would bring back.
  const [before, after] = other && other.createdAt < backup.createdAt ? [other, backup] : [backup, other];
  return (
    <div className="page stack">
      <p className="m0">
        <Link href="/admin/backups">← Back to backups</Link>
      </p>
      <h1 className="m0">{after ? 'What changed between these two backups?' : 'What would restoring this backup change?'}</h1>
      <p className="m0">
        {after ? (
          <>
            From {describe(before, timeZone)} to {describe(after, timeZone)}.
          </>
        ) : (
          <>
            {describe(backup, timeZone)}, compared with the data as it is now. <span className="mono muted small">{backup.filename}</span>
          </>
        )}
      </p>
      <form method="get" className="row">
        <label htmlFor="against">Compare with</label>
        <select id="against" name="against" className="input" defaultValue={other?.id ?? ''}>
          <option value="">the data as it is now</option>
          {others.map((b) => (
            <option key={b.id} value={b.id}>
              the backup of {formatDateTime(b.createdAt, timeZone)}
              {b.label ? ` (${b.label})` : ''}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-sm">
          Compare
        </button>
      </form>
      {backup.status === 'COMPLETED' ? (
        <ComparePreview
          key={`${before.id}:${after?.id ?? 'now'}`}
          backupId={before.id}
          againstId={after?.id}
          restorable={after ? undefined : { backup, timeZone }}
        />
      ) : (
        <p className="alert alert-warning">This backup did not complete, so there is nothing to compare.</p>
      )}
    </div>
  );
}
