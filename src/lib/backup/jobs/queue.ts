/**
 * The PostgreSQL-backed job queue (pg-boss 10, in its own `pgboss` schema, so backups and
 * restores never touch it). Works across several app instances: a job is fetched by exactly
 * one worker. `createBossQueue` gives the JobQueue the service enqueues into.
 */
import pg from 'pg';
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

export function createBoss(databaseUrl: string, scheduleCheckSeconds: number): PgBoss {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: QUEUE_SCHEMA,
    max: 4,
    application_name: 'erp-backup-jobs',
    cronMonitorIntervalSeconds: scheduleCheckSeconds,
    cronWorkerIntervalSeconds: scheduleCheckSeconds,
  });
  boss.on('error', (error) => console.error(`job queue error: ${error.message}`));
  return boss;
}

/** Serialises queue set-up between processes: pg-boss 10 deadlocks when two create the same queue. */
const QUEUE_SETUP_LOCK_KEY = '7310876340744303986';

/** Creates the queues, or brings their retry settings up to date, under a cross-process lock. */
export async function ensureQueues(boss: PgBoss, databaseUrl: string, retry: { limit: number; delaySeconds: number }): Promise<void> {
  const queues: PgBoss.Queue[] = [
    { name: OPERATION_QUEUE, retryLimit: 0, expireInHours: OPERATION_EXPIRE_HOURS },
    { name: SCHEDULED_BACKUP_QUEUE, retryLimit: retry.limit, retryDelay: retry.delaySeconds, expireInHours: OPERATION_EXPIRE_HOURS },
    { name: VERIFY_DRILL_QUEUE, retryLimit: 0, expireInHours: OPERATION_EXPIRE_HOURS },
  ];
  const lock = new pg.Client({ connectionString: databaseUrl, application_name: 'erp-backup-queue-setup' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1::bigint)', [QUEUE_SETUP_LOCK_KEY]);
    for (const queue of queues) {
      if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queue);
      else await boss.createQueue(queue.name, queue);
    }
  } finally {
    await lock.end().catch(() => undefined);
  }
}

export function bossJobQueue(boss: PgBoss): JobQueue {
  return {
    enqueue: async (operationId) => {
      await boss.send(OPERATION_QUEUE, { operationId } satisfies OperationJob);
    },
  };
}
