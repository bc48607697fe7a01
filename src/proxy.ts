/**
 * Runs before every page, server action and route handler (Next 16's proxy, Node.js runtime):
 * 1. Replaces the forwarded headers by what TRUSTED_PROXY_HOPS says to believe
 *    (src/lib/auth/forwarded-headers.ts), so the client address in audit rows and throttle keys,
 *    the scheme that decides `Secure` cookies, and the host Next's Server Actions Origin check
 *    compares against all come from the socket or a trusted proxy, never from the client.
 * 2. Adds the nonce-based Content-Security-Policy (to the request, where Next.js reads the nonce
 *    for its scripts, and to the response) and HSTS (src/lib/auth/security-headers.ts).
 * It decides nothing about access: every action and route checks the caller itself.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { expectsHttps, loadAuthConfig } from '@/lib/auth/config';
import { trustForwardedHeaders } from '@/lib/auth/forwarded-headers';
import { contentSecurityPolicy, HSTS, newNonce } from '@/lib/auth/security-headers';

export function proxy(request: NextRequest): NextResponse {
  const config = loadAuthConfig();
  const headers = trustForwardedHeaders(request.headers, config.trustedProxyHops);
  const https = expectsHttps(config, headers.get('x-forwarded-proto') ?? undefined);
  const policy = contentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === 'development', https });
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  if (https) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
