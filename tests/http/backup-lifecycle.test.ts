/**
 * The admin's whole path over real HTTP against `next start`, with the worker running in the
 * server process: create → poll `getBackupAction` to COMPLETED → the admin page lists it with
 * size, counts and key fingerprint → verify → a refused restore (wrong password, wrong name)
 * runs nothing → a confirmed restore reverts a changed row and leaves a PRE_RESTORE backup →
 * delete removes file and row. Then: two concurrent creates (one runs, one gets LOCKED), and the
 * download route (exact bytes for a good id; the same bare 404 for traversal, encoded traversal,
 * unknown ids and a file swapped for a symlink; flat server memory for a 2 GB file read slowly).
 */
import { confirmationPhrase } from '@/lib/conventions/confirmation';
import { randomBytes } from 'node:crypto';
import { open, readFile, rm, stat, symlink } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupView, OperationProgress, VerifyReport } from '../../src/lib/backup';
import { keyFingerprint } from '../../src/lib/backup/crypto/keys';
import { appState } from './app-state';
import { BUILD_HOOK_TIMEOUT_MS } from './next-build';
import { errorOf, okData } from './server-actions';
import { startTestApp, waitFor, type TestApp } from './test-app';

const LONG_TEST_MS = 180_000;
const BIG_FILE_BYTES = 2 * 1024 ** 3;
const MEMORY_BUDGET_BYTES = 128 * 1024 ** 2;
/** Memory samples (250 ms apart) that must agree within SETTLED_BYTES before the stall is judged. */
const STALL_SAMPLES = 5;
const SETTLED_BYTES = 4 * 1024 ** 2;

let app: TestApp;
let first: BackupView;
let safetyBackupId: string;
let second: BackupView;

beforeAll(async () => {
  app = await startTestApp();
}, BUILD_HOOK_TIMEOUT_MS);

afterAll(async () => {
  await app?.close();
});

const getBackup = (id: string) => app.call('getBackupAction', [{ id }], app.admin.cookie);

/** Polls getBackupAction, as the admin page does, until `done`; fails fast on a FAILED operation. */
async function pollBackup(id: string, done: (view: BackupView) => boolean, progress: OperationProgress[] = []): Promise<BackupView> {
  return waitFor(
    `backup ${id}`,
    async () => {
      const view = okData<BackupView>(await getBackup(id));
      const op = view.latestOperation;
      if (op?.progress) progress.push(op.progress);
      if (op?.status === 'FAILED') throw new Error(`operation failed: ${JSON.stringify(op.error)}`);
      return done(view) ? view : undefined;
    },
    LONG_TEST_MS - 10_000,
    100,
  );
}

/** The backup is COMPLETED and so is the operation that made it (the row is marked first). */
const finished = (view: BackupView) => view.status === 'COMPLETED' && view.latestOperation?.status === 'COMPLETED';

const fileOf = (view: { filename: string }) => path.join(app.backupDir, view.filename);

describe('an admin backs up, verifies, restores and deletes over HTTP', () => {
  it('create returns at once; polling shows progress until COMPLETED', async () => {
    const label = 'before term-end grade import';
    const { backupId, operationId } = okData<{ backupId: string; operationId: string }>(
      await app.call('createBackupAction', [{ label }], app.admin.cookie),
    );
    const progress: OperationProgress[] = [];
    first = await pollBackup(backupId, finished, progress);
    expect(first).toMatchObject({ label, trigger: 'MANUAL', status: 'COMPLETED', createdByEmail: app.admin.email });
    expect(first.latestOperation).toMatchObject({ id: operationId, kind: 'CREATE', status: 'COMPLETED' });
    expect(first.latestOperation?.progress?.percent).toBe(100);
    expect(progress.every((p) => typeof p.phase === 'string' && p.rows >= 0 && p.bytes >= 0)).toBe(true);
    expect(first.size).toBeGreaterThan(32);
    expect(first.tableCount).toBeGreaterThan(10);
    expect(first.rowCount).toBeGreaterThan(1000);
    expect(first.keyFingerprint).toBe(keyFingerprint(Buffer.from(app.encryptionKey, 'hex')));
    expect((await stat(fileOf(first))).size).toBe(first.size);
    const [audit] = await app.sql(`SELECT outcome, "actorId" FROM "AuditLog" WHERE action = 'BACKUP_CREATE' AND "resourceId" = $1 AND "actorId" IS NOT NULL`, [backupId]);
    expect(audit).toEqual({ outcome: 'SUCCESS', actorId: app.admin.id });
  }, LONG_TEST_MS);

  it('the admin page lists it with its size, counts and key fingerprint', async () => {
    const response = await fetch(`${app.url}/admin/backups`, { headers: { Cookie: app.admin.cookie } });
    expect(response.status).toBe(200);
    const page = (await response.text()).replaceAll('\\"', '"');
    expect(page).toContain(first.filename);
    for (const field of [`"size":${first.size}`, `"rowCount":${first.rowCount}`, `"tableCount":${first.tableCount}`, `"keyFingerprint":"${first.keyFingerprint}"`]) {
      expect(page).toContain(field);
    }
  });

  it('listBackupsAction lists it with its size, counts and key fingerprint', async () => {
    const list = okData<{ backups: BackupView[]; active: unknown; cloudConfigured: boolean }>(await app.call('listBackupsAction', [], app.admin.cookie));
    const listed = list.backups.find((b) => b.id === first.id);
    expect(listed).toMatchObject({ status: 'COMPLETED', size: first.size, rowCount: first.rowCount, tableCount: first.tableCount, keyFingerprint: first.keyFingerprint });
    expect(list.active).toBeNull();
    expect(list.cloudConfigured).toBe(false);
  });

  it('verify reports the backup intact', async () => {
    const report = okData<VerifyReport>(await app.call('verifyBackupAction', [{ id: first.id }], app.admin.cookie));
    expect(report).toMatchObject({ backupId: first.id, ok: true, location: 'local', tables: first.tableCount, rows: first.rowCount });
    expect(okData<BackupView>(await getBackup(first.id)).verifyError).toBeNull();
  });

  let student: { id: string; firstName: string };

  it('restore with a wrong password or a wrong name is refused, and nothing runs', async () => {
    [student] = (await app.sql<{ id: string; firstName: string }>(`SELECT id, "firstName" FROM "Student" ORDER BY id LIMIT 1`)) as [typeof student];
    await app.sql(`UPDATE "Student" SET "firstName" = 'Changed-after-backup' WHERE id = $1`, [student.id]);
    const before = await appState(app);
    const attempts = [
      { password: 'not-my-password', confirmName: confirmationPhrase(first.createdAt, 'UTC') },
      { password: app.teacher.password, confirmName: confirmationPhrase(first.createdAt, 'UTC') },
      { password: app.admin.password, confirmName: first.filename },
      { password: app.admin.password, confirmName: confirmationPhrase(first.createdAt, 'UTC').slice(0, -3) },
      { password: app.admin.password, confirmName: '' },
    ];
    for (const attempt of attempts) {
      const error = errorOf(await app.call('restoreBackupAction', [{ id: first.id, ...attempt }], app.admin.cookie));
      expect(error.code).toBe('CONFIRMATION_FAILED');
    }
    expect(await appState(app)).toEqual(before);
    expect(await app.sql(`SELECT id FROM "BackupOperation" WHERE kind = 'RESTORE'`)).toEqual([]);
    const [failures] = await app.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'BACKUP_RESTORE' AND outcome = 'FAILURE' AND details->>'code' = 'CONFIRMATION_FAILED' AND "resourceId" = $1`,
      [first.id],
    );
    expect(failures?.n).toBe(attempts.length);
  });

  it('restore with the right password and name brings the data back and leaves a PRE_RESTORE backup', async () => {
    const { operationId } = okData<{ operationId: string }>(
      await app.call('restoreBackupAction', [{ id: first.id, password: app.admin.password, confirmName: confirmationPhrase(first.createdAt, 'UTC') }], app.admin.cookie),
    );
    const restored = await pollBackup(first.id, (v) => v.latestOperation?.id === operationId && v.latestOperation.status === 'COMPLETED');
    expect(restored.latestOperation?.kind).toBe('RESTORE');
    const [row] = await app.sql(`SELECT "firstName" FROM "Student" WHERE id = $1`, [student.id]);
    expect(row?.firstName).toBe(student.firstName);

    safetyBackupId = restored.latestOperation!.safetyBackupId!;
    const safety = okData<BackupView>(await getBackup(safetyBackupId));
    expect(safety).toMatchObject({ trigger: 'PRE_RESTORE', status: 'COMPLETED' });
    expect(safety.label).toContain(first.filename);
  }, LONG_TEST_MS);

  it('delete removes the file and the row', async () => {
    expect(okData<{ backupId: string }>(await app.call('deleteBackupAction', [{ id: first.id }], app.admin.cookie)).backupId).toBe(first.id);
    await expect(stat(fileOf(first))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await app.sql(`SELECT id FROM "Backup" WHERE id = $1`, [first.id])).toEqual([]);
    expect(errorOf(await getBackup(first.id)).code).toBe('NOT_FOUND');
  });
});

describe('one operation at a time', () => {
  it('of two concurrent creates exactly one runs, the other gets LOCKED', async () => {
    const backupsBefore = (await app.sql(`SELECT id FROM "Backup"`)).length;
    const calls = await Promise.all([1, 2].map((n) => app.call('createBackupAction', [{ label: `concurrent ${n}` }], app.admin.cookie)));
    const results = calls.map((c) => c.result() as { ok: boolean; data?: { backupId: string }; error?: { code: string; message: string } });
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok)!;
    expect(refused.error).toEqual({ code: 'LOCKED', message: expect.stringContaining('already running') });
    expect((await app.sql(`SELECT id FROM "Backup"`)).length).toBe(backupsBefore + 1);
    second = await pollBackup(results.find((r) => r.ok)!.data!.backupId, finished);
  }, LONG_TEST_MS);
});

describe('the download route', () => {
  const download = (id: string) => fetch(`${app.url}/api/backups/${id}/download`, { headers: { Cookie: app.admin.cookie } });
  let notFoundBody: string;

  /** GET with the path sent exactly as written (fetch would normalise "../"). */
  const rawGet = (rawPath: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(app.url);
      const req = request({ host: url.hostname, port: url.port, path: rawPath, headers: { Cookie: app.admin.cookie } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('streams the exact file: IV and tag first, length = recorded size, safe headers', async () => {
    const response = await download(second.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${second.filename}"`);
    // Next 16 drops a route handler's Content-Length and sends the stream chunked.
    expect([null, String(second.size)]).toContain(response.headers.get('content-length'));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = Buffer.from(await response.arrayBuffer());
    const file = await readFile(fileOf(second));
    expect(body.length).toBe(second.size);
    expect(body.subarray(0, 32).equals(file.subarray(0, 32))).toBe(true);
    expect(body.equals(file)).toBe(true);
    const [audit] = await app.sql(`SELECT outcome FROM "AuditLog" WHERE action = 'BACKUP_DOWNLOAD' AND "resourceId" = $1`, [second.id]);
    expect(audit?.outcome).toBe('SUCCESS');
  });

  it('answers unknown and traversal ids with the same bare 404', async () => {
    const unknown = await download(`c${'0'.repeat(24)}`);
    expect(unknown.status).toBe(404);
    notFoundBody = await unknown.text();
    expect(JSON.parse(notFoundBody)).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    for (const id of ['%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%2f..%2fetc%2fpasswd', '%252e%252e%252fetc%252fpasswd', '..%5c..%5cetc%5cpasswd', encodeURIComponent(second.filename), `${second.id}%00`]) {
      const response = await download(id);
      expect(response.status, id).toBe(404);
      expect(await response.text(), id).toBe(notFoundBody);
    }
    for (const rawPath of ['/api/backups/../../etc/passwd/download', '/api/backups/..%2f..%2f..%2fetc%2fpasswd/download']) {
      const response = await rawGet(rawPath);
      expect(response.status, rawPath).toBe(404);
      expect(response.body, rawPath).not.toContain('root:');
      expect(response.body, rawPath).not.toContain(app.backupDir);
    }
  });

  it('answers a backup whose file was swapped for a symlink with the same bare 404', async () => {
    const safety = okData<BackupView>(await getBackup(safetyBackupId));
    for (const target of [fileOf(second), '/etc/passwd']) {
      await rm(fileOf(safety), { force: true });
      await symlink(target, fileOf(safety));
      const response = await download(safety.id);
      expect(response.status, target).toBe(404);
      expect(await response.text(), target).toBe(notFoundBody);
    }
    const failures = await app.sql(`SELECT "actorId" FROM "AuditLog" WHERE action = 'BACKUP_DOWNLOAD' AND outcome = 'FAILURE' AND "resourceId" = $1`, [safety.id]);
    expect(failures).toHaveLength(2);
  });

  it('keeps the server memory flat while a slow client downloads a 2 GB file', async () => {
    // A sparse file stands in for a multi-GB backup: the route streams bytes, it does not decrypt.
    const big = { id: `c${randomBytes(12).toString('hex')}`, filename: `erp-backup-20990101T000000Z-${randomBytes(6).toString('hex')}.erpbak` };
    const handle = await open(fileOf(big), 'wx', 0o600);
    await handle.truncate(BIG_FILE_BYTES);
    await handle.close();
    await app.sql(`INSERT INTO "Backup" (id, filename, size, status) VALUES ($1, $2, $3, 'COMPLETED')`, [big.id, big.filename, BIG_FILE_BYTES]);
    try {
      const baseline = await app.server.rssBytes();
      const response = await download(big.id);
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      let received = 0;
      while (received < 64 * 1024 ** 2) received += (await reader.read()).value?.length ?? Infinity;
      // A stalled client: the server must wait, not buffer. Sample its memory until it has
      // stopped growing (or has grown past the budget, which fails below).
      const samples: number[] = [];
      const during = await waitFor(
        'the server memory to settle while the client stalls',
        async () => {
          samples.push(await app.server.rssBytes());
          const recent = samples.slice(-STALL_SAMPLES);
          const settled = recent.length === STALL_SAMPLES && Math.max(...recent) - Math.min(...recent) < SETTLED_BYTES;
          return settled || recent.at(-1)! - baseline >= MEMORY_BUDGET_BYTES ? recent.at(-1)! : undefined;
        },
        30_000,
        250,
      );
      await reader.cancel();
      expect(during - baseline).toBeLessThan(MEMORY_BUDGET_BYTES);
    } finally {
      await app.sql(`DELETE FROM "Backup" WHERE id = $1`, [big.id]);
      await rm(fileOf(big), { force: true });
    }
  }, LONG_TEST_MS);
});
