/**
 * Settings of sign-in, sessions and the client's address, validated with zod (documented in
 * .env.example; a bad value throws ConfigError naming the variable):
 * - TRUSTED_PROXY_HOPS (0–10, default 0) — THE trust setting: how many reverse proxies in front
 *   of the app each append to X-Forwarded-For and set X-Forwarded-Proto/-Host. With 0 the app is
 *   reached directly and every forwarded header a client sends is dropped (src/proxy.ts), so the
 *   client address is the socket's, the scheme is the connection's, and Next's Origin check
 *   compares against the Host header. With N, the N-th entry from the right is believed.
 * - ALLOW_PLAIN_HTTP (default false): in production, session cookies are always `Secure` and
 *   HSTS is always sent, unless the operator says here that browsers reach the app over plain
 *   http. Outside production the request's own scheme decides.
 */
import { z } from 'zod';
import { ConfigError } from '@/lib/backup/errors';

export interface AuthConfig {
  trustedProxyHops: number;
  allowPlainHttp: boolean;
  production: boolean;
}

const HOPS_MESSAGE = 'must be a whole number from 0 to 10';

const schema = z.object({
  TRUSTED_PROXY_HOPS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return 0;
      const hops = Number(v);
      if (!/^\d+$/.test(v.trim()) || hops > 10) {
        ctx.addIssue({ code: 'custom', message: HOPS_MESSAGE });
        return z.NEVER;
      }
      return hops;
    }),
  ALLOW_PLAIN_HTTP: z
    .enum(['true', 'false', ''])
    .optional()
    .transform((v) => v === 'true'),
});

export function loadAuthConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return { trustedProxyHops: parsed.data.TRUSTED_PROXY_HOPS, allowPlainHttp: parsed.data.ALLOW_PLAIN_HTTP, production: env.NODE_ENV === 'production' };
}

/** Whether browsers reach the app over https: decides `Secure` cookies and HSTS. */
export function expectsHttps(config: AuthConfig, requestScheme: string | undefined): boolean {
  if (config.production && !config.allowPlainHttp) return true;
  return requestScheme === 'https';
}
