/**
 * The Prisma client (Prisma 7 `prisma-client` generator over `@prisma/adapter-pg`, no Rust engine).
 * `getPrisma()` returns one client per process for `DATABASE_URL`; `createPrisma(url)` makes a
 * separate one (tests, scratch databases) that the caller must `$disconnect()`.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client';

export type { PrismaClient };

export function createPrisma(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) });
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
