/**
 * A backup reloaded midway is still the admin's own. The test holds ACCESS EXCLUSIVE on "Book"
 * so the backup's snapshot waits; the admin presses "Back up now" and reloads: the page follows
 * the running backup as theirs (no "Another backup or restore is running"), the buttons stay
 * disabled, and when the lock is released it completes with one notice — and the panel does
 * not start "Backing up… 0 %" again afterwards.
 */
import pg from 'pg';
import { check } from '../harness/runner';
import { checkNoPageProblems, LONG_TIMEOUT_MS, screenshot, type E2eContext } from './helpers';

export async function backupReloaded(ctx: E2eContext, databaseUrl: string): Promise<void> {
  const { page } = ctx;
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE "Book" IN ACCESS EXCLUSIVE MODE');
    await page.getByLabel('Label (optional)').fill('e2e: reloaded backup');
    await page.getByRole('button', { name: 'Back up now' }).click();
    const panel = page.getByRole('region', { name: 'Operation progress' });
    await panel.getByText('Backing up', { exact: false }).waitFor();
    await page.reload();
    await panel.getByText('Backing up', { exact: false }).waitFor({ timeout: LONG_TIMEOUT_MS });
    check((await page.getByRole('alert').filter({ hasText: 'Another backup or restore is running' }).count()) === 0, 'after a reload the admin’s own backup is not “another”');
    check(await page.getByRole('button', { name: 'Back up now' }).isDisabled(), '"Back up now" stays disabled while it runs');
    await screenshot(ctx, '37-backup-after-reload');
  } finally {
    await holder.query('COMMIT').catch(() => undefined);
    await holder.end();
  }
  await page.getByTestId('notice').getByText(/completed/).waitFor({ timeout: LONG_TIMEOUT_MS });
  const panel = page.getByRole('region', { name: 'Operation progress' });
  for (let i = 0; i < 8; i++) {
    const text = await panel.innerText();
    check(!/Backing up/.test(text), `after the end the panel does not show “Backing up…” again: "${text}"`);
    await page.waitForTimeout(250);
  }
  checkNoPageProblems(ctx);
}
