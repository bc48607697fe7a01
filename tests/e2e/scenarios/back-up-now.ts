/**
 * Scenario 1: signed out, /admin/backups sends the admin to /login, where a wrong password is
 * refused; after signing in the empty
 * state shows; "Back up now" shows live progress, then a COMPLETED row with its size, counts
 * and key fingerprint, and a success notice.
 */
import { DEMO_ADMIN } from '../../../src/lib/seed/demo-users';
import { check } from '../harness/runner';
import { checkNoPageProblems, LONG_TIMEOUT_MS, row, screenshot, signIn, type E2eContext } from './helpers';

export async function backUpNow(ctx: E2eContext): Promise<void> {
  const { page } = ctx;
  await page.goto(`${ctx.baseUrl}/admin/backups`);
  await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/admin/backups');
  await page.getByLabel('E-mail').fill(DEMO_ADMIN.email);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const refused = await page.getByRole('main').getByRole('alert').innerText();
  check(/not correct/.test(refused), `a wrong password is refused: "${refused}"`);
  await screenshot(ctx, '00-login-error');
  await signIn(ctx, DEMO_ADMIN.email, DEMO_ADMIN.password);
  check(new URL(page.url()).pathname === '/admin/backups', `after sign-in the admin is at ${page.url()}`);

  await page.getByTestId('backups-empty').waitFor();
  await page.getByRole('heading', { name: 'Backups', level: 1 }).waitFor();
  await screenshot(ctx, '01-empty-state');

  await page.getByLabel('Label (optional)').fill('e2e: first backup');
  const history = page.getByRole('heading', { name: 'History' });
  const historyTop = (await history.boundingBox())?.y;
  await page.getByRole('button', { name: 'Back up now' }).click();
  const panel = page.getByRole('region', { name: 'Operation progress' });
  await panel.getByRole('progressbar').waitFor();
  check((await history.boundingBox())?.y === historyTop, 'showing progress moves nothing below it (fixed-size panel)');
  const details = await panel.getByTestId('progress-details').innerText();
  check(/Phase\s+\S/.test(details) && /Tables\s+\d+ of \d+/.test(details) && /Rows\s+[\d,]+/.test(details) && /Data\s+[\d.]+ [kMG]?B/.test(details) && /Done\s+\d+%/.test(details), `progress shows phase, tables, rows, bytes and percent, each labelled: "${details}"`);
  check(await page.getByRole('button', { name: 'Back up now' }).isDisabled(), '"Back up now" is disabled while the backup runs');
  await screenshot(ctx, '02-backup-progress');

  const notice = page.getByTestId('notice');
  await notice.getByText(/completed/).waitFor({ timeout: LONG_TIMEOUT_MS });
  const completed = page.locator('tr[data-status="COMPLETED"]', { hasText: 'e2e: first backup' });
  await completed.waitFor({ timeout: LONG_TIMEOUT_MS });
  const id = await completed.getAttribute('data-backup-id');
  const filename = await completed.getAttribute('data-filename');
  check(id && filename, 'the completed row names its backup');
  ctx.firstBackup = { id, filename };

  const text = await row(page, id).innerText();
  check(text.includes('Manual') && text.includes('Completed') && text.includes('Local'), `row content: ${text}`);
  check(/\d+ \/ [\d,]+/.test(text), `row shows tables / rows: ${text}`);
  check(/[0-9a-f]{8,}/.test(text), `row shows the key fingerprint: ${text}`);
  await page.getByRole('region', { name: 'Operation progress' }).getByText('No backup or restore is running.').waitFor();
  check(await page.getByRole('button', { name: 'Back up now' }).isEnabled(), '"Back up now" is enabled again');
  await page.locator('[data-status="green"]').waitFor(); // the health banner turned green
  await screenshot(ctx, '03-history-list');
  checkNoPageProblems(ctx);
}
