/**
 * Scenario (issue 11): a class's exam results are deleted behind the app's back and a payment is
 * recorded after the backup; the admin opens "Compare with now" for the first backup, sees the
 * results would come back, clicks "Restore deleted rows…" (the dialog arrives with "Restore
 * deleted rows only" and the results' table chosen), confirms with the backup's date and time and
 * the password, and reads how many rows came back. The results are back, row for row, and the
 * payment recorded since is still there.
 */
import { DEMO_ADMIN } from '../../../src/lib/seed/demo-users';
import { check } from '../harness/runner';
import { checkNoPageProblems, LONG_TIMEOUT_MS, screenshot, type E2eContext } from './helpers';

export async function restoreDeletedRows(ctx: E2eContext): Promise<void> {
  const { page, db } = ctx;
  const backup = ctx.firstBackup;
  check(backup, 'scenario 1 made a backup');

  const results = `SELECT r.id::text, r."marksObtained"::text AS marks FROM "ExamResult" r
                    WHERE "studentId" IN (SELECT "studentId" FROM "Enrollment" WHERE "sectionId" = $1) ORDER BY r.id`;
  const section = await db.query<{ sectionId: number }>(`SELECT e."sectionId" FROM "ExamResult" r JOIN "Enrollment" e ON e."studentId" = r."studentId" GROUP BY 1 ORDER BY 1 LIMIT 1`);
  check(section.rows[0], 'the demo data has exam results for a class');
  const sectionId = section.rows[0].sectionId;
  const before = (await db.query(results, [sectionId])).rows;
  await db.query(`DELETE FROM "ExamResult" WHERE "studentId" IN (SELECT "studentId" FROM "Enrollment" WHERE "sectionId" = $1)`, [sectionId]);
  const payment = await db.query<{ id: string }>(
    `INSERT INTO "Payment" (id, "invoiceId", amount, "paidAt", method) SELECT 'e2e-paid-after-backup', id, 25, now(), 'CASH' FROM "Invoice" LIMIT 1 RETURNING id`,
  );
  try {
    await page.goto(`${ctx.baseUrl}/admin/backups/${backup.id}/compare`);
    await page.getByTestId('preview-report').waitFor({ timeout: LONG_TIMEOUT_MS });
    await screenshot(ctx, 'selective-1-compare');
    await page.getByRole('button', { name: 'Restore deleted rows…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await dialog.waitFor();
    check(await dialog.getByLabel('Restore deleted rows only').isChecked(), '"Restore deleted rows only" is chosen');
    const tables = await dialog.getByLabel(/^Tables/).inputValue();
    check(/(^|, )(public\.)?ExamResult(,|$)/.test(tables), `the results' table is chosen: "${tables}"`);
    const phrase = (await dialog.locator('#restore-confirm-hint code').innerText()).trim();
    await dialog.getByLabel('Type the backup’s date and time to confirm').fill(phrase);
    await dialog.getByLabel('Your password').fill(DEMO_ADMIN.password);
    await screenshot(ctx, 'selective-2-dialog');
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    const done = page.getByRole('dialog', { name: 'Restore complete' });
    await done.waitFor({ timeout: LONG_TIMEOUT_MS });
    const text = await done.getByRole('status').innerText();
    check(text.includes(`${before.length} row(s) came back`), `the dialog says how many rows came back: "${text}"`);
    await screenshot(ctx, 'selective-3-done');

    const after = (await db.query(results, [sectionId])).rows;
    check(JSON.stringify(after) === JSON.stringify(before), `the class's results are back row for row (${after.length} of ${before.length})`);
    const kept = await db.query(`SELECT 1 FROM "Payment" WHERE id = $1`, [payment.rows[0]!.id]);
    check(kept.rows.length === 1, 'the payment recorded after the backup is still there');
    await done.getByRole('button', { name: 'Close' }).click();
    checkNoPageProblems(ctx);
  } finally {
    // Later scenarios start on the history, whatever happened here.
    if (new URL(page.url()).pathname !== '/admin/backups') await page.goto(`${ctx.baseUrl}/admin/backups`).catch(() => undefined);
    await db.query(`DELETE FROM "Payment" WHERE id = 'e2e-paid-after-backup'`);
  }
}
