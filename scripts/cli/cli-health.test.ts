/**
 * `health` on an empty database (unhealthy: exit 15) and after a backup (exit 0), and the
 * maintenance commands `rescan` (adopts a file whose row is gone) and `recover`.
 */
import pg from 'pg';
import { WORKER_APPLICATION_NAME } from '@/lib/backup/service/health';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReport } from '@/lib/backup';
import { createCliFixture, parseJson, type CliFixture } from '../../tests/helpers/cli';

let fx: CliFixture;

beforeAll(async () => {
  fx = await createCliFixture();
});

afterAll(async () => {
  await fx?.cleanup();
});

describe('health and maintenance commands', () => {
  it('health exits 15 with no backup, and says why', async () => {
    const [text, json] = await Promise.all([fx.run(['health']), fx.run(['health', '--json'])]);
    expect(text.code).toBe(15);
    expect(text.stdout).toContain('backups are UNHEALTHY');
    expect(text.stdout).toMatch(/FAIL +recent-backup +No successful backup exists yet\./);
    expect(json.code).toBe(15);
    const report = parseJson<{ ok: boolean; health: HealthReport }>(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.health.healthy).toBe(false);
  });

  it('health exits 0 once a backup was made and a worker runs (its presence connection)', async () => {
    expect((await fx.run(['create'])).code).toBe(0);
    const worker = new pg.Client({ connectionString: fx.db.url, application_name: WORKER_APPLICATION_NAME });
    await worker.connect();
    try {
      const run = await fx.run(['health']);
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toContain('backups are HEALTHY');
    } finally {
      await worker.end();
    }
    const without = await fx.run(['health']);
    expect(without.code).toBe(15);
    expect(without.stdout).toMatch(/FAIL +worker +No backup worker is running/);
    expect(without.stdout).toMatch(/fix: .*npm run worker/);
  });

  it('rescan adopts a backup file that has no row', async () => {
    const [row] = await fx.query<{ filename: string }>('SELECT filename FROM "Backup"');
    await fx.query('DELETE FROM "BackupOperation"');
    await fx.query('DELETE FROM "Backup"');
    const run = await fx.run(['rescan']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('adopted 1, flagged missing 0, unreadable 0');
    expect(run.stdout).toContain(`adopted     ${row!.filename}`);
    expect(await fx.query('SELECT filename, status FROM "Backup"')).toEqual([{ filename: row!.filename, status: 'COMPLETED' }]);
  });

  it('recover has nothing to do when no operation was interrupted', async () => {
    const run = await fx.run(['recover', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson(run.stdout)).toEqual({ ok: true, recovered: 0 });
  });
});
