/**
 * Scenario: a class's exam results are deleted behind the app's back and an announcement is
 * posted; the admin opens "Compare with now" from the first backup's row and reads that those
 * results would come back and the announcement would disappear, then opens the results' rows
 * and sees the deleted ones listed; then compares the first backup with the safety backup of
 * scenario 2 on the same page and sees the renamed student. The preview is audit-logged once and
 * changes nothing; the scenario puts the results back and removes the announcement afterwards.
 */
import { check } from '../harness/runner';
import { checkNoPageProblems, LONG_TIMEOUT_MS, row, screenshot, type E2eContext } from './helpers';

const SAMPLE_LIMIT = 20;

export async function compareWithNow(ctx: E2eContext): Promise<void> {
  const { page, db } = ctx;
  const backup = ctx.firstBackup;
  check(backup, 'scenario 1 made a backup');

  const section = await db.query<{ sectionId: number }>(
    `SELECT e."sectionId" FROM "ExamResult" r JOIN "Enrollment" e ON e."studentId" = r."studentId" GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  check(section.rows[0], 'the demo data has exam results for a class');
  const deleted = await db.query<{ row: Record<string, unknown> }>(
    `DELETE FROM "ExamResult" r WHERE "studentId" IN (SELECT "studentId" FROM "Enrollment" WHERE "sectionId" = $1) RETURNING to_json(r) AS row`,
    [section.rows[0].sectionId],
  );
  const deletedIds = new Set(deleted.rows.map((r) => String(r.row.id)));
  const announcement = await db.query<{ id: number }>(
    `INSERT INTO "Announcement" ("schoolId", "authorId", title, body, audience)
     SELECT "schoolId", id, 'Posted after the backup', 'e2e', '{STUDENT}' FROM "User" WHERE role = 'ADMIN' LIMIT 1 RETURNING id`,
  );
  try {
    await page.goto(`${ctx.baseUrl}/admin/backups`);
    await row(page, backup.id).getByRole('link', { name: `Compare ${backup.filename} with now` }).click();
    await page.waitForURL((url) => url.pathname === `/admin/backups/${backup.id}/compare`);
    await page.getByRole('heading', { name: 'What would restoring this backup change?' }).waitFor();
    const report = page.getByTestId('preview-report');
    await report.waitFor({ timeout: LONG_TIMEOUT_MS });

    const n = deleted.rows.length;
    const summary = await page.getByTestId('preview-summary').innerText();
    check(summary.includes(`bring back ${n.toLocaleString('en-GB')} rows`), `the summary counts the deleted results: "${summary}"`);
    check(summary.includes('and remove 1 row added since.'), `the summary counts the new announcement: "${summary}"`);
    const first = page.getByTestId('preview-counts').locator('tbody tr').first();
    const firstText = await first.innerText();
    check(
      /^(public\.)?ExamResult$/.test((await first.getAttribute('data-table')) ?? '') && /Exam result\s+— /.test(firstText) && firstText.includes(`${n.toLocaleString('en-GB')} rows would come back`),
      `the biggest difference comes first, in words: "${firstText}"`,
    );
    const announcements = await page.locator('tr[data-table$="Announcement"]').innerText();
    check(announcements.includes('1 row would disappear'), `the announcement would disappear: "${announcements}"`);
    await screenshot(ctx, 'preview-1-compare-with-now');

    await first.getByRole('button', { name: 'Show rows of Exam result' }).click();
    const panel = page.getByTestId('preview-samples');
    await panel.waitFor();
    const sentence = await panel.locator('p').first().innerText();
    check(sentence === `${n.toLocaleString('en-GB')} rows of Exam result would come back.`, `the drill-down says it in words: "${sentence}"`);
    const samples = panel.getByTestId('preview-missing');
    const shown = Math.min(n, SAMPLE_LIMIT);
    const heading = await samples.locator('h3').innerText();
    check(heading.includes(`showing ${shown} of ${n.toLocaleString('en-GB')}`), `the sample is bounded and says so: "${heading}"`);
    const ids = await samples.locator('tbody tr td:first-child').allInnerTexts();
    check(ids.length === shown && ids.every((id) => deletedIds.has(id.trim())), `the listed rows are the deleted results: ${ids.join(', ')}`);
    await screenshot(ctx, 'preview-2-deleted-rows');

    const still = await db.query(`SELECT count(*)::int AS n FROM "ExamResult" WHERE id = ANY($1::bigint[])`, [[...deletedIds]]);
    check(still.rows[0].n === 0, 'the preview changed nothing');
    const audited = await db.query(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'BACKUP_PREVIEW' AND outcome = 'SUCCESS' AND "resourceId" = $1`, [backup.id]);
    check(audited.rows[0].n === 1, `the preview is audit-logged once (found ${audited.rows[0].n})`);
    checkNoPageProblems(ctx);

    // The same page compares two backups: the first one and the safety backup taken before the
    // restore of scenario 2, when a student had been renamed.
    const safety = ctx.safetyBackup;
    check(safety, 'scenario 2 made a safety backup');
    await page.getByRole('combobox', { name: 'Compare with' }).selectOption(safety.id);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('heading', { name: 'What changed between these two backups?' }).waitFor();
    await page.getByTestId('preview-report').waitFor({ timeout: LONG_TIMEOUT_MS });
    const students = page.locator('tr[data-table$="Student"]');
    const studentText = await students.innerText();
    check(studentText.includes('1 row was changed'), `the renamed student shows as changed: "${studentText}"`);
    await students.getByRole('button', { name: 'Show rows of Student' }).click();
    const change = await page.getByTestId('preview-changed').locator('tbody').innerText();
    check(change.includes('firstName') && change.includes('→ Renamed-by-e2e'), `the change is shown earlier → later: "${change}"`);
    await screenshot(ctx, 'preview-3-two-backups');
    checkNoPageProblems(ctx);

    await page.getByRole('link', { name: '← Back to backups' }).click();
    await row(page, backup.id).waitFor();
  } finally {
    // Later scenarios start on the history, whatever happened here.
    if (new URL(page.url()).pathname !== '/admin/backups') await page.goto(`${ctx.baseUrl}/admin/backups`).catch(() => undefined);
    await db.query(`INSERT INTO "ExamResult" SELECT * FROM json_populate_recordset(NULL::"ExamResult", $1::json)`, [JSON.stringify(deleted.rows.map((r) => r.row))]);
    await db.query(`DELETE FROM "Announcement" WHERE id = $1`, [announcement.rows[0]?.id]);
  }
}
