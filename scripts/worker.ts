/**
 * `npm run worker`: runs the backup worker alone (no web server) — queue, schedules, recovery.
 * Start several on one database and exactly one of them takes each job. Stops on SIGINT/SIGTERM.
 */
import './load-env';
import { ensureDatabase } from '../src/lib/db/database-url';
import { migrate } from '../src/lib/db/migrations';
import { startBackupWorker } from '../src/lib/backup/jobs/start-worker';

const db = await ensureDatabase();
await migrate(db.url);
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
