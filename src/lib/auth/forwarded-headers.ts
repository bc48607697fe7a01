/**
 * Decides which forwarded headers to believe, by TRUSTED_PROXY_HOPS (src/lib/auth/config.ts).
 * src/proxy.ts applies the result to every request before any page, action or route sees it:
 * - hops = 0: X-Forwarded-For/-Host/-Proto/-Port, X-Real-IP and Forwarded are removed, so Next
 *   fills X-Forwarded-For from the socket, X-Forwarded-Proto from the connection and
 *   X-Forwarded-Host from Host (base-server.js, `??=`), and its Server Actions Origin check
 *   (action-handler.js `parseHostHeader`) compares the Origin with the real Host.
 * - hops = N: each trusted proxy appends one entry, so the N-th entry from the right of each list
 *   is the one the outermost trusted proxy saw; everything left of it came from the client. Each
 *   header is replaced by that one value (a client address must be an IP).
 * Afterwards `x-forwarded-for`, `-proto` and `-host` hold single trustworthy values
 * (src/lib/auth/request-meta.ts reads them).
 */
import { isIP } from 'node:net';

export const DROPPED_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip', 'forwarded'] as const;

const MAX_ENTRY_LENGTH = 255;

/** The entry `hops` from the right (the leftmost when the list is shorter), or undefined. */
function trustedEntry(value: string | null, hops: number): string | undefined {
  const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return undefined;
  const entry = entries[Math.max(0, entries.length - hops)]!;
  return entry.length <= MAX_ENTRY_LENGTH ? entry : undefined;
}

/** `headers` with the forwarded headers replaced by what can be believed. */
export function trustForwardedHeaders(headers: Headers, hops: number): Headers {
  const result = new Headers(headers);
  for (const name of DROPPED_HEADERS) result.delete(name);
  if (hops === 0) return result;
  const address = trustedEntry(headers.get('x-forwarded-for'), hops);
  const proto = trustedEntry(headers.get('x-forwarded-proto'), hops)?.toLowerCase();
  const host = trustedEntry(headers.get('x-forwarded-host'), hops);
  if (address && isIP(address)) result.set('x-forwarded-for', address);
  if (proto === 'http' || proto === 'https') result.set('x-forwarded-proto', proto);
  if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host)) result.set('x-forwarded-host', host);
  return result;
}
