/**
 * Next.js start-up hook: starts the backup worker (job queue, schedules, recovery of operations
 * a crash interrupted) inside the Node.js server process. Skipped on the edge runtime, during
 * `next build`, and when BACKUP_WORKER=off (e.g. when the worker runs alone: `npm run worker`).
 * A worker that cannot start is logged, not fatal: the ERP keeps serving, and the health
 * endpoint turns red when backups stop.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.BACKUP_WORKER !== 'off' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startBackupWorker } = await import('@/lib/backup');
    await startBackupWorker().catch((error: unknown) => console.error('[backup-worker] could not start:', error));
  }
}
