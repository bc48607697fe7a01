/**
 * Prisma CLI configuration (Prisma 7 keeps the connection URL here, not in schema.prisma).
 * `prisma generate` needs no database; `prisma migrate deploy` (on machines that can download
 * Prisma's schema engine) reads DATABASE_URL. Here, migrations are applied by `npm run db:migrate`.
 */
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/unused' },
});
