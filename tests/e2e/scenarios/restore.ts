/**
 * Scenario 2: a student's name is changed behind the app's back; the admin restores the first
 * backup through the dialog. A wrong password is refused (error shown, nothing queued), the
 * right one runs the restore with progress, the dialog names the safety backup, the old name is
 * back in the database, a pre-restore row is in the history, and focus returns to the opener.
 */
import { DEMO_ADMIN } from '../../../src/lib/seed/demo-users';
import { check } from '../harness/runner';
import { checkNoPageProblems, LONG_TIMEOUT_MS, row, screenshot, type E2eContext } from './helpers';

export async function restoreThroughDialog(ctx: E2eContext): Promise<void> {
  const { page, db } = ctx;
  const backup = ctx.firstBackup;
  check(backup, 'scenario 1 made a backup');

  const { rows } = await db.query<{ id: string; firstName: string }>(`SELECT id, "firstName" FROM "Student" ORDER BY "admissionNo" LIMIT 1`);
  const student = rows[0];
  check(student, 'the demo data has a student');
  await db.query(`UPDATE "Student" SET "firstName" = 'Renamed-by-e2e' WHERE id = $1`, [student.id]);

  const opener = row(page, backup.id).getByRole('button', { name: `Restore ${backup.filename}` });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await dialog.waitFor();
  await dialog.getByText('a safety backup', { exact: false }).waitFor();
  await dialog.getByText('Backups and the audit log are kept', { exact: false }).waitFor();
  const phrase = (await dialog.locator('#restore-confirm-hint code').innerText()).trim();
  check(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(phrase), `the restore is confirmed by the backup's date and time, not its file name: "${phrase}"`);
  await dialog.getByLabel('Type the backup’s date and time to confirm').fill(phrase);
  await dialog.getByLabel('Your password').fill('not-the-password');
  await screenshot(ctx, '04-restore-dialog');

  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  const alert = dialog.getByRole('alert');
  await alert.waitFor();
  const message = await alert.innerText();
  check(/password is not correct/i.test(message), `wrong password error shown: "${message}"`);
  await screenshot(ctx, '05-restore-wrong-password');
  const queued = await db.query(`SELECT count(*)::int AS n FROM "BackupOperation" WHERE kind = 'RESTORE'`);
  check(queued.rows[0].n === 0, 'a refused restore queues nothing');
  const unchanged = await db.query(`SELECT "firstName" FROM "Student" WHERE id = $1`, [student.id]);
  check(unchanged.rows[0].firstName === 'Renamed-by-e2e', 'a refused restore changes nothing');

  await dialog.getByLabel('Your password').fill(DEMO_ADMIN.password);
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  const done = page.getByRole('dialog', { name: 'Restore complete' });
  await done.waitFor({ timeout: LONG_TIMEOUT_MS });
  const safetyName = (await done.getByTestId('safety-backup').innerText()).trim();
  check(/^erp-backup-.+\.erpbak$/.test(safetyName), `the dialog names the safety backup: "${safetyName}"`);
  await screenshot(ctx, '06-restore-complete');

  const restored = await db.query(`SELECT "firstName" FROM "Student" WHERE id = $1`, [student.id]);
  check(restored.rows[0].firstName === student.firstName, `the old name is back: "${restored.rows[0].firstName}" vs "${student.firstName}"`);
  const safety = await db.query(`SELECT id, trigger, status FROM "Backup" WHERE filename = $1`, [safetyName]);
  check(safety.rows[0]?.trigger === 'PRE_RESTORE' && safety.rows[0]?.status === 'COMPLETED', 'the safety backup is a completed pre-restore backup');
  ctx.safetyBackup = { id: safety.rows[0].id, filename: safetyName };

  await done.getByRole('button', { name: 'Close' }).click();
  await done.waitFor({ state: 'hidden' });
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  check(focused === `Restore ${backup.filename}`, `focus returned to the Restore button (was "${focused}")`);
  await page.locator(`tr[data-filename="${safetyName}"]`, { hasText: 'Pre-restore' }).waitFor();
  checkNoPageProblems(ctx);
}
