/**
 * Shared by the security HTTP tests: the open-redirect tricks, sign-in through the real form
 * action (optionally with extra request headers, e.g. a proxy's X-Forwarded-For), the session
 * cookie a response sets, a session row made for a token of the test's choosing, and a throttle
 * wait stretched to 30 s (so a slow machine cannot let a wait run out between two requests).
 */
import { createHash } from 'node:crypto';
import { postAction, type ActionCall } from './server-actions';
import type { TestApp } from './test-app';

/** `next` values that must never leave the site, resolved or not. */
export const REDIRECT_TRICKS = [
  '/..//evil.example/phish',
  '/.//evil.example',
  '/%2e%2e//evil.example',
  '/%2E%2E/%2F/evil.example',
  '/\t/evil.example',
  '/%09/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '/%5cevil.example',
  '/%5c%5cevil.example',
  '/%2f%2fevil.example',
  '/%2F/evil.example',
  '//evil.example@127.0.0.1/',
  '/@evil.example',
  'https://evil.example/',
  'http:evil.example',
  'javascript:alert(1)',
  ' /evil',
  '/\u0000//evil.example',
  '/\u3002\u3002//evil.example',
  '/\uff0e\uff0e//evil.example',
  '//evil\u3002example',
  '/\u2215\u2215evil.example',
  'evil.example',
] as const;

export function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

export function signInCall(
  app: TestApp,
  fields: { email: string; password: string; next?: string },
  options: { url?: string; headers?: Record<string, string> } = {},
): Promise<ActionCall> {
  return postAction(options.url ?? app.url, app.action('loginAction'), [undefined, form(fields)], { headers: options.headers });
}

/** `erp_session=<token>` from a response's Set-Cookie, or undefined. */
export function setSessionCookie(call: { headers: Headers }): string | undefined {
  return call.headers.getSetCookie().find((c) => c.startsWith('erp_session=') && !c.startsWith('erp_session=;'));
}

export const cookiePair = (setCookie: string) => setCookie.split(';')[0]!;

/** Inserts an active session for `userId` whose token is exactly `bytes` (base64url). */
export async function insertSessionForBytes(app: TestApp, userId: string, bytes: Buffer): Promise<void> {
  const tokenHash = createHash('sha256').update(bytes).digest('hex');
  await app.sql(
    `INSERT INTO "Session" (id, "tokenHash", "userId", "expiresAt") VALUES ($1, $2, $3, now() AT TIME ZONE 'UTC' + interval '1 hour')`,
    [`test-${tokenHash.slice(0, 12)}`, tokenHash, userId],
  );
}

/** Keeps a throttle key that is waiting waiting for another 30 s; fails when it is not waiting. */
export async function holdWait(app: TestApp, key: string): Promise<void> {
  const rows = await app.sql(
    `UPDATE "AuthThrottle" SET "blockedUntil" = now() AT TIME ZONE 'UTC' + interval '30 seconds' WHERE key = $1 AND "blockedUntil" IS NOT NULL RETURNING key`,
    [key],
  );
  if (rows.length !== 1) throw new Error(`throttle key ${key} is not waiting`);
}
