/**
 * `/admin/backups`: the backups dashboard. Access goes through the one guard, requireAdmin():
 * no session → /login?next=/admin/backups; signed in without the ADMIN role → an "Admins only"
 * page with no controls. For admins it loads the history, the health report and the running
 * operation through the same service functions the server actions use, and hands them to the
 * client dashboard, which calls the actions from then on (router.refresh() reloads this).
 */
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { requireAdmin } from '@/lib/auth/auth';
import { ForbiddenError, UnauthenticatedError } from '@/lib/backup/errors';
import { getBackupContext } from '@/lib/backup/runtime/app-context';
import { toOperationView } from '@/lib/backup/service/backup-view';
import { getHealth } from '@/lib/backup/service/health';
import { activeOperation, listBackups } from '@/lib/backup/service/queries';
import { AdminsOnly } from '@/components/layout/AdminsOnly';
import { BackupsDashboard } from '@/components/backups/BackupsDashboard';

export const metadata: Metadata = { title: 'Backups' };

const LOGIN_URL = '/login?next=/admin/backups';

type Access = 'admin' | 'signed-out' | 'forbidden';

async function checkAccess(): Promise<Access> {
  try {
    await requireAdmin();
    return 'admin';
  } catch (error) {
    if (error instanceof UnauthenticatedError) return 'signed-out';
    if (error instanceof ForbiddenError) return 'forbidden';
    throw error;
  }
}

export default async function BackupsPage() {
  const access = await checkAccess();
  if (access === 'signed-out') redirect(LOGIN_URL);
  if (access === 'forbidden') return <AdminsOnly />;

  const ctx = await getBackupContext();
  const [backups, health, active] = await Promise.all([listBackups(ctx), getHealth(ctx), activeOperation(ctx)]);
  return (
    <div className="page">
      <BackupsDashboard
        backups={backups}
        health={health}
        active={active ? toOperationView(active) : null}
        cloudConfigured={ctx.cloud !== null}
        timeZone={ctx.config.schedule.timeZone}
      />
    </div>
  );
}
