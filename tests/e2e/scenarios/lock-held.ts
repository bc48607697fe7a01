/**
 * Extra scenario: an operation started elsewhere (a queued create recorded straight in the
 * database, as another app instance or the CLI would leave it) makes the page say "Another
 * backup or restore is running", follow its progress and disable the buttons; when it ends,
 * the buttons come back.
 */
import { check } from '../harness/runner';
import { checkNoPageProblems, LONG_TIMEOUT_MS, screenshot, type E2eContext } from './helpers';

export async function lockHeldElsewhere(ctx: E2eContext): Promise<void> {
  const { page, db } = ctx;
  const backup = ctx.firstBackup;
  check(backup, 'scenario 1 made a backup');
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO "BackupOperation" (id, "backupId", kind, status, "createdAt") VALUES ('e2e' || md5(random()::text), $1, 'CREATE', 'QUEUED', now()) RETURNING id`,
    [backup.id],
  );
  const operationId = rows[0]!.id;
  try {
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'Another backup or restore is running' }).waitFor();
    check(await page.getByRole('button', { name: 'Back up now' }).isDisabled(), '"Back up now" is disabled while the lock is held');
    check(await page.getByRole('button', { name: `Restore ${backup.filename}` }).isDisabled(), 'Restore is disabled while the lock is held');
    await page.getByRole('region', { name: 'Operation progress' }).getByRole('progressbar').waitFor();
    await screenshot(ctx, '09-another-operation-running');
  } finally {
    await db.query(`UPDATE "BackupOperation" SET status = 'FAILED', "errorCode" = 'CANCELLED', error = 'Stopped by the e2e test.', "finishedAt" = now() WHERE id = $1`, [operationId]);
  }
  await page.getByTestId('notice').getByText('Stopped by the e2e test.').waitFor({ timeout: LONG_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Back up now' }).and(page.locator(':enabled')).waitFor();
  check((await page.getByRole('alert').filter({ hasText: 'Another backup or restore is running' }).count()) === 0, 'the "another operation" warning is gone');
  checkNoPageProblems(ctx);
}
