/**
 * The per-request security headers src/proxy.ts puts on every page and route response:
 * - a Content-Security-Policy with a fresh nonce: scripts only with that nonce (Next.js puts it
 *   on its own scripts when it finds the policy in the request, which requires dynamic rendering
 *   — every page here is dynamic anyway: the root layout reads the session), 'strict-dynamic'
 *   for the chunks they load, no plugins, no <base>, forms only to this site, and
 *   `frame-ancestors 'none'` so no other site can frame a page (X-Frame-Options: DENY, set in
 *   next.config.js for every file, says the same to old browsers);
 * - Strict-Transport-Security when browsers reach the app over https (config.ts `expectsHttps`).
 * The fixed headers (nosniff, Referrer-Policy, X-Frame-Options…) live in next.config.js.
 */
import { randomBytes } from 'node:crypto';

export const HSTS = 'max-age=63072000';

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    // React writes style attributes (style={{…}}); they cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}
