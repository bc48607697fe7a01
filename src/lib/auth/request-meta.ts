/**
 * Who is calling, as far as the request can be believed: client address, user agent, and
 * whether session cookies must be `Secure`. src/proxy.ts has already reduced the forwarded
 * headers to single values that TRUSTED_PROXY_HOPS says to trust (src/lib/auth/forwarded-headers.ts):
 * `x-forwarded-for` is the socket's address or the trusted proxy's view of the client, and
 * `x-forwarded-proto` the connection's or the trusted proxy's scheme.
 */
import { headers } from 'next/headers';
import type { RequestMeta } from '@/lib/backup';
import { expectsHttps, loadAuthConfig } from './config';

export interface CallerMeta extends RequestMeta {
  /** Cookies set for this caller must be `Secure`. */
  secure: boolean;
}

const MAX_HEADER_LENGTH = 500;

const single = (value: string | null) => value?.split(',')[0]?.trim().slice(0, MAX_HEADER_LENGTH) || undefined;

export async function requestMeta(): Promise<CallerMeta> {
  const h = await headers();
  return {
    ip: single(h.get('x-forwarded-for')),
    userAgent: h.get('user-agent')?.slice(0, MAX_HEADER_LENGTH) || undefined,
    secure: expectsHttps(loadAuthConfig(), single(h.get('x-forwarded-proto'))),
  };
}
