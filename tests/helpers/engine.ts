/** Shared set-up for engine tests: a temp backup directory, keys, and one-call backup/restore. */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKeyring, generateKeyHex, type Keyring } from '../../src/lib/backup/crypto/keys';
import { loadBackupConfig } from '../../src/lib/backup/config';
import { createBackupFile, type BackupFileResult } from '../../src/lib/backup/dump/create-backup-file';
import { restoreDatabase, type RestoreResult } from '../../src/lib/backup/restore/restore-database';
import { LocalStorage } from '../../src/lib/backup/storage/local-storage';

export interface EngineFixture {
  dir: string;
  storage: LocalStorage;
  keyring: Keyring;
  backup(sourceUrl: string, filename?: string, exclude?: { schemas: string[]; tables: string[] }): Promise<BackupFileResult & { path: string }>;
  restore(targetUrl: string, file: string, keyring?: Keyring): Promise<RestoreResult>;
  cleanup(): Promise<void>;
}

let counter = 0;
/** `BACKUP_DEFLATE=zlib npx vitest run tests/engine` runs the engine tests with the other backend. */
const deflate = loadBackupConfig({ BACKUP_DEFLATE: process.env.BACKUP_DEFLATE }).deflate;

export async function createEngineFixture(): Promise<EngineFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'erp-engine-'));
  const storage = new LocalStorage(path.join(dir, 'backups'));
  const keyring = createKeyring(generateKeyHex());
  return {
    dir,
    storage,
    keyring,
    async backup(sourceUrl, filename = `test-${process.pid}-${++counter}.erpbak`, exclude) {
      const result = await createBackupFile({ sourceUrl, storage, filename, keyring, exclude, deflate });
      return { ...result, path: await storage.pathOf(filename) };
    },
    restore(targetUrl, file, otherKeyring) {
      return restoreDatabase({ targetUrl, source: createReadStream(file), keyring: otherKeyring ?? keyring });
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
