/**
 * The PostgreSQL-backed job queue (pg-boss 10, in its own `pgboss` schema, so backups and
 * restores never touch it). Works across several app instances: a job is fetched by exactly
 * one worker. `createBossQueue` gives the JobQueue the service enqueues into.
 */
import PgBoss from 'pg-boss';
import type { JobQueue } from '../service/context';

export const QUEUE_SCHEMA = 'pgboss';
export const OPERATION_QUEUE = 'backup-operation';
export const SCHEDULED_BACKUP_QUEUE = 'backup-scheduled';
export const VERIFY_DRILL_QUEUE = 'backup-verify-drill';
/** A backup of a large database can run for hours; pg-boss's default (15 min) would expire it. */
export const OPERATION_EXPIRE_HOURS = 23;

export interface OperationJob {
  operationId: string;
}

export function createBoss(databaseUrl: string): PgBoss {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: QUEUE_SCHEMA, max: 4, application_name: 'erp-backup-jobs' });
  boss.on('error', (error) => console.error(`job queue error: ${error.message}`));
  return boss;
}

export async function ensureQueues(boss: PgBoss, retry: { limit: number; delaySeconds: number }): Promise<void> {
  await boss.createQueue(OPERATION_QUEUE, { name: OPERATION_QUEUE, retryLimit: 0, expireInHours: OPERATION_EXPIRE_HOURS });
  await boss.createQueue(SCHEDULED_BACKUP_QUEUE, {
    name: SCHEDULED_BACKUP_QUEUE,
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    expireInHours: OPERATION_EXPIRE_HOURS,
  });
  await boss.createQueue(VERIFY_DRILL_QUEUE, { name: VERIFY_DRILL_QUEUE, retryLimit: 0, expireInHours: OPERATION_EXPIRE_HOURS });
}

export function bossJobQueue(boss: PgBoss): JobQueue {
  return {
    enqueue: async (operationId) => {
      await boss.send(OPERATION_QUEUE, { operationId } satisfies OperationJob);
    },
  };
}
