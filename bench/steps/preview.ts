/**
 * Bench step: a full restore preview of the backup file argv[3] against database argv[2] (every
 * table loaded and compared); prints { rows, differences } as JSON.
 */
import { createReadStream } from 'node:fs';
import { createKeyring } from '../../src/lib/backup/crypto/keys';
import { previewRestore } from '../../src/lib/backup/preview/preview-restore';

const report = await previewRestore({
  databaseUrl: process.argv[2]!,
  source: createReadStream(process.argv[3]!),
  keyring: createKeyring(process.env.BACKUP_ENCRYPTION_KEY),
});
const { missing, added, changed, unchanged } = report.totals;
console.log(JSON.stringify({ rows: missing + changed + unchanged, differences: missing + added + changed }));
