/**
 * What a CLI command may need, built lazily so that each command pays only for what it uses:
 * - `config()` / `keyring()`: the validated environment, no database (keygen, verify of a file);
 * - `databaseUrl()`: `ensureDatabase()` — DATABASE_URL, or the embedded server, started or reused;
 * - `backup()`: the database migrated, a Prisma client, and the backup context with `jobs: null`
 *   (requests are not enqueued: the CLI runs each operation itself, in the foreground).
 * `close()` disconnects Prisma and stops the embedded server if this process started it; the
 * entry point always calls it. `signal` aborts on Ctrl-C.
 */
import pg from 'pg';
import { loadBackupConfig, type BackupConfig } from '@/lib/backup/config';
import { createKeyring, type Keyring } from '@/lib/backup/crypto/keys';
import { toDatabaseError } from '@/lib/backup/database/pg-errors';
import { DatabaseUnavailableError } from '@/lib/backup/errors';
import { createBackupContext, type BackupContext } from '@/lib/backup/service/context';
import type { Actor } from '@/lib/backup/service/actor';
import { ensureDatabase, type DatabaseHandle } from '@/lib/db/database-url';
import { migrate } from '@/lib/db/migrations';
import { createPrisma, type PrismaClient } from '@/lib/db/prisma';

export const CLI_ACTOR: Actor = { kind: 'system', name: 'cli' };

export interface CliEnvironment {
  readonly signal: AbortSignal;
  config(): BackupConfig;
  keyring(): Keyring;
  databaseUrl(): Promise<string>;
  backup(): Promise<BackupContext>;
  close(): Promise<void>;
}

/** Connects once, so that refused connections, bad passwords and missing databases all read as "unavailable". */
async function probe(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnavailableError(`could not connect (${(error as Error).message})`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

export function createCliEnvironment(signal: AbortSignal): CliEnvironment {
  let database: DatabaseHandle | undefined;
  let prisma: PrismaClient | undefined;

  const config = () => loadBackupConfig({ ...process.env, ...(database ? { DATABASE_URL: database.url } : {}) });
  const keyring = once(() => {
    const { encryptionKey, previousKeys } = config();
    return createKeyring(encryptionKey, previousKeys);
  });
  const databaseUrl = once(async () => {
    config(); // a malformed DATABASE_URL is a configuration error, reported before connecting
    try {
      database = await ensureDatabase();
    } catch (error) {
      throw new DatabaseUnavailableError(`could not start the embedded PostgreSQL (${(error as Error).message})`, { cause: error });
    }
    await probe(database.url);
    return database.url;
  });
  const backup = once(async () => {
    const url = await databaseUrl();
    try {
      await migrate(url);
    } catch (error) {
      throw toDatabaseError(error, 'the connection dropped while applying the database migrations');
    }
    const backupConfig = config();
    prisma = createPrisma(url);
    return createBackupContext({ config: backupConfig, prisma, jobs: null });
  });

  return {
    signal,
    config,
    keyring,
    databaseUrl,
    backup,
    async close() {
      await prisma?.$disconnect().catch(() => undefined);
      await database?.stop();
    },
  };
}
