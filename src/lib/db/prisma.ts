/**
 * The Prisma client (Prisma 7 `prisma-client` generator over `@prisma/adapter-pg`, no Rust engine).
 * `getPrisma()` returns one client per process for `DATABASE_URL`; `createPrisma(url)` makes a
 * separate one (tests, scratch databases) that the caller must `$disconnect()`.
 * Its connections pin the date and interval output styles, whatever the database or role
 * defaults (`ALTER DATABASE … SET DateStyle = 'SQL, DMY'`), so timestamps always parse.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client';

export type { PrismaClient };

const PINNED_STYLES = '-c DateStyle=ISO,MDY -c IntervalStyle=postgres -c extra_float_digits=3';

export function createPrisma(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10, options: PINNED_STYLES }) });
}

const globalForPrisma = globalThis as unknown as { erpPrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  if (!globalForPrisma.erpPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm run dev`/`npm start`, which provide it.');
    globalForPrisma.erpPrisma = createPrisma(url);
  }
  return globalForPrisma.erpPrisma;
}
