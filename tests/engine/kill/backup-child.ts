/**
 * Child process for the kill loop: backs SOURCE_URL up into DIR/NAME with the key KEY_HEX and
 * SIGKILLs itself once KILL_AFTER_TABLES tables have been read (or after the file is complete,
 * for `done`).
 */
import { createKeyring } from '../../../src/lib/backup/crypto/keys';
import { createBackupFile } from '../../../src/lib/backup/dump/create-backup-file';
import { LocalStorage } from '../../../src/lib/backup/storage/local-storage';

const [sourceUrl, dir, filename, keyHex, killAfter] = process.argv.slice(2) as [string, string, string, string, string];
const die = () => process.kill(process.pid, 'SIGKILL');

await createBackupFile({
  sourceUrl,
  storage: new LocalStorage(dir),
  filename,
  keyring: createKeyring(keyHex),
  onProgress: (p) => {
    if (String(p.tablesDone) === killAfter) die();
  },
});
if (killAfter === 'done') die();
process.stdout.write('backed up\n');
