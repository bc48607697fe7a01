/**
 * Everything the backup service needs, assembled once from the validated config: the Prisma
 * client for metadata rows, the database URLs, local storage, the optional cloud storage, the
 * keyring (parsed on first use, so the app starts without a key and says clearly what is
 * missing when an operation needs it), the job queue, and a clock that tests can control.
 */
import type { PrismaClient } from '../../db/prisma';
import type { BackupConfig } from '../config';
import { ConfigError } from '../errors';
import { createKeyring, type Keyring } from '../crypto/keys';
import { LocalStorage } from '../storage/local-storage';
import { S3Storage } from '../storage/s3-storage';
import type { BackupStorage } from '../storage/storage';

/** Where requests put work for the worker (pg-boss in the app; tests may run jobs inline). */
export interface JobQueue {
  enqueue(operationId: string): Promise<void>;
}

export interface BackupContext {
  config: BackupConfig;
  prisma: PrismaClient;
  databaseUrl: string;
  sourceUrl: string;
  local: LocalStorage;
  cloud: BackupStorage | null;
  keyring(): Keyring;
  jobs: JobQueue | null;
  clock(): Date;
}

export function createBackupContext(options: {
  config: BackupConfig;
  prisma: PrismaClient;
  jobs?: JobQueue | null;
  clock?: () => Date;
}): BackupContext {
  const { config } = options;
  const databaseUrl = config.databaseUrl;
  if (!databaseUrl) throw new ConfigError('DATABASE_URL is not set.');
  let keyring: Keyring | undefined;
  const s3 = config.s3;
  return {
    config,
    prisma: options.prisma,
    databaseUrl,
    sourceUrl: config.sourceUrl ?? databaseUrl,
    local: new LocalStorage(config.backupDir),
    cloud: s3
      ? new S3Storage({
          bucket: s3.bucket,
          prefix: s3.prefix,
          endpoint: s3.endpoint,
          region: s3.region,
          accessKeyId: s3.accessKeyId ?? '',
          secretAccessKey: s3.secretAccessKey ?? '',
          forcePathStyle: s3.forcePathStyle,
        })
      : null,
    keyring: () => (keyring ??= createKeyring(config.encryptionKey, config.previousKeys)),
    jobs: options.jobs ?? null,
    clock: options.clock ?? (() => new Date()),
  };
}
