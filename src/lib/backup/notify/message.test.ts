import { describe, expect, it } from 'vitest';
import { DiskFullError } from '../errors';
import { NOTIFICATION_KINDS, notificationErrorFrom, type NotificationEvent } from './events';
import { redactSecrets, renderNotification } from './message';

const KEY = 'a3f1'.repeat(16);
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('redactSecrets', () => {
  it.each([
    [`key ${KEY} rejected`, 'key [redacted] rejected'],
    [`BACKUP_PREVIOUS_KEYS=${KEY},${KEY.toUpperCase()}`, 'BACKUP_PREVIOUS_KEYS=[redacted],[redacted]'],
    ['connect postgres://erp:s3cret@db.local:5432/erp failed', 'connect postgres://[redacted]@db.local:5432/erp failed'],
    ['postgresql://erp:p@ss:w0rd@db.local/erp', 'postgresql://[redacted]@db.local/erp'],
    ['host=db password=hunter2 user=erp', 'host=db password=[redacted] user=erp'],
    ['PGPASSWORD="two words" pg_dump', 'PGPASSWORD=[redacted] pg_dump'],
    ['https://x/y?token=abc123&page=2', 'https://x/y?token=[redacted]&page=2'],
    ['{"password":"hunter2","user":"erp"}', '{"password":"[redacted]","user":"erp"}'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig', 'Authorization: Bearer [redacted]'],
    ['access key AKIAIOSFODNN7EXAMPLE denied', 'access key [redacted] denied'],
    [`secret ${AWS_SECRET} here`, 'secret [redacted] here'],
    ['-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----', '[redacted]'],
  ])('redacts %j', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it.each([
    'password authentication failed for user "erp"',
    'The disk is full: the backup could not be written.',
    'checksum 3f786850e387550fdab836ed7e6dc881de23001b', // 40 hex: lower case only
    '/var/lib/postgresql/data/base/16384/2619',
    'Add that key to BACKUP_PREVIOUS_KEYS to read it (fingerprint 9f86d081884c7d65).',
    'https://erp.example/admin/backups',
  ])('leaves %j alone', (input) => {
    expect(redactSecrets(input)).toBe(input);
  });

  it('is idempotent', () => {
    const once = redactSecrets(`password=x postgres://u:p@h ${KEY}`);
    expect(redactSecrets(once)).toBe(once);
  });
});

describe('renderNotification', () => {
  const failed: NotificationEvent = {
    kind: 'backup.failed',
    occurredAt: new Date('2026-04-03T02:00:00Z'),
    backupId: 'clx42',
    backupName: 'backup-2026-04-03',
    error: { code: 'DB_UNAVAILABLE', message: `could not reach postgres://erp:hunter2@db:5432/erp with key ${KEY}` },
    details: { attempt: 2, dsn: 'host=db password=hunter2' },
  };

  it('says what failed, when, the error, and what to do, without secrets', () => {
    const { subject, text, html } = renderNotification(failed, {
      appName: 'Springfield ERP',
      adminUrl: 'https://erp.example/admin/backups',
    });
    expect(subject).toBe('[Springfield ERP] Backup failed: backup-2026-04-03 (DB_UNAVAILABLE)');
    expect(text).toContain('When: 2026-04-03T02:00:00.000Z (Friday, 3 April 2026 at 02:00:00 UTC)');
    expect(text).toContain('Backup: backup-2026-04-03 (id clx42)');
    expect(text).toContain('Error: DB_UNAVAILABLE: could not reach postgres://[redacted]@db:5432/erp with key [redacted]');
    expect(text).toContain('  - attempt: 2');
    expect(text).toContain('  - dsn: host=db password=[redacted]');
    expect(text).toContain(
      "What to do: Check free disk space and database connectivity, then run 'npm run backup -- create' or press Back up now",
    );
    expect(text).toContain('Backups page: https://erp.example/admin/backups');
    expect(html).toContain('<a href="https://erp.example/admin/backups">');
    expect(html).toContain('DB_UNAVAILABLE');
    for (const output of [subject, text, html]) {
      expect(output).not.toContain('hunter2');
      expect(output).not.toContain(KEY);
    }
  });

  it('shows the time in words in the given zone', () => {
    const { text } = renderNotification(failed, { appName: 'ERP', timeZone: 'Asia/Kolkata' });
    expect(text).toContain('2026-04-03T02:00:00.000Z (Friday, 3 April 2026 at 07:30:00 GMT+5:30)');
  });

  it('lists the failed checks of an unhealthy report', () => {
    const { text, html } = renderNotification(
      {
        kind: 'health.unhealthy',
        occurredAt: new Date('2026-04-03T08:00:00Z'),
        failedChecks: [
          { name: 'Last backup', message: 'The last successful backup is 3 days old.' },
          { name: 'Disk', message: 'Only 2% free.' },
        ],
      },
      { appName: 'ERP' },
    );
    expect(text).toContain('Failed checks:\n  - Last backup: The last successful backup is 3 days old.\n  - Disk: Only 2% free.');
    expect(text).toContain('What to do: Fix the failed checks listed above');
    expect(html).toContain('<li>Disk: Only 2% free.</li>');
  });

  it('escapes HTML and keeps the subject on one line', () => {
    const { subject, html } = renderNotification(
      { kind: 'verify.failed', occurredAt: new Date(0), backupName: 'a\r\nBcc: x@evil <b>', error: { code: 'CORRUPT', message: '<script>' } },
      { appName: 'ERP', adminUrl: 'javascript:alert(1)' },
    );
    expect(subject).toBe('[ERP] Backup verification failed: a Bcc: x@evil <b> (CORRUPT)');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('javascript:');
  });

  it('has a title and a what-to-do for every kind, and copes with an invalid date', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const { subject, text } = renderNotification({ kind, occurredAt: new Date(Number.NaN) }, { appName: 'ERP' });
      expect(subject).toMatch(/^\[ERP\] \w/);
      expect(text).toMatch(/\nWhat to do: \w/);
      expect(text).toContain('When: unknown time');
    }
  });

  it('takes the error of an event from any thrown value', () => {
    expect(notificationErrorFrom(new DiskFullError())).toEqual({
      code: 'DISK_FULL',
      message: expect.stringContaining('The disk is full'),
    });
    expect(notificationErrorFrom(new Error('raw'))).toEqual({ code: 'INTERNAL', message: expect.any(String) });
  });
});
