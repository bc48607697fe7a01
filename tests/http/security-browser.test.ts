/**
 * Issue 10 in Chromium (playwright-core, Debian's /usr/bin/chromium; every host but 127.0.0.1
 * and localhost unresolvable) against `next start` with default settings:
 * - every open-redirect trick, through the real sign-in form and through /login when already
 *   signed in, leaves the browser on this site, and the browser never even asks another host;
 * - with the nonce CSP the pages hydrate (a client-side dialog opens) with no CSP violation;
 * - a page on another site (a second loopback server, http://localhost:<port>) that frames the
 *   admin page shows nothing of it: the browser refuses the frame;
 * - without JavaScript the forms still work: the Referrer-Policy keeps the Origin header that
 *   Next's Server Actions check needs on a plain form POST (`no-referrer` would send "null").
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, launchBrowser, type Browser } from '../e2e/harness/browser';
import { BUILD_HOOK_TIMEOUT_MS } from './next-build';
import { okData } from './server-actions';
import { REDIRECT_TRICKS } from './security-helpers';
import { startTestApp, waitFor, type TestApp } from './test-app';

let app: TestApp;
let browser: Browser;
let framer: Server;
let framerUrl: string;
const foreignRequests: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  const { backupId } = okData<{ backupId: string }>(await app.call('createBackupAction', [{ label: 'browser fixture' }], app.admin.cookie));
  await waitFor('the fixture backup', async () => {
    const [row] = await app.sql<{ status: string }>(`SELECT status FROM "BackupOperation" WHERE "backupId" = $1`, [backupId]);
    return row?.status === 'COMPLETED' ? true : undefined;
  });
  framer = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html');
    response.end(`<!doctype html><title>framer</title><iframe id="victim" src="${app.url}/admin/backups" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
  framerUrl = `http://localhost:${(framer.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
  browser.context.on('request', (request) => {
    const origin = new URL(request.url()).origin;
    if (origin !== new URL(app.url).origin && origin !== new URL(framerUrl).origin) foreignRequests.push(request.url());
  });
}, BUILD_HOOK_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => framer?.close(resolve));
  await app?.close();
});

const sameSite = (url: string) => new URL(url).origin === new URL(app.url).origin;
const leftLogin = (url: URL) => !sameSite(url.href) || !url.pathname.startsWith('/login');

async function signInThroughForm(next: string): Promise<string> {
  const { page } = browser;
  await browser.context.clearCookies();
  await page.goto(`${app.url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mail').fill(app.admin.email);
  await page.getByLabel('Password').fill(app.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(leftLogin);
  return page.url();
}

describe('redirect tricks stay on the site in a real browser', () => {
  it('after signing in through the form', async () => {
    for (const next of REDIRECT_TRICKS) expect(sameSite(await signInThroughForm(next)), `${JSON.stringify(next)} → ${browser.page.url()}`).toBe(true);
    expect(foreignRequests).toEqual([]);
  });

  it('when already signed in, /login?next=… goes on within the site', async () => {
    await signInThroughForm('/admin/backups');
    for (const next of REDIRECT_TRICKS) {
      await browser.page.goto(`${app.url}/login?next=${encodeURIComponent(next)}`);
      expect(sameSite(browser.page.url()), `${JSON.stringify(next)} → ${browser.page.url()}`).toBe(true);
    }
    expect(foreignRequests).toEqual([]);
  });
});

describe('the nonce CSP and framing', () => {
  it('the admin page hydrates with no CSP violation: its restore dialog opens', async () => {
    browser.problems.length = 0;
    await signInThroughForm('/admin/backups');
    await browser.page.getByRole('button', { name: /^Restore / }).first().click();
    await browser.page.locator('dialog[open]').waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('a cross-site page that frames the admin page shows nothing of it', async () => {
    browser.problems.length = 0;
    const { page } = browser;
    await page.goto(framerUrl);
    await page.waitForTimeout(1500);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame).toBeDefined();
    const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    expect(text).not.toMatch(/Sign in|Backups|School ERP/);
    expect(frame.url().startsWith(app.url)).toBe(false);
    expect(browser.problems.join('\n')).toMatch(/frame-ancestors 'none'/);
  });
});

describe('without JavaScript', () => {
  it('the sign-in and sign-out forms post as plain forms and work', async () => {
    const plain = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const page = await (await plain.newContext({ javaScriptEnabled: false })).newPage();
      await page.goto(`${app.url}/login?next=${encodeURIComponent('/..//evil.example/phish')}`);
      await page.getByLabel('E-mail').fill(app.admin.email);
      await page.getByLabel('Password').fill(app.admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/admin/backups', { timeout: 15_000 });
      await page.getByRole('heading', { name: 'Active sessions' }).waitFor();
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/login', { timeout: 15_000 });
      expect(await page.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(0);
    } finally {
      await plain.close();
    }
  });
});
