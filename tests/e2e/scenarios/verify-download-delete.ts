/**
 * Scenario 3: Verify reports the backup intact and the row shows "Verified"; Download saves the
 * encrypted file (size equals the row's exact size, at least the 32-byte IV and tag, not gzip
 * plaintext); Delete asks for confirmation (Esc cancels), then removes the row and the record.
 */
import { readFile } from 'node:fs/promises';
import { check } from '../harness/runner';
import { checkNoPageProblems, LONG_TIMEOUT_MS, row, rowSize, screenshot, type E2eContext } from './helpers';

const ENVELOPE_HEADER_BYTES = 32; // IV 16 + GCM tag 16

export async function verifyDownloadDelete(ctx: E2eContext): Promise<void> {
  const { page, db } = ctx;
  const backup = ctx.firstBackup;
  const safety = ctx.safetyBackup;
  check(backup && safety, 'scenarios 1 and 2 made a backup and a safety backup');

  await row(page, backup.id).getByRole('button', { name: `Verify ${backup.filename}` }).click();
  const notice = page.getByTestId('notice');
  await notice.getByText(/is intact/).waitFor({ timeout: LONG_TIMEOUT_MS });
  await row(page, backup.id).getByText('Verified', { exact: true }).waitFor();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row(page, backup.id).getByRole('link', { name: `Download ${backup.filename}` }).click(),
  ]);
  const failure = await download.failure();
  check(failure === null, `the download failed: ${failure}`);
  const file = await readFile(await download.path());
  const expected = await rowSize(page, backup.id);
  check(file.length === expected, `downloaded ${file.length} bytes, the row says ${expected}`);
  check(file.length >= ENVELOPE_HEADER_BYTES, `the file holds at least the IV and tag (${file.length} bytes)`);
  check(!(file[0] === 0x1f && file[1] === 0x8b), 'the file is encrypted, not plain gzip');
  check(download.suggestedFilename() === backup.filename, `download is named ${download.suggestedFilename()}`);

  const deleteButton = row(page, safety.id).getByRole('button', { name: `Delete ${safety.filename}` });
  await deleteButton.click();
  const dialog = page.getByRole('dialog', { name: 'Delete this backup?' });
  await dialog.waitFor();
  await screenshot(ctx, '07-delete-confirmation');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  check((await db.query(`SELECT 1 FROM "Backup" WHERE id = $1`, [safety.id])).rowCount === 1, 'Esc cancels the delete');

  await deleteButton.click();
  await dialog.getByRole('button', { name: 'Delete backup' }).click();
  await row(page, safety.id).waitFor({ state: 'detached' });
  await notice.getByText('was deleted').waitFor();
  check((await db.query(`SELECT 1 FROM "Backup" WHERE id = $1`, [safety.id])).rowCount === 0, 'the backup record is gone');
  await screenshot(ctx, '08-after-verify-and-delete');
  checkNoPageProblems(ctx);
}
