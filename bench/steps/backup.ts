/** Bench step: one backup of argv[2] into directory argv[3]; prints { file, size } as JSON. */
import { loadBackupConfig } from '../../src/lib/backup/config';
import { createKeyring } from '../../src/lib/backup/crypto/keys';
import { createBackupFile } from '../../src/lib/backup/dump/create-backup-file';
import { GZIP_DEFAULT_LEVEL } from '../../src/lib/backup/format/constants';
import { LocalStorage } from '../../src/lib/backup/storage/local-storage';

const [url, dir] = process.argv.slice(2) as [string, string];
const storage = new LocalStorage(dir);
const result = await createBackupFile({
  sourceUrl: url,
  storage,
  filename: 'bench.erpbak',
  keyring: createKeyring(process.env.BACKUP_ENCRYPTION_KEY),
  gzipLevel: Number(process.env.BACKUP_GZIP_LEVEL ?? GZIP_DEFAULT_LEVEL),
  deflate: loadBackupConfig().deflate,
});
console.log(JSON.stringify({ file: await storage.pathOf(result.filename), size: result.size, rows: result.rowCount, payloadBytes: result.uncompressedBytes }));
