/**
 * The app started without BACKUP_ENCRYPTION_KEY (and without its worker): the banner is red,
 * not "Backups are up to date", and names each problem with its fix; "Back up now" answers with
 * the configuration error itself, not "Something went wrong".
 */
import { DEMO_ADMIN } from '../../../src/lib/seed/demo-users';
import { check } from '../harness/runner';
import { checkNoPageProblems, screenshot, signIn, type E2eContext } from './helpers';

export async function noKeyIsRed(ctx: E2eContext): Promise<void> {
  const { page } = ctx;
  await page.context().clearCookies(); // whoever the last scenario left signed in: sign in as the admin
  await page.goto(`${ctx.baseUrl}/admin/backups`);
  if (new URL(page.url()).pathname === '/login') await signIn(ctx, DEMO_ADMIN.email, DEMO_ADMIN.password);
  if (new URL(page.url()).pathname !== '/admin/backups') await page.goto(`${ctx.baseUrl}/admin/backups`);
  const banner = page.locator('section.banner');
  await banner.waitFor();
  check((await banner.getAttribute('data-status')) === 'red', `the banner is red without a key (was ${await banner.getAttribute('data-status')})`);
  const headline = await page.locator('#health-heading').innerText();
  check(!/up to date/.test(headline), `the headline does not say all is well: ${headline}`);
  const keyProblem = await page.locator('[data-check="encryption-key"]').innerText();
  check(/BACKUP_ENCRYPTION_KEY/.test(keyProblem) && /To fix:/.test(keyProblem) && /keygen/.test(keyProblem), `the key problem has its reason and fix: ${keyProblem}`);
  const workerProblem = await page.locator('[data-check="worker"]').innerText();
  check(/npm run worker/.test(workerProblem), `the missing worker is named with its fix: ${workerProblem}`);
  const health = (await (await page.request.get(`${ctx.baseUrl}/api/health/backups`)).json()) as { healthy: boolean; status: string };
  check(health.healthy === false && health.status === 'red', `the health API agrees: ${JSON.stringify(health)}`);
  await screenshot(ctx, '35-no-key-red');

  await page.getByRole('button', { name: 'Back up now' }).click();
  const error = await page.getByRole('form', { name: 'Create a backup' }).getByRole('alert').innerText();
  check(/BACKUP_ENCRYPTION_KEY/.test(error) && !/Something went wrong/.test(error), `"Back up now" reports the configuration error: ${error}`);
  await screenshot(ctx, '36-no-key-back-up-now');
  checkNoPageProblems(ctx);
}
