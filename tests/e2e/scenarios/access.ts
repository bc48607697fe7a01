/**
 * Scenario 4: access. Signed out, /admin/backups redirects to /login. A signed-in teacher sees
 * the "Admins only" page with no backup controls, also on a direct visit.
 */
import { DEMO_TEACHER } from '../../../src/lib/seed/demo-users';
import { check } from '../harness/runner';
import { checkNoPageProblems, screenshot, signIn, signOut, type E2eContext } from './helpers';

export async function teacherIsRefused(ctx: E2eContext): Promise<void> {
  const { page } = ctx;
  await signOut(ctx);
  await page.goto(`${ctx.baseUrl}/admin/backups`);
  await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/admin/backups');

  await signIn(ctx, DEMO_TEACHER.email, DEMO_TEACHER.password);
  await page.getByRole('heading', { name: 'Admins only' }).waitFor();
  await screenshot(ctx, '10-teacher-admins-only');

  await page.goto(`${ctx.baseUrl}/admin/backups`);
  await page.getByRole('heading', { name: 'Admins only' }).waitFor();
  for (const name of ['Back up now', 'Restore', 'Delete', 'Verify']) {
    check((await page.getByRole('button', { name }).count()) === 0, `a teacher sees no "${name}" button`);
  }
  check((await page.getByRole('link', { name: /Download/ }).count()) === 0, 'a teacher sees no download link');
  check((await page.locator('table').count()) === 0, 'a teacher sees no backup history');
  check(await page.getByRole('button', { name: 'Sign out' }).isVisible(), 'the teacher can sign out');
  checkNoPageProblems(ctx);
}
