/**
 * `npm run test:e2e`: the admin backups page in a real browser. Steps: check that Debian's
 * Chromium is installed; build the app once (`.next-e2e`); start the embedded test PostgreSQL
 * (or use TEST_DATABASE_URL's server), create a fresh database, migrate and seed the demo data;
 * then, on that one database and with one key and session secret:
 * 1. `next start`: the flows (back up, restore, verify/download/delete, a lock held elsewhere,
 *    a restore reloaded midway, compare with now (and with another backup), page details at desktop and 390 px, deleting the last good
 *    backup, a teacher refused);
 * 2. `next start` again without an encryption key and without its worker: the page is red and
 *    says why;
 * 3. `next dev` with scheduled backups off: both host names work, the Restore and Delete
 *    dialogs stay open and do their work under React's development double effects, the banner
 *    is amber.
 * Always stops the servers, drops the database and stops PostgreSQL. Screenshots and the
 * build/server logs go to test-results/e2e/ (git-ignored). The output ends with
 * `N passed, M failed`; the exit code is non-zero when anything failed.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp, startApp, type RunningApp } from './harness/app';
import { CHROMIUM_PATH, launchBrowser, type Browser } from './harness/browser';
import { createE2eDatabase, type E2eDatabase } from './harness/database';
import { tail } from './harness/processes';
import { run, summary, test } from './harness/runner';
import { teacherIsRefused } from './scenarios/access';
import { backUpNow } from './scenarios/back-up-now';
import { compareWithNow } from './scenarios/compare-with-now';
import { backupReloaded } from './scenarios/backup-reload';
import type { E2eContext } from './scenarios/helpers';
import { deleteLastGood } from './scenarios/delete-last-good';
import { devModeDialogs } from './scenarios/dev-mode';
import { lockHeldElsewhere } from './scenarios/lock-held';
import { noKeyIsRed } from './scenarios/no-key';
import { pageDetails } from './scenarios/page-details';
import { restoreWithReload } from './scenarios/restore-reload';
import { restoreThroughDialog } from './scenarios/restore';
import { verifyDownloadDelete } from './scenarios/verify-download-delete';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT_DIR = path.join(ROOT, 'test-results', 'e2e');

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`[e2e] ${label} (${seconds(started)})`);
  return result;
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(`[e2e] ${CHROMIUM_PATH} is missing. Install Debian's Chromium (apt-get install chromium; .ci/run does this).`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });

  let db: E2eDatabase | undefined;
  let app: RunningApp | undefined;
  let other: RunningApp | undefined;
  let browser: Browser | undefined;
  let pool: pg.Pool | undefined;
  const backupDir = await mkdtemp(path.join(tmpdir(), 'erp-e2e-backups-'));
  try {
    const how = await step('build', () => buildApp(ROOT, OUT_DIR));
    if (how === 'reused') console.log('[e2e] E2E_SKIP_BUILD=1: reusing the existing .next-e2e build');
    db = await step('database created, migrated and seeded (demo)', () => createE2eDatabase(ROOT));
    const databaseUrl = db.url;
    app = await step('next start answering', () => startApp(ROOT, { databaseUrl, backupDir, logDir: OUT_DIR }));
    browser = await step('chromium launched', () => launchBrowser());
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pool.on('error', () => undefined);

    const ctx: E2eContext = { baseUrl: app.baseUrl, page: browser.page, db: pool, shotsDir: OUT_DIR, screenshots: [], problems: browser.problems };
    test('1. admin signs in, backs up now, sees progress and a completed row', () => backUpNow(ctx));
    test('1b. a backup reloaded midway stays the admin’s own, and its end does not flash “Backing up” again', () => backupReloaded(ctx, databaseUrl));
    test('2. admin restores through the dialog: wrong password refused, then the old name is back', () => restoreThroughDialog(ctx));
    test('extra: compare with now: a class\'s deleted exam results would come back, listed row by row', () => compareWithNow(ctx));
    test('3. verify, download (encrypted, size matches), delete with confirmation', () => verifyDownloadDelete(ctx));
    test('extra: an operation running elsewhere: "another backup or restore is running", buttons disabled', () => lockHeldElsewhere(ctx));
    test('5. a restore reloaded midway: same state after the reload, polls answered within 1 s, listed in Restores', () => restoreWithReload(ctx, databaseUrl));
    test('6. page details: time zone and seconds, SI sizes, cloud off, badges and file names legible, favicon, 390 px phone', () => pageDetails(ctx));
    test('7. deleting the last good backup needs its date and time typed', () => deleteLastGood(ctx));
    test('4. a teacher sees "Admins only" and no controls; signed out goes to /login', () => teacherIsRefused(ctx));
    test('8. no encryption key, no worker: red banner with reasons and fixes; Back up now names the error', async () => {
      await app!.service.stop();
      other = await step('next start without a key answering', () =>
        startApp(ROOT, { databaseUrl, backupDir, logDir: OUT_DIR, logName: 'server-no-key.log', env: { BACKUP_ENCRYPTION_KEY: '', BACKUP_WORKER: 'off' } }),
      );
      await noKeyIsRed({ ...ctx, baseUrl: other.baseUrl });
      await other.service.stop();
      other = undefined;
    });
    test('9. next dev: localhost and 127.0.0.1 work; Restore and Delete dialogs stay open and work; schedule off is amber', async () => {
      other = await step('next dev answering', () =>
        startApp(ROOT, { databaseUrl, backupDir, logDir: OUT_DIR, logName: 'server-dev.log', mode: 'dev', env: { BACKUP_SCHEDULE_ENABLED: 'false' } }),
      );
      await devModeDialogs(ctx, other.port);
    });
    const results = await run();
    if (results.some((r) => !r.ok)) {
      await browser.page.screenshot({ path: path.join(OUT_DIR, 'failure.png'), fullPage: true }).catch(() => undefined);
      console.log(`[e2e] last lines of the server log:\n${await tail(path.join(OUT_DIR, 'server.log'), 40)}`);
    }
    console.log(`[e2e] screenshots:\n${ctx.screenshots.map((f) => `  ${path.relative(ROOT, f)}`).join('\n')}`);
    console.log(summary(results));
    return results.every((r) => r.ok) ? 0 : 1;
  } catch (error) {
    console.error('[e2e] setup failed:', error);
    console.log('0 passed, 1 failed');
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await app?.service.stop().catch(() => undefined);
    await other?.service.stop().catch(() => undefined);
    await db?.drop().catch(() => undefined);
    await rm(backupDir, { recursive: true, force: true });
  }
}

process.exit(await main());
