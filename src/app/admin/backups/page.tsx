/**
 * `/admin/backups`: the backups dashboard. Access goes through the one guard, requireAdmin():
 * no session → /login?next=/admin/backups; signed in without the ADMIN role → an "Admins only"
 * page with no controls. For admins it loads the lists (getBackupOverview) and the health report
 * through the same service functions the server actions use, and hands them to the client
 * dashboard, which calls the actions from then on (router.refresh() reloads this); below it, the
 * admin's active sessions with "Sign out everywhere". When the settings are invalid or the
 * database cannot be read, the page says so — that error's own message and what to change —
 * instead of failing as a whole.
 */
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentSession, requireAdmin, type SessionUser } from '@/lib/auth/auth';
import { listActiveSessions } from '@/lib/auth/sessions';
import { ForbiddenError, getBackupContext, getBackupOverview, getHealth, toDatabaseError, UnauthenticatedError } from '@/lib/backup';
import { AdminsOnly } from '@/components/layout/AdminsOnly';
import { BackupsDashboard } from '@/components/backups/BackupsDashboard';
import { ActiveSessions } from '@/components/auth/ActiveSessions';
import { PageProblem } from '@/components/backups/PageProblem';

export const metadata: Metadata = { title: 'Backups' };

const LOGIN_URL = '/login?next=/admin/backups';

async function checkAccess(): Promise<SessionUser | 'signed-out' | 'forbidden'> {
  try {
    return await requireAdmin();
  } catch (error) {
    if (error instanceof UnauthenticatedError) return 'signed-out';
    if (error instanceof ForbiddenError) return 'forbidden';
    throw error;
  }
}

async function load() {
  try {
    const ctx = await getBackupContext();
    const session = (await currentSession())!;
    const [list, health, sessions] = await Promise.all([getBackupOverview(ctx), getHealth(ctx), listActiveSessions(ctx.prisma, session.user.id)]);
    return { ok: true as const, list, health, sessions, sessionId: session.sessionId, timeZone: ctx.config.schedule.timeZone };
  } catch (error) {
    const failure = toDatabaseError(error, 'loading the backups page');
    if (failure.code === 'INTERNAL') console.error('backups page failed to load:', error);
    return { ok: false as const, code: failure.code, message: failure.message };
  }
}

export default async function BackupsPage() {
  const access = await checkAccess();
  if (access === 'signed-out') redirect(LOGIN_URL);
  if (access === 'forbidden') return <AdminsOnly />;

  const loaded = await load();
  if (!loaded.ok) {
    return (
      <div className="page">
        <PageProblem code={loaded.code} message={loaded.message} />
      </div>
    );
  }
  return (
    <div className="page stack">
      <BackupsDashboard {...loaded.list} health={loaded.health} timeZone={loaded.timeZone} viewerId={access.id} />
      <ActiveSessions sessions={loaded.sessions} currentId={loaded.sessionId} timeZone={loaded.timeZone} />
    </div>
  );
}
