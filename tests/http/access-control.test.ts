/**
 * Access control over real HTTP against `next start`: every backup action (called by its real
 * action id) and the download route refuse a caller with no session and the demo teacher,
 * change nothing, and leave a DENIED audit row; forged, expired and tampered cookies count as
 * no session; a hand-made POST replaying an action id without a cookie is refused; cross-site
 * POSTs are refused even with the admin's cookie. Also: sign-in and sign-out through the real
 * form action, and the public health endpoint's status and content.
 */
import { confirmationPhrase } from '@/lib/conventions/confirmation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { appState } from './app-state';
import { BUILD_HOOK_TIMEOUT_MS } from './next-build';
import { errorOf, okData } from './server-actions';
import { sessionCookie, startTestApp, waitFor, type TestApp } from './test-app';

const BACKUP_ACTIONS = [
  'createBackupAction',
  'listBackupsAction',
  'getBackupAction',
  'restoreBackupAction',
  'deleteBackupAction',
  'verifyBackupAction',
  'uploadBackupToCloudAction',
  'previewRestoreAction',
  'restoreChoicesAction',
] as const;

const AUDIT_ACTION: Record<(typeof BACKUP_ACTIONS)[number], string> = {
  createBackupAction: 'BACKUP_CREATE',
  listBackupsAction: 'BACKUP_LIST',
  getBackupAction: 'BACKUP_VIEW',
  restoreBackupAction: 'BACKUP_RESTORE',
  deleteBackupAction: 'BACKUP_DELETE',
  verifyBackupAction: 'BACKUP_VERIFY',
  uploadBackupToCloudAction: 'BACKUP_UPLOAD',
  previewRestoreAction: 'BACKUP_PREVIEW',
  restoreChoicesAction: 'BACKUP_VIEW',
};

const WRONG_CREDENTIALS = 'The e-mail address or password is not correct.';

let app: TestApp;
let backup: { id: string; filename: string; createdAt: string };
let healthBeforeAnyBackup: Response;

beforeAll(async () => {
  app = await startTestApp();
  healthBeforeAnyBackup = await fetch(`${app.url}/api/health/backups`);
  const { backupId } = okData<{ backupId: string }>(await app.call('createBackupAction', [{ label: 'access-control fixture' }], app.admin.cookie));
  backup = await waitFor('the fixture backup', async () => {
    const [row] = await app.sql<{ id: string; filename: string; createdAt: string; status: string }>(
      `SELECT b.id, b.filename, to_char(b."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", o.status FROM "Backup" b JOIN "BackupOperation" o ON o."backupId" = b.id WHERE b.id = $1`,
      [backupId],
    );
    if (row?.status === 'FAILED') throw new Error('the fixture backup failed');
    return row?.status === 'COMPLETED' ? { id: row.id, filename: row.filename, createdAt: row.createdAt } : undefined;
  });
}, BUILD_HOOK_TIMEOUT_MS);

afterAll(async () => {
  await app?.close();
});

/** Valid arguments for each action, so a refusal can only be about the caller. */
function argsFor(name: (typeof BACKUP_ACTIONS)[number]): unknown[] {
  const id = backup.id;
  switch (name) {
    case 'createBackupAction':
      return [{ label: 'should never run' }];
    case 'listBackupsAction':
      return [];
    case 'restoreBackupAction':
      return [{ id, password: app.admin.password, confirmName: confirmationPhrase(backup.createdAt, 'UTC') }];
    default:
      return [{ id }];
  }
}

const deniedRows = (action: string, actorId: string | null) =>
  app.sql(`SELECT "resourceId", ip, "userAgent" FROM "AuditLog" WHERE action = $1::"AuditAction" AND outcome = 'DENIED' AND "actorId" IS NOT DISTINCT FROM $2`, [action, actorId]);

/** How many refusals the DENIED rows record: anonymous ones are counted per client and minute in one row (`details.count`). */
async function refusals(action: string, actorId: string | null): Promise<number> {
  const [row] = await app.sql<{ n: number }>(
    `SELECT coalesce(sum(coalesce(("details"->>'count')::int, 1)), 0)::int AS n FROM "AuditLog" WHERE action = $1::"AuditAction" AND outcome = 'DENIED' AND "actorId" IS NOT DISTINCT FROM $2`,
    [action, actorId],
  );
  return row!.n;
}

describe('backup actions refuse everyone but an admin', () => {
  const callers = [
    { who: 'no session', cookie: () => undefined, code: 'UNAUTHENTICATED', actorId: () => null },
    { who: 'the teacher', cookie: () => app.teacher.cookie, code: 'FORBIDDEN', actorId: () => app.teacher.id },
  ];
  for (const name of BACKUP_ACTIONS) {
    for (const caller of callers) {
      it(`${name}: ${caller.who} → ${caller.code}, nothing changes, DENIED is audit-logged`, async () => {
        const before = await appState(app);
        // Two actions may share an audit action (getBackupAction and restoreChoicesAction: BACKUP_VIEW), so count refusals, not rows.
        const refusalsBefore = await refusals(AUDIT_ACTION[name], caller.actorId());
        const error = errorOf(await app.call(name, argsFor(name), caller.cookie()));
        expect(error.code).toBe(caller.code);
        expect(await appState(app)).toEqual(before);
        expect(await refusals(AUDIT_ACTION[name], caller.actorId())).toBe(refusalsBefore + 1);
        const denials = await deniedRows(AUDIT_ACTION[name], caller.actorId());
        if (name !== 'createBackupAction' && name !== 'listBackupsAction') expect(denials.at(-1)?.resourceId).toBe(backup.id);
      });
    }
  }

  it('every backup action has an action id, so every one is reachable over HTTP', () => {
    expect(BACKUP_ACTIONS.filter((name) => !app.hasAction(name))).toEqual([]);
  });

  it('unknown, expired and malformed session cookies count as no session', async () => {
    const unknown = sessionCookie(randomBytes(32).toString('base64url'));
    const expired = await app.newCookie(app.admin.id);
    await app.sql(`UPDATE "Session" SET "expiresAt" = now() AT TIME ZONE 'UTC' - interval '1 minute' WHERE "tokenHash" = encode(sha256(decode(translate($1, '-_', '+/') || '=', 'base64')), 'hex')`, [expired.split('=')[1]]);
    for (const cookie of [unknown, expired, 'erp_session=garbage', 'erp_session=']) {
      expect(errorOf(await app.call('getBackupAction', [{ id: backup.id }], cookie)).code).toBe('UNAUTHENTICATED');
    }
  });

  it('a hand-made POST replaying a real action id without a cookie is refused', async () => {
    const before = await appState(app);
    const response = await fetch(`${app.url}/admin/backups`, {
      method: 'POST',
      headers: {
        'Next-Action': app.action('deleteBackupAction').id,
        'Content-Type': 'text/plain;charset=UTF-8',
        'User-Agent': 'replay-script/1.0',
        'X-Forwarded-For': '203.0.113.7, 10.0.0.1',
      },
      body: JSON.stringify([{ id: backup.id }]),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('"code":"UNAUTHENTICATED"');
    expect(text).not.toContain(app.backupDir);
    expect(await appState(app)).toEqual(before);
    // No trusted proxy is configured: the client's own X-Forwarded-For is not believed.
    expect((await deniedRows('BACKUP_DELETE', null)).at(-1)).toMatchObject({ resourceId: backup.id, ip: '127.0.0.1' });
  });

  it('a cross-site POST is refused even with the admin cookie', async () => {
    const before = await appState(app);
    const response = await fetch(`${app.url}/admin/backups`, {
      method: 'POST',
      headers: { 'Next-Action': app.action('deleteBackupAction').id, Origin: 'https://evil.example', Cookie: app.admin.cookie, 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify([{ id: backup.id }]),
    });
    await response.arrayBuffer();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await appState(app)).toEqual(before);
  });

  it('an admin with invalid input gets INVALID_INPUT, audited as FAILURE', async () => {
    const invalid: [string, unknown[]][] = [
      ['getBackupAction', [{ id: '../../etc/passwd' }]],
      ['createBackupAction', [{ label: 'x'.repeat(121) }]],
      ['uploadBackupToCloudAction', [{ id: backup.id, path: '/etc/passwd' }]],
      ['restoreBackupAction', [{ id: backup.id }]],
    ];
    for (const [name, args] of invalid) {
      expect(errorOf(await app.call(name, args, app.admin.cookie)).code).toBe('INVALID_INPUT');
    }
    const [row] = await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE outcome = 'FAILURE' AND details->>'code' = 'INVALID_INPUT' AND "actorId" = $1`, [app.admin.id]);
    expect(row?.n).toBe(invalid.length);
  });
});

describe('the download route refuses everyone but an admin', () => {
  for (const [who, cookie, status, code] of [
    ['no session', () => undefined, 401, 'UNAUTHENTICATED'],
    ['the teacher', () => app.teacher.cookie, 403, 'FORBIDDEN'],
  ] as const) {
    it(`${who} → ${status} JSON, DENIED is audit-logged`, async () => {
      const actorId = who === 'the teacher' ? app.teacher.id : null;
      const before = (await deniedRows('BACKUP_DOWNLOAD', actorId)).length;
      const c = cookie();
      const response = await fetch(`${app.url}/api/backups/${backup.id}/download`, { headers: c ? { Cookie: c } : {} });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
      const denials = await deniedRows('BACKUP_DOWNLOAD', actorId);
      expect(denials.length).toBe(before + 1);
      expect(denials.at(-1)?.resourceId).toBe(backup.id);
    });
  }
});

describe('sign-in and sign-out through the real form actions', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    return data;
  };

  it('a wrong password and an unknown address get the same answer and no cookie', async () => {
    for (const fields of [
      { email: app.admin.email, password: 'not-the-password' },
      { email: 'nobody@school.test', password: app.admin.password },
      { email: app.teacher.email, password: '' },
    ]) {
      const call = await app.call('loginAction', [undefined, form(fields)]);
      expect(call.result()).toEqual({ error: WRONG_CREDENTIALS });
      expect(call.headers.getSetCookie().some((c) => c.startsWith('erp_session='))).toBe(false);
    }
    const failures = await app.sql(`SELECT "actorId" FROM "AuditLog" WHERE action = 'LOGIN_FAILED' ORDER BY id`);
    expect(failures.map((r) => r.actorId)).toEqual([app.admin.id, null, app.teacher.id]);
  });

  it('the right password sets a hardened session cookie and redirects to a same-site `next` only', async () => {
    const call = await app.call('loginAction', [undefined, form({ email: app.admin.email.toUpperCase(), password: app.admin.password, next: '//evil.example/x' })]);
    expect(call.headers.get('x-action-redirect')).toMatch(/^\/admin\/backups(;|$)/);
    const cookie = call.headers.getSetCookie().find((c) => c.startsWith('erp_session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=28800/);
    expect(cookie).toMatch(/; Secure/i); // production: always Secure unless ALLOW_PLAIN_HTTP=true
    const session = cookie!.split(';')[0]!;
    expect(okData<{ id: string }>(await app.call('getBackupAction', [{ id: backup.id }], session)).id).toBe(backup.id);
    const [login] = await app.sql(`SELECT "actorId", ip FROM "AuditLog" WHERE action = 'LOGIN' AND outcome = 'SUCCESS'`);
    expect(login?.actorId).toBe(app.admin.id);

    const next = await app.call('loginAction', [undefined, form({ email: app.admin.email, password: app.admin.password, next: '/admin/backups?tab=history' })]);
    expect(next.headers.get('x-action-redirect')).toMatch(/^\/admin\/backups\?tab=history(;|$)/);
  });

  it('the teacher can sign in, and is still refused by every backup action', async () => {
    const call = await app.call('loginAction', [undefined, form({ email: app.teacher.email, password: app.teacher.password })]);
    const session = call.headers.getSetCookie().find((c) => c.startsWith('erp_session='))!.split(';')[0]!;
    expect(errorOf(await app.call('verifyBackupAction', [{ id: backup.id }], session)).code).toBe('FORBIDDEN');
  });

  it('sign-out clears the cookie and is audit-logged', async () => {
    const call = await app.call('logoutAction', [], app.admin.cookie);
    const cleared = call.headers.getSetCookie().find((c) => c.startsWith('erp_session='));
    expect(cleared).toMatch(/^erp_session=;/);
    expect(call.headers.get('x-action-redirect')).toMatch(/^\/login(;|$)/);
    const [row] = await app.sql(`SELECT "actorId" FROM "AuditLog" WHERE action = 'LOGOUT'`);
    expect(row?.actorId).toBe(app.admin.id);
  });
});

describe('the public health endpoint', () => {
  it('is 503 before any backup and 200 once a fresh verified one exists, with status fields only', async () => {
    expect(healthBeforeAnyBackup.status).toBe(503);
    expect(((await healthBeforeAnyBackup.json()) as { healthy: boolean }).healthy).toBe(false);
    const response = await fetch(`${app.url}/api/health/backups`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toMatchObject({ healthy: true, status: 'green', backupCount: 1, cloudConfigured: false });
    expect(Object.keys(body).sort()).toEqual(
      ['ageHours', 'backupCount', 'checkedAt', 'checks', 'cloudConfigured', 'healthy', 'lastSuccessfulBackupAt', 'maxTotalBytes', 'nextScheduledRunAt', 'status', 'totalBytes'].sort(),
    );
    expect(text).not.toContain(app.backupDir);
    expect(text).not.toContain(app.db.name);
    expect(text).not.toContain('message');
  });
});
