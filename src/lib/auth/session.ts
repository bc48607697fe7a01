/**
 * Stateless signed session tokens (framework-free, so tests and scripts can mint them too).
 * Token: `base64url(JSON payload).base64url(HMAC-SHA256(secret, first part))`, payload
 * `{ userId, issuedAt, expiresAt }` in epoch milliseconds. The signature is checked in constant
 * time before the payload is parsed; expired, future-dated or malformed tokens are rejected.
 * The secret is `AUTH_SECRET` (at least 32 characters). Outside production only, a missing
 * secret falls back to one derived from DATABASE_URL, so `npm run dev` works with no setup;
 * in production a missing or short secret throws ConfigError.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '@/lib/backup/errors';

export const SESSION_COOKIE = 'erp_session';
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
export const MIN_SECRET_LENGTH = 32;
/** Tolerated clock difference for `issuedAt` between app instances. */
const CLOCK_SKEW_MS = 60_000;
const MAX_TOKEN_LENGTH = 1024;

export interface SessionPayload {
  userId: string;
  issuedAt: number;
  expiresAt: number;
}

export function sessionSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.AUTH_SECRET?.trim() ?? '';
  if (secret.length >= MIN_SECRET_LENGTH) return secret;
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(`AUTH_SECRET must be set to at least ${MIN_SECRET_LENGTH} random characters in production.`);
  }
  return createHash('sha256').update(`school-erp-dev-session-secret:${env.DATABASE_URL ?? ''}`).digest('hex');
}

function sign(data: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function createSessionToken(userId: string, secret: string, now = Date.now()): string {
  const payload: SessionPayload = { userId, issuedAt: now, expiresAt: now + SESSION_MAX_AGE_SECONDS * 1000 };
  const data = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${data}.${sign(data, secret).toString('base64url')}`;
}

/** The payload of a genuine, unexpired token; null for anything else. */
export function verifySessionToken(token: string, secret: string, now = Date.now()): SessionPayload | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const [data, signature, extra] = token.split('.');
  if (!data || !signature || extra !== undefined) return null;
  const expected = sign(data, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const { userId, issuedAt, expiresAt } = (payload ?? {}) as Partial<SessionPayload>;
  if (typeof userId !== 'string' || typeof issuedAt !== 'number' || typeof expiresAt !== 'number') return null;
  if (expiresAt <= now || issuedAt > now + CLOCK_SKEW_MS || expiresAt - issuedAt > SESSION_MAX_AGE_SECONDS * 1000) return null;
  return { userId, issuedAt, expiresAt };
}

export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_MAX_AGE_SECONDS } as const;
}
