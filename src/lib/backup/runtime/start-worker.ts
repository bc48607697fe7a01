/**
 * Starts the backup worker in this process: checks that the database is migrated (it never
 * migrates it), recovers operations interrupted by a crash, works
 * the operation queue one job at a time, and registers the schedules (backup, verify drill).
 * Runs inside the Next server (instrumentation.ts) or alone (`npm run worker`); several workers
 * on one database share the queue, and pg-boss sends one job per schedule tick, which exactly
 * one of them takes. Idempotent per process. While it runs, it holds one idle connection named
 * WORKER_APPLICATION_NAME: the health check's proof that a worker is there (it vanishes with
 * the process, however that ends).
 */
import type PgBoss from 'pg-boss';
import { loadBackupConfig } from '../config';
import pg from 'pg';
import { validateCron } from '../schedule';
import { assertDatabaseReady } from '../service/database-ready';
import { WORKER_APPLICATION_NAME } from '../service/health';
import { getBackupContext, getBoss } from './app-context';
import { recoverInterruptedOperations } from '../service/recovery';
import { runOperation } from '../service/run-operation';
import { OPERATION_QUEUE, SCHEDULED_BACKUP_QUEUE, VERIFY_DRILL_QUEUE, type OperationJob } from '../jobs/queue';
import { runScheduledBackup, runVerifyDrill } from '../jobs/scheduled';

export const POLLING_INTERVAL_SECONDS = 1;

export interface RunningWorker {
  stop(): Promise<void>;
}

const globalForWorker = globalThis as unknown as { erpBackupWorker?: Promise<RunningWorker> };

async function start(log: (line: string) => void): Promise<RunningWorker> {
  await assertDatabaseReady(loadBackupConfig().databaseUrl!);
  const ctx = await getBackupContext();
  const boss: PgBoss = await getBoss();
  const recovered = await recoverInterruptedOperations(ctx);
  if (recovered > 0) log(`marked ${recovered} interrupted operation(s) as failed`);
  // Queued operations whose job may have been lost get one again; a duplicate job finds the
  // operation no longer QUEUED and does nothing.
  for (const operation of await ctx.prisma.backupOperation.findMany({ where: { status: 'QUEUED' } })) {
    await ctx.jobs?.enqueue(operation.id);
  }

  const work = { batchSize: 1, pollingIntervalSeconds: POLLING_INTERVAL_SECONDS };
  await boss.work<OperationJob>(OPERATION_QUEUE, work, async ([job]) => {
    if (job) await runOperation(ctx, job.data.operationId);
  });
  await boss.work(SCHEDULED_BACKUP_QUEUE, work, () => runScheduledBackup(ctx));
  await boss.work(VERIFY_DRILL_QUEUE, work, () => runVerifyDrill(ctx));

  const { schedule } = ctx.config;
  if (schedule.enabled) {
    validateCron(schedule.cron, schedule.timeZone);
    validateCron(schedule.verifyCron, schedule.timeZone);
    await boss.schedule(SCHEDULED_BACKUP_QUEUE, schedule.cron, {}, { tz: schedule.timeZone });
    await boss.schedule(VERIFY_DRILL_QUEUE, schedule.verifyCron, {}, { tz: schedule.timeZone });
    log(`scheduled backups "${schedule.cron}" and verify drills "${schedule.verifyCron}" (${schedule.timeZone})`);
  } else {
    await boss.unschedule(SCHEDULED_BACKUP_QUEUE);
    await boss.unschedule(VERIFY_DRILL_QUEUE);
  }
  const presence = new pg.Client({ connectionString: ctx.databaseUrl, application_name: WORKER_APPLICATION_NAME });
  presence.on('error', () => undefined); // a dropped presence only makes the health check say so
  await presence.connect();
  return {
    stop: async () => {
      await boss.stop({ graceful: true, timeout: 30_000 });
      await presence.end().catch(() => undefined);
    },
  };
}

export function startBackupWorker(log: (line: string) => void = (line) => console.log(`[backup-worker] ${line}`)): Promise<RunningWorker> {
  globalForWorker.erpBackupWorker ??= start(log).catch((error) => {
    globalForWorker.erpBackupWorker = undefined;
    throw error;
  });
  return globalForWorker.erpBackupWorker;
}
