/**
 * Who is calling, as far as the request says: client IP (first `x-forwarded-for` entry, else
 * `x-real-ip`), user agent, and whether the request came over https (`x-forwarded-proto`, which
 * Next.js sets for direct connections and a TLS-terminating proxy sets in front of it). These
 * headers are only as trustworthy as the proxy in front of the app: they are recorded in the
 * audit log, never used for access decisions.
 */
import { headers } from 'next/headers';
import type { RequestMeta } from '@/lib/backup';

export interface CallerMeta extends RequestMeta {
  secure: boolean;
}

const MAX_HEADER_LENGTH = 500;

const firstOf = (value: string | null) => value?.split(',')[0]?.trim().slice(0, MAX_HEADER_LENGTH) || undefined;

export async function requestMeta(): Promise<CallerMeta> {
  const h = await headers();
  return {
    ip: firstOf(h.get('x-forwarded-for')) ?? firstOf(h.get('x-real-ip')),
    userAgent: h.get('user-agent')?.slice(0, MAX_HEADER_LENGTH) || undefined,
    secure: firstOf(h.get('x-forwarded-proto')) === 'https',
  };
}
