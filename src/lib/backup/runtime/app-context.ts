/**
 * The backup context of a running app process (Next server, worker, CLI): config from the
 * environment, the shared Prisma client, and a started pg-boss queue to enqueue into. Built once
 * per process; `getBackupContext()` is what server actions, route handlers and pages call.
 */
import type PgBoss from 'pg-boss';
import { getPrisma } from '../../db/prisma';
import { loadBackupConfig } from '../config';
import { bossJobQueue, createBoss, ensureQueues } from '../jobs/queue';
import { createBackupContext, type BackupContext } from '../service/context';

const globalForBackup = globalThis as unknown as { erpBackupContext?: Promise<BackupContext>; erpBoss?: Promise<PgBoss> };

/** The process's pg-boss instance, started once. */
export function getBoss(): Promise<PgBoss> {
  globalForBackup.erpBoss ??= (async () => {
    const config = loadBackupConfig();
    const boss = createBoss(config.databaseUrl!, config.schedule.checkSeconds);
    await boss.start();
    await ensureQueues(boss, config.databaseUrl!, { limit: config.schedule.retryLimit, delaySeconds: config.schedule.retryDelaySeconds });
    return boss;
  })().catch((error) => {
    // Not cached: the next call tries again (e.g. once the database is back).
    globalForBackup.erpBoss = undefined;
    throw error;
  });
  return globalForBackup.erpBoss;
}

export function getBackupContext(): Promise<BackupContext> {
  globalForBackup.erpBackupContext ??= (async () => {
    const config = loadBackupConfig();
    return createBackupContext({ config, prisma: getPrisma(), jobs: bossJobQueue(await getBoss()) });
  })().catch((error) => {
    globalForBackup.erpBackupContext = undefined;
    throw error;
  });
  return globalForBackup.erpBackupContext;
}
