/**
 * Operations against real servers started in the test: an S3-protocol server (s3rver) for cloud
 * copies and an SMTP server (smtp-server + mailparser) for alerts.
 * - a backup is copied to the bucket and counts as uploaded only once confirmed;
 * - with the local file gone, verify and restore work from the cloud copy;
 * - a failed backup e-mails the admins: what failed, when, the error, what to do — no secrets;
 * - a completed restore is announced too.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server';
import { getBackup } from '../../src/lib/backup/service/queries';
import { requestBackup, requestRestore, requestUpload } from '../../src/lib/backup/service/requests';
import { runOperation } from '../../src/lib/backup/service/run-operation';
import { verifyRecordedBackup } from '../../src/lib/backup/service/verify';
import { S3RVER_CREDENTIALS, startTestS3Server, TEST_BUCKET, type TestS3Server } from '../helpers/s3-test-server';
import { seedDatabase } from '../../src/lib/seed/index';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { withClient } from '../helpers/pg';
import { createServiceFixture, type ServiceFixture } from '../helpers/service';

const admin = { kind: 'user', id: 'admin-id', email: 'admin@school.test' } as const;

describe('cloud copies and alerts', () => {
  let db: TestDatabase;
  let s3: TestS3Server;
  let smtp: SmtpTestServer;
  let fx: ServiceFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDatabase(db.url, 'demo');
    [s3, smtp] = await Promise.all([startTestS3Server(), startSmtpTestServer()]);
    fx = await createServiceFixture(db.url, {
      env: {
        BACKUP_S3_BUCKET: TEST_BUCKET,
        BACKUP_S3_PREFIX: 'school-a',
        BACKUP_S3_ENDPOINT: s3.endpoint,
        BACKUP_S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
        BACKUP_S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
        BACKUP_S3_FORCE_PATH_STYLE: 'true',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        SMTP_FROM: 'ERP backups <backups@school.test>',
      },
    });
  });
  afterAll(async () => {
    await fx?.cleanup();
    await Promise.all([s3?.close(), smtp?.close(), db?.drop()]);
  });

  const create = async () => {
    const { backupId, operationId } = await requestBackup(fx.ctx, { actor: admin });
    await runOperation(fx.ctx, operationId);
    return getBackup(fx.ctx, backupId);
  };

  it('copies a backup to the bucket, confirmed by size and checksum', async () => {
    const backup = await create();
    const { operationId } = await requestUpload(fx.ctx, { actor: admin, backupId: backup.id });
    expect((await runOperation(fx.ctx, operationId)).status).toBe('COMPLETED');
    expect((await getBackup(fx.ctx, backup.id)).locations).toEqual({ local: true, cloud: 'UPLOADED' });
    const stored = await fx.ctx.cloud!.stat(backup.filename);
    expect(stored?.size).toBe(backup.size);
  });

  it('verifies and restores from the cloud copy when the local file is gone', async () => {
    const backup = await create();
    await runOperation(fx.ctx, (await requestUpload(fx.ctx, { actor: admin, backupId: backup.id })).operationId);
    await rm(path.join(fx.ctx.local.directory, backup.filename));

    const report = await verifyRecordedBackup(fx.ctx, backup.id);
    expect(report.location).toBe('cloud');

    const [student] = await withClient(db.url, async (c) => (await c.query(`SELECT id, "lastName" FROM "Student" ORDER BY id LIMIT 1`)).rows);
    await withClient(db.url, (c) => c.query(`UPDATE "Student" SET "lastName" = 'Overwritten' WHERE id = $1`, [student.id]));
    const restore = await runOperation(fx.ctx, (await requestRestore(fx.ctx, { actor: admin, backupId: backup.id })).operationId);
    expect(restore.status).toBe('COMPLETED');
    const [after] = await withClient(db.url, async (c) => (await c.query(`SELECT "lastName" FROM "Student" WHERE id = $1`, [student.id])).rows);
    expect(after.lastName).toBe(student.lastName);

    const restoreMail = smtp.received.find((m) => /restore/i.test(m.mail.subject ?? '') && /complet/i.test(m.mail.subject ?? ''));
    // Default recipients: every active ADMIN user.
    const admins = await withClient(db.url, async (c) => (await c.query(`SELECT email FROM "User" WHERE role = 'ADMIN' AND "isActive" ORDER BY email`)).rows.map((r) => r.email));
    expect(admins).toContain('admin@school.test');
    expect(restoreMail?.envelopeTo.sort()).toEqual(admins);
  });

  it('e-mails the admins when a backup fails, with what to do and no secrets', async () => {
    const broken = await createServiceFixture(db.url, {
      env: {
        BACKUP_SOURCE_URL: 'postgresql://backup:s3cret-password@127.0.0.1:1/erp',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        BACKUP_NOTIFY_EMAILS: 'it@school.test,head@school.test',
      },
    });
    try {
      const before = smtp.received.length;
      const { backupId, operationId } = await requestBackup(broken.ctx, { actor: admin });
      const operation = await runOperation(broken.ctx, operationId);
      expect(operation.status).toBe('FAILED');
      expect((await getBackup(broken.ctx, backupId)).error?.code).toBe('DB_UNAVAILABLE');

      const mail = smtp.received.slice(before).find((m) => /fail/i.test(m.mail.subject ?? ''));
      expect(mail).toBeDefined();
      expect(mail!.envelopeTo.sort()).toEqual(['head@school.test', 'it@school.test']);
      const body = mail!.mail.text ?? '';
      expect(body).toContain('DB_UNAVAILABLE');
      expect(body).toMatch(/unreachable|connection/i);
      expect(body).toMatch(/what to do/i);
      expect(body).toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(body).not.toContain('s3cret-password');

      // The same failure again within 24 h is not repeated.
      await runOperation(broken.ctx, (await requestBackup(broken.ctx, { actor: admin })).operationId);
      expect(smtp.received.slice(before).filter((m) => /fail/i.test(m.mail.subject ?? ''))).toHaveLength(1);
    } finally {
      await broken.cleanup();
    }
  });
});
