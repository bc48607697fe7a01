/**
 * The sign-in and session findings of issue 10, each over real HTTP against `next start` (one
 * app, default settings: no trusted proxy, production): open redirects after sign-in and from
 * /login (1, 2), the restore step-up as a password oracle (3), revocable sessions (4), guessing
 * limits (5), bounded anonymous audit rows and the client address (6), security headers on every
 * page and route (7), HEAD on the download route (8), the build's file traces (9), and the
 * session token's spelling, `Secure` cookies and the Origin check's host (10).
 */
import { confirmationPhrase } from '@/lib/conventions/confirmation';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/lib/auth/password';
import { PROJECT_ROOT } from '../../src/lib/db/database-url';
import { BUILD_HOOK_TIMEOUT_MS, DIST_DIR } from './next-build';
import { errorOf, okData, postAction } from './server-actions';
import { cookiePair, holdWait, insertSessionForBytes, REDIRECT_TRICKS, setSessionCookie, signInCall } from './security-helpers';
import { sessionCookie, startTestApp, waitFor, type TestApp } from './test-app';

let app: TestApp;
let backup: { id: string; filename: string; phrase: string };

beforeAll(async () => {
  app = await startTestApp();
  const { backupId } = okData<{ backupId: string }>(await app.call('createBackupAction', [{ label: 'security fixture' }], app.admin.cookie));
  backup = await waitFor('the fixture backup', async () => {
    const [row] = await app.sql<{ id: string; filename: string; createdAt: Date; status: string }>(
      `SELECT b.id, b.filename, b."createdAt", o.status FROM "Backup" b JOIN "BackupOperation" o ON o."backupId" = b.id WHERE b.id = $1`,
      [backupId],
    );
    if (row?.status === 'FAILED') throw new Error('the fixture backup failed');
    return row?.status === 'COMPLETED' ? { id: row.id, filename: row.filename, phrase: confirmationPhrase(row.createdAt, 'UTC') } : undefined;
  });
}, BUILD_HOOK_TIMEOUT_MS);

afterAll(async () => {
  await app?.close();
});

beforeEach(async () => {
  await app?.sql(`DELETE FROM "AuthThrottle"`);
});

const ORIGIN = () => new URL(app.url).origin;

/** A Location (or x-action-redirect) the browser would follow stays on this site. */
function expectSameSite(location: string | null) {
  expect(location).not.toBeNull();
  const target = location!.split(';')[0]!;
  expect(target).toMatch(/^\/(?![/\\])/);
  expect(target).not.toMatch(/[\u0000-\u001f\u007f\\]/);
  expect(new URL(target, app.url).origin).toBe(ORIGIN());
}

const listAs = (cookie: string | undefined) => app.call('listBackupsAction', [], cookie);
const isSignedIn = async (cookie: string) => (listAs(cookie).then((c) => (c.result() as { ok: boolean }).ok));

describe('1, 2: every redirect lands on this site', () => {
  it('after sign-in, `next` tricks give a same-site path (and the tricks that resolve elsewhere give /admin/backups)', async () => {
    for (const next of REDIRECT_TRICKS) {
      const call = await signInCall(app, { email: app.admin.email, password: app.admin.password, next });
      expect(setSessionCookie(call), next).toBeDefined();
      const location = call.headers.get('x-action-redirect');
      expectSameSite(location);
      if (/evil/.test(next) && !next.startsWith('/@')) expect(location!.split(';')[0], JSON.stringify(next)).toMatch(/^\/(admin\/backups|%)/);
    }
    const plain = await signInCall(app, { email: app.admin.email, password: app.admin.password, next: '/admin/backups?tab=history#top' });
    expect(plain.headers.get('x-action-redirect')).toMatch(/^\/admin\/backups\?tab=history#top(;|$)/);
  });

  it('when already signed in, /login?next=… answers a same-site Location for every trick', async () => {
    for (const next of REDIRECT_TRICKS) {
      const response = await fetch(`${app.url}/login?next=${encodeURIComponent(next)}`, { headers: { Cookie: app.admin.cookie }, redirect: 'manual' });
      await response.arrayBuffer();
      expect(response.status, JSON.stringify(next)).toBe(307);
      expectSameSite(response.headers.get('location'));
    }
  });
});

describe('3: the restore step-up is no password oracle, and is throttled', () => {
  const restore = (password: string, confirmName: string) => app.call('restoreBackupAction', [{ id: backup.id, password, confirmName }], app.admin.cookie);
  const waits = () =>
    app.sql<{ seconds: number }>(`SELECT extract(epoch FROM "blockedUntil" - "lastFailureAt")::float8 AS seconds FROM "AuthThrottle" WHERE key LIKE 'step-up:account:%'`);

  it('gives one answer for any mismatch, then a growing wait with the time to retry, and queues nothing', async () => {
    const answers = [
      errorOf(await restore(app.admin.password, '2001-01-01 00:00:00')),
      errorOf(await restore('wrong-password', '2001-01-01 00:00:00')),
      errorOf(await restore('wrong-password', backup.phrase)),
    ];
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.code).toBe('CONFIRMATION_FAILED');
    for (let i = 0; i < 3; i++) expect(errorOf(await restore('wrong-password', 'x')).code).toBe('CONFIRMATION_FAILED'); // the 6th starts a wait
    expect((await waits()).map((w) => w.seconds)).toEqual([1]);
    await holdWait(app, `step-up:account:${app.admin.id}`);
    const refused = errorOf(await restore(app.admin.password, backup.phrase));
    expect(refused.code).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.message).toMatch(/Try again in \d+ seconds? \(after \d\d:\d\d:\d\d UTC\)/);
    await app.sql(`UPDATE "AuthThrottle" SET "blockedUntil" = now() AT TIME ZONE 'UTC' - interval '1 millisecond'`); // the wait has passed
    expect(errorOf(await restore('wrong-password', backup.phrase)).code).toBe('CONFIRMATION_FAILED');
    expect((await waits()).map((w) => w.seconds)).toEqual([2]);
    const operations = await app.sql(`SELECT id FROM "BackupOperation" WHERE kind = 'RESTORE'`);
    expect(operations).toEqual([]);
  });
});

describe('4: sessions are revocable on the server', () => {
  it('sign-out ends that session: the old cookie no longer lists backups', async () => {
    const cookie = cookiePair(setSessionCookie(await signInCall(app, { email: app.admin.email, password: app.admin.password }))!);
    expect(await isSignedIn(cookie)).toBe(true);
    await app.call('logoutAction', [], cookie);
    expect(errorOf(await listAs(cookie)).code).toBe('UNAUTHENTICATED');
  });

  it('a password change ends every session of that user (whoever changes it)', async () => {
    const [first, second] = [await app.newCookie(app.admin.id), await app.newCookie(app.admin.id)];
    const newHash = await hashPassword(app.admin.password); // same password, new hash: still a change
    await app.sql(`UPDATE "User" SET "passwordHash" = $1 WHERE id = $2`, [newHash, app.admin.id]);
    for (const cookie of [first, second, app.admin.cookie]) expect(errorOf(await listAs(cookie)).code).toBe('UNAUTHENTICATED');
    app.admin.cookie = await app.newCookie(app.admin.id);
    expect(await isSignedIn(app.admin.cookie)).toBe(true);
  });

  it('a role change or a deactivation ends every session, and reactivating brings none back', async () => {
    const roleCookie = await app.newCookie(app.teacher.id);
    expect(errorOf(await listAs(roleCookie)).code).toBe('FORBIDDEN');
    await app.sql(`UPDATE "User" SET role = 'ADMIN' WHERE id = $1`, [app.teacher.id]);
    expect(errorOf(await listAs(roleCookie)).code).toBe('UNAUTHENTICATED');
    await app.sql(`UPDATE "User" SET role = 'TEACHER' WHERE id = $1`, [app.teacher.id]);

    const activeCookie = await app.newCookie(app.teacher.id);
    await app.sql(`UPDATE "User" SET "isActive" = false WHERE id = $1`, [app.teacher.id]);
    await app.sql(`UPDATE "User" SET "isActive" = true WHERE id = $1`, [app.teacher.id]);
    expect(errorOf(await listAs(activeCookie)).code).toBe('UNAUTHENTICATED');
    app.teacher.cookie = await app.newCookie(app.teacher.id);
  });

  it('the admin page lists the active sessions, and "sign out everywhere" ends them all', async () => {
    const elsewhere = await app.newCookie(app.admin.id);
    const here = await app.newCookie(app.admin.id);
    const page = await fetch(`${app.url}/admin/backups`, { headers: { Cookie: here } });
    const html = await page.text();
    expect(html).toContain('Active sessions');
    expect(html).toContain('(this browser)');
    const call = await app.call('signOutEverywhereAction', [], here);
    expect(call.headers.get('x-action-redirect')).toMatch(/^\/login(;|$)/);
    for (const cookie of [here, elsewhere, app.admin.cookie]) expect(errorOf(await listAs(cookie)).code).toBe('UNAUTHENTICATED');
    const [row] = await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Session" WHERE "userId" = $1 AND "revokedAt" IS NULL`, [app.admin.id]);
    expect(row?.n).toBe(0);
    app.admin.cookie = await app.newCookie(app.admin.id);
  });
});

describe('5: guessing passwords is throttled, with a growing wait and never for good', () => {
  const wrong = (email = app.admin.email) => signInCall(app, { email, password: 'not-the-password' });
  const right = () => signInCall(app, { email: app.admin.email, password: app.admin.password });
  const accountKey = () => `sign-in:account:${app.admin.email}`;
  const accountWait = async () =>
    (await app.sql<{ failures: number; seconds: number }>(
      `SELECT failures, extract(epoch FROM "blockedUntil" - "lastFailureAt")::float8 AS seconds FROM "AuthThrottle" WHERE key = $1`,
      [accountKey()],
    ))[0];
  // Moves the clock instead of sleeping, so a slow machine cannot change the outcome.
  const stillWaiting = () => holdWait(app, accountKey());
  const waitOver = () => app.sql(`UPDATE "AuthThrottle" SET "blockedUntil" = now() AT TIME ZONE 'UTC' - interval '1 millisecond' WHERE key = $1`, [accountKey()]);

  it('per account: after 5 free failures the right password waits too, the wait grows, and it ends', async () => {
    for (let i = 0; i < 6; i++) expect((await wrong()).result()).toEqual({ error: 'The e-mail address or password is not correct.' });
    expect(await accountWait()).toEqual({ failures: 6, seconds: 1 });
    await stillWaiting();
    const refused = await right();
    expect(setSessionCookie(refused)).toBeUndefined();
    expect((refused.result() as { error: string }).error).toMatch(/^Too many failed attempts\. Try again in \d+ seconds \(after \d\d:\d\d:\d\d UTC\)\.$/);
    await waitOver();
    expect((await wrong()).result()).toEqual({ error: 'The e-mail address or password is not correct.' });
    expect(await accountWait()).toEqual({ failures: 7, seconds: 2 });
    await waitOver();
    expect(setSessionCookie(await right())).toBeDefined();
    expect(await app.sql(`SELECT key FROM "AuthThrottle" WHERE key LIKE 'sign-in:account:%'`)).toEqual([]);
  });

  it('per client: 21 failures on different addresses make this client wait, even for the right password', async () => {
    for (let i = 0; i < 21; i++) await wrong(`nobody-${i}@school.test`);
    await holdWait(app, 'sign-in:client:127.0.0.1');
    const refused = await right();
    expect(setSessionCookie(refused)).toBeUndefined();
    expect((refused.result() as { error: string }).error).toMatch(/^Too many failed attempts/);
    const [row] = await app.sql<{ failures: number }>(`SELECT failures FROM "AuthThrottle" WHERE key = 'sign-in:client:127.0.0.1'`);
    expect(row?.failures).toBe(21);
  });

  it('parallel guesses cannot slip past the count', async () => {
    // 10 failures already (the next one starts a 32 s wait), so timing cannot let a second one in.
    await app.sql(`INSERT INTO "AuthThrottle" (key, failures, "lastFailureAt") VALUES ($1, 10, now() AT TIME ZONE 'UTC')`, [`sign-in:account:${app.admin.email}`]);
    const answers = await Promise.all(Array.from({ length: 12 }, () => wrong()));
    const errors = answers.map((a) => (a.result() as { error: string }).error);
    expect(errors.filter((e) => e.startsWith('The e-mail address')).length).toBe(1);
    expect(errors.filter((e) => e.startsWith('Too many failed attempts')).length).toBe(11);
  });
});

describe('6: anonymous denials are counted, not one row each, with the socket address', () => {
  it('30 anonymous calls add at most two rows (a minute boundary), counting 30, and ignore a client X-Forwarded-For', async () => {
    const tally = async () =>
      (await app.sql<{ rows: number; total: number }>(
        `SELECT count(*)::int AS rows, coalesce(sum((details->>'count')::int), 0)::int AS total FROM "AuditLog"
          WHERE action = 'BACKUP_LIST' AND outcome = 'DENIED' AND "actorId" IS NULL`,
      ))[0]!;
    const before = await tally();
    for (let i = 0; i < 30; i++) {
      const call = await postAction(app.url, app.action('listBackupsAction'), [], { headers: { 'X-Forwarded-For': '6.6.6.6', 'X-Real-IP': '6.6.6.7' } });
      expect(errorOf(call).code).toBe('UNAUTHENTICATED');
    }
    const after = await tally();
    expect(after.total - before.total).toBe(30);
    expect(after.rows - before.rows).toBeLessThanOrEqual(2);
    const addresses = await app.sql<{ ip: string }>(`SELECT DISTINCT ip FROM "AuditLog" WHERE outcome = 'DENIED'`);
    expect(addresses).toEqual([{ ip: '127.0.0.1' }]);
  });
});

describe('7: security headers on every page and route', () => {
  const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

  it('pages, redirects, API routes and errors carry CSP (nonce, frame-ancestors none), XFO, nosniff, Referrer-Policy and HSTS', async () => {
    const requests: [string, RequestInit][] = [
      ['/login', {}],
      ['/admin/backups', {}],
      ['/admin/backups', { headers: { Cookie: app.admin.cookie } }],
      ['/', {}],
      ['/no-such-page', {}],
      ['/api/health/backups', {}],
      [`/api/backups/${backup.id}/download`, {}],
    ];
    for (const [url, init] of requests) {
      const response = await fetch(`${app.url}${url}`, { ...init, redirect: 'manual' });
      await response.arrayBuffer();
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(csp, url).toContain("object-src 'none'");
      expect(response.headers.get('x-frame-options'), url).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), url).toBe('same-origin');
      expect(response.headers.get('strict-transport-security'), url).toMatch(/^max-age=\d{7,}/);
    }
  });

  it("every script on a page carries that response's fresh nonce", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${app.url}/login`);
      const html = await response.text();
      const nonce = nonceOf(response.headers.get('content-security-policy')!)!;
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

describe('8: HEAD on the download route opens no file', () => {
  async function openBackupFds(): Promise<string[]> {
    const found: string[] = [];
    for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== app.server.pid) continue;
      for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])) {
        const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
        if (target.startsWith(app.backupDir)) found.push(target);
      }
    }
    return found;
  }

  it('30 HEAD requests answer 200 with the download headers and leave no handle open', async () => {
    for (let i = 0; i < 30; i++) {
      const response = await fetch(`${app.url}/api/backups/${backup.id}/download`, { method: 'HEAD', headers: { Cookie: app.admin.cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain(backup.filename.replace(/[^A-Za-z0-9._-]/g, '_'));
    }
    expect(await openBackupFds()).toEqual([]);
    const refused = await fetch(`${app.url}/api/backups/${backup.id}/download`, { method: 'HEAD' });
    expect(refused.status).toBe(401);
    const get = await fetch(`${app.url}/api/backups/${backup.id}/download`, { headers: { Cookie: app.admin.cookie } });
    const [row] = await app.sql<{ size: string }>(`SELECT size::text FROM "Backup" WHERE id = $1`, [backup.id]);
    expect((await get.arrayBuffer()).byteLength).toBe(Number(row!.size));
    expect(app.server.output()).not.toContain('Closing file descriptor');
  });
});

describe('9: the build traces only what the server needs', () => {
  it('no .nft.json lists a file under backups/, .data/, tests/, docs/ or bench/, and the migrations are listed', async () => {
    const traces: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.name.endsWith('.nft.json')) traces.push(full);
      }
    };
    await walk(DIST_DIR);
    expect(traces.length).toBeGreaterThan(3);
    const forbidden = ['backups', '.data', 'tests', 'docs', 'bench', '.git'].map((d) => path.join(PROJECT_ROOT, d) + path.sep);
    const leaks: string[] = [];
    let migrations = 0;
    for (const trace of traces) {
      const { files } = JSON.parse(await readFile(trace, 'utf8')) as { files: string[] };
      for (const file of files.map((f) => path.resolve(path.dirname(trace), f))) {
        if (forbidden.some((prefix) => file.startsWith(prefix))) leaks.push(`${path.relative(DIST_DIR, trace)}: ${path.relative(PROJECT_ROOT, file)}`);
        if (/prisma\/migrations\/[^/]+\/migration\.sql$/.test(file)) migrations++;
      }
    }
    expect(leaks).toEqual([]);
    expect(migrations).toBeGreaterThan(0);
  });
});

describe('10: one spelling per token, Secure cookies, and the host the Origin check trusts', () => {
  it('only the canonical spelling of a token signs in', async () => {
    // 32 bytes whose base64url has "-" and "_" and whose last character has unused low bits.
    const bytes = Buffer.concat([Buffer.from([0xfb, 0xff, 0xbf]), randomBytes(28), Buffer.from([0x10])]);
    const token = bytes.toString('base64url');
    await insertSessionForBytes(app, app.admin.id, bytes);
    expect(await isSignedIn(sessionCookie(token))).toBe(true);
    const last = token.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBits = alphabet[alphabet.indexOf(last) + 1]!; // differs only in bits the decoder drops
    expect(Buffer.from(token.slice(0, -1) + sameBits, 'base64url').equals(bytes)).toBe(true);
    const variants = [
      `${token}=`,
      `${token}==`,
      token.replace(/-/g, '+').replace(/_/g, '/'),
      `${token.slice(0, 10)}*${token.slice(10)}`,
      token.slice(0, -1) + sameBits,
      `${token}.`,
    ];
    for (const variant of variants) expect((await listAs(sessionCookie(variant))).result(), variant).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('the session cookie is Secure in production, without any X-Forwarded-Proto', async () => {
    const call = await signInCall(app, { email: app.admin.email, password: app.admin.password });
    expect(setSessionCookie(call)).toMatch(/; Secure/i);
  });

  it('a cross-site action with a matching X-Forwarded-Host is refused: the client does not choose the host', async () => {
    const call = await postAction(app.url, app.action('getBackupAction'), [{ id: backup.id }], {
      cookie: app.admin.cookie,
      headers: { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' },
    });
    expect(call.status).toBeGreaterThanOrEqual(400);
    expect(call.body.toString()).not.toContain(backup.filename);
  });
});
