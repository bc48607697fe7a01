/**
 * The same page under `next dev` (React's development double effects, which once closed the
 * native <dialog> within a frame), reached as http://localhost:PORT and as 127.0.0.1: the page
 * loads and stays signed in through both names; the Restore and Delete dialogs are still open
 * half a second after opening and complete their work; with scheduled backups off, the banner
 * is amber and says how to turn them on.
 */
import { DEMO_ADMIN } from '../../../src/lib/seed/demo-users';
import { check } from '../harness/runner';
import { LONG_TIMEOUT_MS, row, screenshot, signIn, type E2eContext } from './helpers';

const STAYS_OPEN_MS = 500;

export async function devModeDialogs(ctx: E2eContext, port: number): Promise<void> {
  const { page, db } = ctx;
  await page.context().clearCookies();
  for (const host of ['127.0.0.1', 'localhost']) {
    await page.goto(`http://${host}:${port}/admin/backups`, { timeout: LONG_TIMEOUT_MS });
    if (new URL(page.url()).pathname === '/login') await signIn(ctx, DEMO_ADMIN.email, DEMO_ADMIN.password);
    if (new URL(page.url()).pathname !== '/admin/backups') await page.goto(`http://${host}:${port}/admin/backups`, { timeout: LONG_TIMEOUT_MS });
    await page.getByRole('heading', { name: 'Backups', level: 1 }).waitFor({ timeout: LONG_TIMEOUT_MS });
    await page.waitForTimeout(1500); // a dev-origin block shows as a reload loop or a lost session
    check(new URL(page.url()).pathname === '/admin/backups', `via ${host}: still on the page (${page.url()})`);
  }
  const banner = page.locator('section.banner');
  check((await banner.getAttribute('data-status')) === 'amber', `with the schedule off the banner is amber (${await banner.getAttribute('data-status')})`);
  const problem = await page.locator('[data-check="schedule"]').innerText();
  check(/BACKUP_SCHEDULE_ENABLED=true/.test(problem), `the schedule problem says how to turn it on: ${problem}`);
  await screenshot(ctx, '20-dev-schedule-off');

  const { rows } = await db.query<{ id: string; filename: string }>(`SELECT id, filename FROM "Backup" WHERE status = 'COMPLETED' AND trigger <> 'PRE_RESTORE' ORDER BY "createdAt" LIMIT 1`);
  const target = rows[0];
  check(target, 'a backup to restore');
  await row(page, target.id).getByRole('button', { name: `Restore ${target.filename}` }).click();
  const restore = page.getByRole('dialog', { name: 'Restore this backup?' });
  await restore.waitFor();
  await page.waitForTimeout(STAYS_OPEN_MS);
  check(await restore.isVisible(), `dev mode: the Restore dialog is still open ${STAYS_OPEN_MS} ms after opening`);
  const phrase = (await restore.locator('#restore-confirm-hint code').innerText()).trim();
  await restore.getByLabel('Type the backup’s date and time to confirm').fill(phrase);
  await restore.getByLabel('Your password').fill(DEMO_ADMIN.password);
  await restore.getByRole('button', { name: 'Restore', exact: true }).click();
  const done = page.getByRole('dialog', { name: 'Restore complete' });
  await done.waitFor({ timeout: LONG_TIMEOUT_MS });
  await screenshot(ctx, '21-dev-restore-complete');
  const safety = (await done.getByTestId('safety-backup').innerText()).trim();
  await done.getByRole('button', { name: 'Close' }).click();

  const safetyRow = page.locator(`tr[data-filename="${safety}"]`);
  await safetyRow.waitFor({ timeout: LONG_TIMEOUT_MS });
  await safetyRow.getByRole('button', { name: `Delete ${safety}` }).click();
  const remove = page.getByRole('dialog', { name: 'Delete this backup?' });
  await remove.waitFor();
  await page.waitForTimeout(STAYS_OPEN_MS);
  check(await remove.isVisible(), `dev mode: the Delete dialog is still open ${STAYS_OPEN_MS} ms after opening`);
  await screenshot(ctx, '22-dev-delete-dialog');
  await remove.getByRole('button', { name: 'Delete backup' }).click();
  await safetyRow.waitFor({ state: 'detached' });
  check((await db.query(`SELECT 1 FROM "Backup" WHERE filename = $1`, [safety])).rowCount === 0, 'dev mode: the backup was deleted');
}
