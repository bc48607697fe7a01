/**
 * `npm run worker`: runs the backup worker alone (no web server) — queue, schedules, recovery.
 * Start several on one database and exactly one of them takes each job. Stops on SIGINT/SIGTERM.
 * It never creates or migrates the database: run `npm run db:migrate` first.
 */
import './load-env';
import { ensureDatabase } from '../src/lib/db/database-url';
import { startBackupWorker } from '../src/lib/backup/runtime/start-worker';

const db = await ensureDatabase({ createMissing: false });
const worker = await startBackupWorker();
console.log('[backup-worker] running; press Ctrl-C to stop');
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  await db.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
