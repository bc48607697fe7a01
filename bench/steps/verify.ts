/** Bench step: verify the backup file argv[2]; prints { rows } as JSON. */
import { createReadStream } from 'node:fs';
import { createKeyring } from '../../src/lib/backup/crypto/keys';
import { verifyBackupStream } from '../../src/lib/backup/verify/verify-backup';

const result = await verifyBackupStream(createReadStream(process.argv[2]!), createKeyring(process.env.BACKUP_ENCRYPTION_KEY));
console.log(JSON.stringify({ rows: result.rows }));
