/**
 * Scenario (issue 11): a class's exam results are deleted behind the app's back and a payment is
 * recorded after the backup; the admin opens "Compare with now" for the first backup, sees the
 * results would come back with their table ticked, ticks and unticks another table in the counts
 * and reads which tables are linked to the choice; clicks "Restore deleted rows…" (the dialog
 * arrives with "Restore deleted rows only" and the results' table ticked in the table picker,
 * with the linked tables explained), adds a linked table from the advice and unticks it again,
 * confirms with the backup's date and time and the password, and reads how many rows came back.
 * The results are back, row for row, and the payment recorded since is still there.
 */
import { DEMO_ADMIN } from '../../../src/lib/seed/demo-users';
import { check } from '../harness/runner';
import type { Locator } from 'playwright-core';
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
    const counts = page.getByTestId('preview-counts');
    check(await counts.getByRole('checkbox', { name: 'Choose Exam result' }).isChecked(), 'the results, whose rows would come back, are ticked at first');
    const chosen = page.getByTestId('restore-chosen');
    const linked = chosen.getByTestId('linked-tables');
    await linked.waitFor({ timeout: LONG_TIMEOUT_MS });
    const linkedResults = await linked.innerText();
    check(/your choice points to [^.]*Exam[^.]*Student/.test(linkedResults), `the page names the tables the results point to: "${linkedResults}"`);
    await counts.getByRole('checkbox', { name: 'Choose Payment' }).check();
    check((await chosen.innerText()).includes('Chosen: Exam result, Payment.'), 'ticking Payment adds it to the choice');
    await waitForText(linked, /your choice points to [^.]*Invoice/, 'the linked tables follow the ticks: Payment points to Invoice');
    await screenshot(ctx, 'selective-1-compare');
    await counts.getByRole('checkbox', { name: 'Choose Payment' }).uncheck();
    check((await chosen.innerText()).includes('Chosen: Exam result.'), 'unticking Payment takes it out again');
    await page.getByRole('button', { name: 'Restore deleted rows…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await dialog.waitFor();
    check(await dialog.getByLabel('Restore deleted rows only').isChecked(), '"Restore deleted rows only" is chosen');
    const picker = dialog.getByTestId('table-picker');
    await picker.waitFor({ timeout: LONG_TIMEOUT_MS });
    const ticked = await picker.locator('input[type=checkbox]:checked').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label')));
    check(JSON.stringify(ticked) === JSON.stringify(['Exam result']), `the picker arrives with the results' table ticked, and only it: ${JSON.stringify(ticked)}`);
    const rowsText = await picker.locator('label[data-table$="ExamResult"]').innerText();
    check(/\d[\d,]* rows? in the backup/.test(rowsText), `the picker shows the backup's row count: "${rowsText}"`);
    const advice = dialog.getByTestId('linked-tables');
    const adviceText = await advice.innerText();
    check(
      adviceText.includes('Exam result, which you chose, points to Student: an exam result whose student is gone now does not come back'),
      `the dialog explains what the link to Student means before confirming: "${adviceText}"`,
    );
    await advice.getByRole('button', { name: 'Add Student' }).click();
    check(await picker.getByRole('checkbox', { name: 'Student', exact: true }).isChecked(), '"Add Student" ticks Student in the picker');
    const tickedLine = await picker.getByTestId('picker-ticked').innerText();
    check(tickedLine === 'Ticked: Exam result, Student.', `the picker names what is ticked: "${tickedLine}"`);
    await waitForText(advice, /point to your choice/, 'with Student chosen, the tables that point to students are named');
    const withStudents = await advice.innerText();
    check(/Enrollment[^:]* point to your choice: bringing back deleted rows removes none/.test(withStudents), `the advice says why those are safe here: "${withStudents}"`);
    await screenshot(ctx, 'selective-2-picker-linked');
    await picker.getByRole('checkbox', { name: 'Student', exact: true }).uncheck();
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

/** Waits (bounded) until the element's text matches, else fails naming what was expected and seen. */
async function waitForText(locator: Locator, pattern: RegExp, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  let text = await locator.innerText();
  while (!pattern.test(text) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    text = await locator.innerText();
  }
  check(pattern.test(text), `${what}: "${text}"`);
}
