/**
 * `npm run test:e2e`: the admin backups page in a real browser. Steps: check that Debian's
 * Chromium is installed; build the app once (`.next-e2e`); start the embedded test PostgreSQL
 * (or use TEST_DATABASE_URL's server), create a fresh database, migrate and seed the demo data;
 * start `next start` on a free port; run the four scenarios of issue 5 (plus extras: a lock held elsewhere, compare with now) in Chromium; always stop
 * the server, drop the database and stop PostgreSQL. Screenshots and the build/server logs go to
 * test-results/e2e/ (git-ignored). The output ends with `N passed, M failed`; the exit code is
 * non-zero when anything failed.
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
import type { E2eContext } from './scenarios/helpers';
import { lockHeldElsewhere } from './scenarios/lock-held';
import { restoreThroughDialog } from './scenarios/restore';
import { restoreDeletedRows } from './scenarios/restore-deleted-rows';
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
    test('2. admin restores through the dialog: wrong password refused, then the old name is back', () => restoreThroughDialog(ctx));
    test('extra: compare with now: a class\'s deleted exam results would come back, listed row by row', () => compareWithNow(ctx));
    test('extra: restore deleted rows only: a class\'s results come back from the preview, a later payment stays', () => restoreDeletedRows(ctx));
    test('3. verify, download (encrypted, size matches), delete with confirmation', () => verifyDownloadDelete(ctx));
    test('extra: an operation running elsewhere: "another backup or restore is running", buttons disabled', () => lockHeldElsewhere(ctx));
    test('4. a teacher sees "Admins only" and no controls; signed out goes to /login', () => teacherIsRefused(ctx));
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
    await db?.drop().catch(() => undefined);
    await rm(backupDir, { recursive: true, force: true });
  }
}

process.exit(await main());
