/**
 * A backup killed mid-way (`kill -9` of the `next start` process group, which runs the worker)
 * leaves no COMPLETED row and no complete-looking file — at most temp files — and the worker's
 * start-up recovery on the next start marks the operation and its backup FAILED and removes the
 * temp files; after that a new backup runs normally (the lock died with the process).
 * The demo data gets EXTRA_ATTENDANCE_ROWS more attendance rows so the dump takes long enough
 * (seconds) to be caught RUNNING in its dumping phase.
 */
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isTempFileName } from '../../src/lib/backup/storage/atomic-file';
import { BUILD_HOOK_TIMEOUT_MS } from './next-build';
import { okData } from './server-actions';
import { startTestApp, waitFor, type TestApp } from './test-app';

const EXTRA_ATTENDANCE_ROWS = 500_000;
const DAYS = 10_000;

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    prepare: async (sql) => {
      // Distinct (student, date) pairs far from the seed's dates; random remarks defeat gzip a little.
      await sql(
        `INSERT INTO "Attendance" ("studentId", "sectionId", date, status, remarks)
         SELECT s.id, sec.id, DATE '1900-01-01' + d, 'PRESENT', md5(random()::text)
           FROM (SELECT id FROM "Student" ORDER BY id LIMIT $1) s
          CROSS JOIN generate_series(0, $2 - 1) d
          CROSS JOIN (SELECT id FROM "Section" ORDER BY id LIMIT 1) sec`,
        [Math.ceil(EXTRA_ATTENDANCE_ROWS / DAYS), DAYS],
      );
    },
  });
}, BUILD_HOOK_TIMEOUT_MS);

afterAll(async () => {
  await app?.close();
});

const rowOf = async (backupId: string, operationId: string) => {
  const [row] = await app.sql<{ backup: string; operation: string; errorCode: string | null; filename: string }>(
    `SELECT b.status AS backup, o.status AS operation, o."errorCode", b.filename
       FROM "Backup" b JOIN "BackupOperation" o ON o."backupId" = b.id WHERE b.id = $1 AND o.id = $2`,
    [backupId, operationId],
  );
  return row!;
};

it('kill -9 mid-backup leaves nothing complete; the restart marks the operation FAILED', async () => {
  const { backupId, operationId } = okData<{ backupId: string; operationId: string }>(
    await app.call('createBackupAction', [{ label: 'killed mid-way' }], app.admin.cookie),
  );
  await waitFor(
    'the backup to be dumping',
    async () => {
      const [op] = await app.sql<{ status: string; phase: string | null }>(
        `SELECT status, progress->>'phase' AS phase FROM "BackupOperation" WHERE id = $1`,
        [operationId],
      );
      if (op?.status === 'COMPLETED' || op?.status === 'FAILED') throw new Error(`the backup ended (${op.status}) before it could be killed`);
      return op?.status === 'RUNNING' && op.phase === 'dumping' ? op : undefined;
    },
    60_000,
    20,
  );
  await app.server.kill9();

  const killed = await rowOf(backupId, operationId);
  expect(killed.backup).not.toBe('COMPLETED');
  expect(killed.operation).toBe('RUNNING');
  const leftovers = await readdir(app.backupDir);
  expect(leftovers).not.toContain(killed.filename);
  expect(leftovers.filter((name) => !isTempFileName(name))).toEqual([]);

  await app.restart();
  const recovered = await waitFor('recovery', async () => {
    const row = await rowOf(backupId, operationId);
    return row.operation === 'FAILED' ? row : undefined;
  });
  expect(recovered).toMatchObject({ backup: 'FAILED', operation: 'FAILED', errorCode: 'INTERRUPTED' });
  expect(await readdir(app.backupDir)).toEqual([]);

  const next = okData<{ backupId: string }>(await app.call('createBackupAction', [{ label: 'after the crash' }], app.admin.cookie));
  const done = await waitFor('a backup after the crash', async () => {
    const [row] = await app.sql<{ status: string }>(`SELECT status FROM "Backup" WHERE id = $1`, [next.backupId]);
    if (row?.status === 'FAILED') throw new Error('the backup after the crash failed');
    return row?.status === 'COMPLETED' ? row : undefined;
  }, 120_000);
  expect(done.status).toBe('COMPLETED');
}, 300_000);
