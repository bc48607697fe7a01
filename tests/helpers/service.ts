/** A backup service context on a test database, with a temp backup directory and a fresh key. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadBackupConfig } from '../../src/lib/backup/config';
import { generateKeyHex } from '../../src/lib/backup/crypto/keys';
import { createBackupContext, type BackupContext, type JobQueue } from '../../src/lib/backup/service/context';
import { createPrisma } from '../../src/lib/db/prisma';

export interface ServiceFixture {
  ctx: BackupContext;
  dir: string;
  cleanup(): Promise<void>;
}

export async function createServiceFixture(
  databaseUrl: string,
  options: { env?: Record<string, string | undefined>; jobs?: JobQueue | null; clock?: () => Date } = {},
): Promise<ServiceFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'erp-service-'));
  const config = loadBackupConfig({
    DATABASE_URL: databaseUrl,
    BACKUP_DIR: path.join(dir, 'backups'),
    BACKUP_ENCRYPTION_KEY: generateKeyHex(),
    BACKUP_DEFLATE: process.env.BACKUP_DEFLATE,
    ...options.env,
  });
  const prisma = createPrisma(databaseUrl);
  const ctx = createBackupContext({ config, prisma, jobs: options.jobs ?? null, clock: options.clock });
  return {
    ctx,
    dir,
    cleanup: async () => {
      await prisma.$disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
