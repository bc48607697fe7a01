/**
 * The session cookie: `erp_session`, httpOnly, SameSite=Lax, Path=/, `Secure` whenever browsers
 * reach the app over https (always in production unless ALLOW_PLAIN_HTTP=true, see config.ts),
 * and expiring with its session row.
 */
import { SESSION_MAX_AGE_SECONDS } from './sessions';

export const SESSION_COOKIE = 'erp_session';

export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_MAX_AGE_SECONDS } as const;
}
