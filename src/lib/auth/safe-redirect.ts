/**
 * Where to send the browser after signing in: the `next` parameter only when it is a path on
 * this site ("/admin/backups?tab=2"), never another origin ("//evil.test", "https://…",
 * "/\\evil.test", control characters); anything else gives the fallback.
 */
export const AFTER_LOGIN_PATH = '/admin/backups';

const PROBE_ORIGIN = 'http://same-site.invalid';

export function safeRedirectPath(next: unknown, fallback = AFTER_LOGIN_PATH): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return fallback;
  if (next.includes('\\') || /[\u0000-\u001f\u007f]/.test(next)) return fallback;
  if (!URL.canParse(next, PROBE_ORIGIN)) return fallback;
  const url = new URL(next, PROBE_ORIGIN);
  return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : fallback;
}
