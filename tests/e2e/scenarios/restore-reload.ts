/**
 * A restore is reloaded in the middle, and polled while it holds the tables. The test holds
 * ACCESS SHARE on "User" in an open transaction: the safety backup still runs, then the
 * restore's TRUNCATE waits for that lock while holding its place in the lock queue — so any
 * reader of "User" waits too, exactly as during a real restore's load. Meanwhile:
 * - the dialog shows the two steps (safety backup done, restore running) and its warning;
 * - after a reload the page shows the same: the admin's own restore (not "another operation"),
 *   the dialog and its "cannot be interrupted" warning back;
 * - every progress poll is answered within 1 s (it does not wait on the locked table).
 * Then the lock is released, the restore completes, and the Restores history shows it: who,
 * when, which backup, outcome and safety backup.
 */
import pg from 'pg';
import type { Request, Response } from 'playwright-core';
import { DEMO_ADMIN } from '../../../src/lib/seed/demo-users';
import { waitFor } from '../../helpers/wait-for';
import { check } from '../harness/runner';
import { checkNoPageProblems, LONG_TIMEOUT_MS, row, screenshot, type E2eContext } from './helpers';

const POLL_LIMIT_MS = 1000;

export async function restoreWithReload(ctx: E2eContext, databaseUrl: string): Promise<void> {
  const { page } = ctx;
  const backup = ctx.firstBackup;
  check(backup, 'scenario 1 made a backup');

  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  // A poll's answer time: until its response starts. Next sends the response of a server action
  // only after the action returned, and the page reads the result from the first bytes (the
  // rest of an action's stream may stay open, so "finished" is no measure).
  const sent = new Map<Request, number>();
  const answeredMs: number[] = [];
  const onRequest = (request: Request) => {
    if (request.method() === 'POST') sent.set(request, performance.now());
  };
  const onResponse = (response: Response) => {
    const at = sent.get(response.request());
    if (at !== undefined) answeredMs.push(performance.now() - at);
  };
  try {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE "User" IN ACCESS SHARE MODE');

    await row(page, backup.id).getByRole('button', { name: `Restore ${backup.filename}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await dialog.waitFor();
    const phrase = (await dialog.locator('#restore-confirm-hint code').innerText()).trim();
    await dialog.getByLabel('Type the backup’s date and time to confirm').fill(phrase);
    await dialog.getByLabel('Your password').fill(DEMO_ADMIN.password);
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();

    const running = page.getByRole('dialog', { name: 'Restoring…' });
    await running.waitFor();
    // The restore step is waiting on the lock: step 1 done, step 2 running.
    await running.locator('[data-step-state="done"]').filter({ hasText: 'Safety backup' }).waitFor({ timeout: LONG_TIMEOUT_MS });
    await running.locator('[data-step-state="running"]').filter({ hasText: 'Restore' }).waitFor();
    await screenshot(ctx, '30-restore-steps');

    page.on('request', onRequest);
    page.on('response', onResponse);
    await page.reload();
    const back = page.getByRole('dialog', { name: 'Restoring…' });
    await back.waitFor({ timeout: LONG_TIMEOUT_MS });
    await back.getByTestId('restore-warning').getByText('cannot be interrupted').waitFor();
    await back.locator('[data-step-state="running"]').filter({ hasText: 'Restore' }).waitFor();
    check((await page.getByRole('alert').filter({ hasText: 'Another backup or restore is running' }).count()) === 0, 'after the reload, the admin’s own restore is not called “another”');
    await screenshot(ctx, '31-restore-after-reload');
    await waitFor('three progress polls answered while the tables are held', async () => answeredMs.length >= 3, LONG_TIMEOUT_MS, 100);
    const polls = [...answeredMs];
    check(polls.length >= 2, `the page kept polling during the restore (${polls.length} answered of ${sent.size} sent)`);
    const slowest = Math.max(...polls);
    check(slowest < POLL_LIMIT_MS, `every poll answered within ${POLL_LIMIT_MS} ms during the restore (slowest ${Math.round(slowest)} ms)`);
    console.log(`[e2e] polls while the restore held the tables: ${polls.length}, slowest ${Math.round(slowest)} ms`);
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
    await holder.query('COMMIT').catch(() => undefined);
    await holder.end();
  }

  const done = page.getByRole('dialog', { name: 'Restore complete' });
  await done.waitFor({ timeout: LONG_TIMEOUT_MS });
  const safetyName = (await done.getByTestId('safety-backup').innerText()).trim();
  await done.getByRole('button', { name: 'Close' }).click();

  const entry = page.getByTestId('restore-history').locator('[data-status="COMPLETED"]').filter({ hasText: safetyName });
  await entry.waitFor({ timeout: LONG_TIMEOUT_MS });
  const text = await entry.innerText();
  check(text.includes(DEMO_ADMIN.email), `the restore names who ran it: ${text}`);
  check(text.includes(backup.filename), `the restore names the backup it restored: ${text}`);
  check(/Restored/.test(text) && /Safety backup/.test(text), `the restore shows outcome and safety backup: ${text}`);
  check(/\d{2}:\d{2}:\d{2} (UTC|GMT)/.test(text), `restore times carry seconds and the zone: ${text}`);
  await page.getByText('never the backups or the audit log', { exact: false }).waitFor();
  await screenshot(ctx, '32-restore-history');
  checkNoPageProblems(ctx);
}
