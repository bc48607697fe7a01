/**
 * What a CLI command may need, built lazily so that each command pays only for what it uses:
 * - `config()` / `keyring()`: the validated environment, no database (keygen, verify of a file);
 * - `databaseUrl()`: DATABASE_URL, or the embedded server (started or reused), connected once —
 *   a database is never created here, so a misspelled name is DB_NOT_FOUND and a wrong password
 *   DB_AUTH_FAILED;
 * - `backup()`: the database checked (never migrated: DB_NOT_MIGRATED names `npm run db:migrate`),
 *   a Prisma client, and the backup context with `jobs: null` (requests are not enqueued: the CLI
 *   runs each operation itself, in the foreground).
 * `close()` disconnects Prisma and stops the embedded server if this process started it; the
 * entry point always calls it. `signal` aborts on Ctrl-C.
 */
import {
  assertDatabaseReachable,
  assertDatabaseReady,
  createBackupContext,
  createKeyring,
  DatabaseUnavailableError,
  loadBackupConfig,
  type Actor,
  type BackupConfig,
  type BackupContext,
  type Keyring,
} from '@/lib/backup';
import { ensureDatabase, type DatabaseHandle } from '@/lib/db/database-url';
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
      database = await ensureDatabase({ createMissing: false });
    } catch (error) {
      throw new DatabaseUnavailableError(`could not start the embedded PostgreSQL (${(error as Error).message})`, { cause: error });
    }
    await assertDatabaseReachable(database.url);
    return database.url;
  });
  const backup = once(async () => {
    const url = await databaseUrl();
    await assertDatabaseReady(url);
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
