/**
 * Proportional delete: with every other backup failed verification, the remaining good one is
 * the last: its dialog says so and needs the backup's date and time typed (the Delete button
 * stays disabled until then); deleting one of several good backups needs only the click
 * (scenario 3). The other backups are marked good again afterwards.
 */
import { check } from '../harness/runner';
import { checkNoPageProblems, row, screenshot, type E2eContext } from './helpers';

export async function deleteLastGood(ctx: E2eContext): Promise<void> {
  const { page, db } = ctx;
  const { rows } = await db.query<{ id: string; filename: string }>(
    `SELECT id, filename FROM "Backup" WHERE status = 'COMPLETED' AND "verifyError" IS NULL ORDER BY "createdAt" DESC LIMIT 1`,
  );
  const last = rows[0];
  check(last, 'there is a good backup');
  const others = await db.query<{ id: string }>(`UPDATE "Backup" SET "verifyError" = 'e2e: marked bad' WHERE id <> $1 AND "verifyError" IS NULL RETURNING id`, [last.id]);
  try {
    await page.goto(`${ctx.baseUrl}/admin/backups`);
    await row(page, last.id).getByRole('button', { name: `Delete ${last.filename}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the last good backup?' });
    await dialog.waitFor();
    await dialog.getByTestId('last-good-warning').waitFor();
    const confirm = dialog.getByRole('button', { name: 'Delete backup' });
    check(await confirm.isDisabled(), 'Delete is disabled until the date is typed');
    const phrase = (await dialog.locator('#delete-confirm-hint code').innerText()).trim();
    await dialog.getByLabel('Type the backup’s date and time to confirm').fill(phrase.slice(0, -1));
    check(await confirm.isDisabled(), 'a wrong date keeps Delete disabled');
    await screenshot(ctx, '34-delete-last-good');
    await dialog.getByLabel('Type the backup’s date and time to confirm').fill(phrase);
    await confirm.click();
    await row(page, last.id).waitFor({ state: 'detached' });
    check((await db.query(`SELECT 1 FROM "Backup" WHERE id = $1`, [last.id])).rowCount === 0, 'the last good backup was deleted after the typed confirmation');
  } finally {
    await db.query(`UPDATE "Backup" SET "verifyError" = NULL WHERE id = ANY($1)`, [others.rows.map((r) => r.id)]);
  }
  checkNoPageProblems(ctx);
}
