/**
 * Scheduled backups across several workers: two `npm run worker` processes on one database with
 * a schedule due every minute; exactly one backup runs per tick (one Backup row with trigger
 * SCHEDULED, and one pg-boss job, for the minute), and it completes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyHex } from '../../src/lib/backup/crypto/keys';
import { seedDatabase } from '../../src/lib/seed/index';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { withClient } from '../helpers/pg';
import { startScript, type RunningProcess } from '../helpers/processes';
import { waitFor } from '../helpers/wait-for';

describe('scheduled backups with two workers', () => {
  let db: TestDatabase;
  let dir: string;
  const workers: RunningProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDatabase(db.url, 'demo');
    dir = await mkdtemp(path.join(tmpdir(), 'erp-schedule-'));
    const env = {
      DATABASE_URL: db.url,
      BACKUP_DIR: path.join(dir, 'backups'),
      BACKUP_ENCRYPTION_KEY: generateKeyHex(),
      BACKUP_SCHEDULE: '* * * * *',
      BACKUP_VERIFY_SCHEDULE: '0 3 1 1 *',
      BACKUP_SCHEDULE_CHECK_SECONDS: '1',
      BACKUP_RETRY_LIMIT: '0',
    };
    for (let i = 0; i < 2; i++) workers.push(startScript('scripts/worker.ts', [], env));
    await waitFor('both workers to start', async () => workers.every((w) => w.output().includes('running')), 60_000);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs exactly one backup per tick', async () => {
    const first = await waitFor(
      'a completed scheduled backup',
      () => withClient(db.url, async (c) => (await c.query(`SELECT "createdAt" FROM "Backup" WHERE trigger = 'SCHEDULED' AND status = 'COMPLETED' LIMIT 1`)).rows[0]),
      150_000,
    );
    // Give a duplicate every chance to appear: wait until the schedule has been evaluated twice
    // more (pg-boss stamps pgboss.version.cron_on at each evaluation, by either worker).
    const cronOn = () => withClient(db.url, async (c) => String((await c.query(`SELECT cron_on FROM pgboss.version`)).rows[0]?.cron_on));
    const stamps = new Set([await cronOn()]);
    await waitFor('two more evaluations of the schedule', async () => stamps.add(await cronOn()).size > 2, 30_000, 100);
    const perMinute = await withClient(db.url, async (c) =>
      (await c.query(`SELECT date_trunc('minute', "createdAt") AS minute, count(*)::int AS n FROM "Backup" WHERE trigger = 'SCHEDULED' GROUP BY 1`)).rows,
    );
    const jobs = await withClient(db.url, async (c) =>
      (await c.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'backup-scheduled' AND date_trunc('minute', created_on) = date_trunc('minute', $1::timestamptz)`, [first.createdAt])).rows[0].n,
    );
    expect(perMinute.length).toBeGreaterThanOrEqual(1);
    for (const row of perMinute) expect(row.n).toBe(1);
    expect(jobs).toBe(1);
    expect(workers.every((w) => w.child.exitCode === null)).toBe(true);
  }, 200_000);
});
