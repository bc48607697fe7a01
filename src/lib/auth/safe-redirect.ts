/**
 * Where to send the browser after signing in (and from /login when already signed in): the
 * `next` value only when it is a path on this site, else the fallback. Decided on the URL the
 * browser would actually go to, not on the text: the value is resolved against a probe origin
 * (dot segments, `%2e%2e`, backslashes and all), and the resolved path must again be a plain
 * path — one "/" then not "/" or "\" — that resolves to itself, so neither `/..//evil.example`
 * (→ `//evil.example`) nor `/.//evil.example` can become a protocol-relative URL. Control
 * characters and backslashes anywhere (browsers drop tabs and newlines, read "\" as "/") and
 * anything that is not a path ("https:", "javascript:", "//") give the fallback.
 */
export const AFTER_LOGIN_PATH = '/admin/backups';

const PROBE_ORIGIN = 'http://internal.invalid';
const MAX_LENGTH = 2048;
const PLAIN_PATH = /^\/(?![/\\])/;
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\\]/;

const isPlainPath = (value: string) => PLAIN_PATH.test(value) && !UNSAFE_CHARACTER.test(value);

export function safeRedirectPath(next: unknown, fallback = AFTER_LOGIN_PATH): string {
  if (typeof next !== 'string' || next.length > MAX_LENGTH || !isPlainPath(next)) return fallback;
  if (!URL.canParse(next, PROBE_ORIGIN)) return fallback;
  const resolved = new URL(next, PROBE_ORIGIN);
  if (resolved.origin !== PROBE_ORIGIN) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  if (!isPlainPath(path) || new URL(path, PROBE_ORIGIN).href !== resolved.href) return fallback;
  return path;
}
