/** Bench step: restore the backup file argv[3] into database argv[2]; prints { rows } as JSON. */
import { createReadStream } from 'node:fs';
import { createKeyring } from '../../src/lib/backup/crypto/keys';
import { restoreDatabase } from '../../src/lib/backup/restore/restore-database';

const result = await restoreDatabase({
  targetUrl: process.argv[2]!,
  source: createReadStream(process.argv[3]!),
  keyring: createKeyring(process.env.BACKUP_ENCRYPTION_KEY),
});
console.log(JSON.stringify({ rows: result.rows }));
