/**
 * What the scenarios share: the running app's URL, the browser page, a pg pool on the app's
 * database (to change and check data behind the app's back), the screenshot folder, and the
 * backup the first scenario made. Plus small page helpers (sign in/out, a history row).
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type pg from 'pg';
import { check } from '../harness/runner';

export interface E2eContext {
  baseUrl: string;
  page: Page;
  db: pg.Pool;
  shotsDir: string;
  screenshots: string[];
  problems: string[];
  firstBackup?: { id: string; filename: string };
  safetyBackup?: { id: string; filename: string };
}

export const LONG_TIMEOUT_MS = 90_000;

export async function screenshot(ctx: E2eContext, name: string): Promise<void> {
  const file = path.join(ctx.shotsDir, `${name}.png`);
  await ctx.page.screenshot({ path: file, fullPage: true });
  ctx.screenshots.push(file);
}

export async function signIn(ctx: E2eContext, email: string, password: string): Promise<void> {
  const { page } = ctx;
  if (!page.url().includes('/login')) await page.goto(`${ctx.baseUrl}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function signOut(ctx: E2eContext): Promise<void> {
  await ctx.page.getByRole('button', { name: 'Sign out' }).click();
  await ctx.page.waitForURL((url) => url.pathname === '/login');
}

export function row(page: Page, backupId: string): Locator {
  return page.locator(`tr[data-backup-id="${backupId}"]`);
}

export async function rowSize(page: Page, backupId: string): Promise<number> {
  const value = await row(page, backupId).locator('data').getAttribute('value');
  return Number(value);
}

/** Fails on uncaught page errors or React errors (e.g. hydration mismatches) seen so far. */
export function checkNoPageProblems(ctx: E2eContext): void {
  check(ctx.problems.length === 0, `the page reported errors:\n${ctx.problems.join('\n')}`);
}
