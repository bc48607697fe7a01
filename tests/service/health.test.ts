/**
 * The health report tells the truth about the next backup: each condition that stops it (no
 * key, unusable directory, no worker, schedule off, database unreachable, failing cloud copies)
 * is a failing check with a reason and a fix; `status` is red/amber then, and `healthy` is
 * exactly `status === 'green'`. A worker is detected by its presence connection.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getHealth, WORKER_APPLICATION_NAME, type HealthReport } from '../../src/lib/backup/service/health';
import { requestBackup } from '../../src/lib/backup/service/requests';
import { runOperation } from '../../src/lib/backup/service/run-operation';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createServiceFixture, type ServiceFixture } from '../helpers/service';

const failing = (r: HealthReport) => r.checks.filter((c) => !c.ok).map((c) => c.name);
const checkOf = (r: HealthReport, name: string) => r.checks.find((c) => c.name === name)!;

describe('health report', () => {
  let db: TestDatabase;
  let fx: ServiceFixture;
  let worker: pg.Client;
  const fixtures: ServiceFixture[] = [];
  const fixture = async (env: Record<string, string | undefined>) => {
    const made = await createServiceFixture(db.url, { env });
    fixtures.push(made);
    return made;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    fx = await createServiceFixture(db.url);
    const { operationId } = await requestBackup(fx.ctx, { actor: { kind: 'system', name: 'cli' } });
    await runOperation(fx.ctx, operationId);
    worker = new pg.Client({ connectionString: db.url, application_name: WORKER_APPLICATION_NAME });
    await worker.connect();
  });
  afterAll(async () => {
    await worker?.end();
    for (const f of [fx, ...fixtures]) await f?.cleanup();
    await db?.drop();
  });

  it('is green and healthy with a fresh backup, a key, a schedule and a worker', async () => {
    const report = await getHealth(fx.ctx);
    expect(failing(report)).toEqual([]);
    expect(report).toMatchObject({ healthy: true, status: 'green' });
  });

  it('without a worker: red, with the reason and how to start one', async () => {
    await worker.end();
    try {
      const report = await getHealth(fx.ctx);
      expect(failing(report)).toEqual(['worker']);
      expect(report).toMatchObject({ healthy: false, status: 'red' });
      expect(checkOf(report, 'worker').fix).toContain('npm run worker');
    } finally {
      worker = new pg.Client({ connectionString: db.url, application_name: WORKER_APPLICATION_NAME });
      await worker.connect();
    }
  });

  it('without an encryption key: red, not green', async () => {
    const report = await getHealth((await fixture({ BACKUP_ENCRYPTION_KEY: '' })).ctx);
    expect(failing(report)).toContain('encryption-key');
    expect(report).toMatchObject({ healthy: false, status: 'red' });
    expect(checkOf(report, 'encryption-key').fix).toContain('BACKUP_ENCRYPTION_KEY');
  });

  it('says which deflate compresses: libdeflate when asked for or found, zlib when told', async () => {
    const withDeflate = (deflate: 'auto' | 'libdeflate' | 'zlib') => getHealth({ ...fx.ctx, config: { ...fx.ctx.config, deflate } });
    for (const choice of ['auto', 'libdeflate'] as const) {
      const report = await withDeflate(choice);
      expect(checkOf(report, 'compression')).toMatchObject({ ok: true, fix: null, message: `Backups are compressed with libdeflate (BACKUP_DEFLATE=${choice}).` });
    }
    const report = await withDeflate('zlib');
    expect(checkOf(report, 'compression')).toMatchObject({ ok: true, message: 'Backups are compressed with Node’s zlib (BACKUP_DEFLATE=zlib).' });
    expect(report.status).toBe('green');
  });

  it('with scheduled backups off: amber, saying how to turn them on', async () => {
    const off = await fixture({ BACKUP_SCHEDULE_ENABLED: 'false' });
    const report = await getHealth({ ...off.ctx, prisma: fx.ctx.prisma });
    expect(failing(report)).toEqual(['schedule']);
    expect(report).toMatchObject({ healthy: false, status: 'amber', nextScheduledRunAt: null });
    expect(checkOf(report, 'schedule').fix).toContain('BACKUP_SCHEDULE_ENABLED=true');
  });

  it('with a backup directory that cannot be used: red', async () => {
    const blocker = path.join(fx.dir, 'a-file');
    await writeFile(blocker, 'not a directory');
    const report = await getHealth((await fixture({ BACKUP_DIR: path.join(blocker, 'backups') })).ctx);
    expect(failing(report)).toContain('backup-directory');
    expect(report.status).toBe('red');
  });

  it('with the database unreachable: a red report with the reason, not an exception', async () => {
    const gone = await createServiceFixture('postgresql://postgres:postgres@127.0.0.1:1/erp');
    fixtures.push(gone);
    const report = await getHealth(gone.ctx);
    expect(failing(report)).toContain('database');
    expect(report).toMatchObject({ healthy: false, status: 'red' });
    expect(checkOf(report, 'database').fix).toContain('DATABASE_URL');
  });

  it('when the newest cloud copy failed: amber with the error', async () => {
    const cloudy = await fixture({ BACKUP_S3_BUCKET: 'b', BACKUP_S3_ENDPOINT: 'http://127.0.0.1:1', BACKUP_S3_ACCESS_KEY_ID: 'k', BACKUP_S3_SECRET_ACCESS_KEY: 's' });
    await fx.ctx.prisma.backup.updateMany({ data: { cloudStatus: 'FAILED', cloudError: 'Access denied by the bucket.' } });
    const report = await getHealth({ ...cloudy.ctx, prisma: fx.ctx.prisma });
    expect(failing(report)).toEqual(expect.arrayContaining(['cloud-copies', 'cloud-bucket']));
    expect(checkOf(report, 'cloud-copies').message).toContain('Access denied by the bucket.');
    expect(report.healthy).toBe(report.status === 'green');
  });
});
