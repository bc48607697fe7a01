/**
 * Child process for the kill loop: restores FILE into TARGET_URL with the key KEY_HEX and
 * operation id OPERATION_ID, and SIGKILLs itself at KILL_AT:
 * `table:<n>` (after n tables loaded), a finishing step (`constraints`, `sequences`,
 * `materialized-views`, `triggers`, `commit`: just before it), `commit-sent` (the COMMIT is on the
 * wire, its answer not read), or `done` (after the restore returned, before anything records it).
 */
import { createReadStream } from 'node:fs';
import { createKeyring } from '../../../src/lib/backup/crypto/keys';
import { restoreDatabase } from '../../../src/lib/backup/restore/restore-database';

const [targetUrl, file, keyHex, operationId, killAt] = process.argv.slice(2) as [string, string, string, string, string];
const die = () => process.kill(process.pid, 'SIGKILL');

await restoreDatabase({
  targetUrl,
  source: createReadStream(file),
  keyring: createKeyring(keyHex),
  operationId,
  onProgress: (p) => {
    if (p.phase === 'loading' && killAt === `table:${p.tablesDone}`) die();
  },
  beforeStep: (step) => {
    if (step === killAt) die();
    if (step === 'commit' && killAt === 'commit-sent') setImmediate(die);
  },
});
if (killAt === 'done') die();
process.stdout.write('restored\n');
