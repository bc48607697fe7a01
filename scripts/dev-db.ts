/**
 * `npm run db:start`: starts the embedded PostgreSQL (or reuses the running one), applies
 * migrations, prints the URL and keeps the server up until Ctrl-C. Other commands of the project
 * (CLI, seed, app) reuse this server while it runs.
 */
import './load-env';
import { ensureDatabase } from '../src/lib/db/database-url';
import { migrate } from '../src/lib/db/migrations';

if (process.env.DATABASE_URL) {
  console.log('DATABASE_URL is set: nothing to start.');
  process.exit(0);
}
const db = await ensureDatabase();
await migrate(db.url, { log: (line) => console.log(line) });
console.log(`PostgreSQL is running: DATABASE_URL=${db.url}`);
if (!db.embedded) process.exit(0);
console.log('Press Ctrl-C to stop it.');
const stop = async () => {
  await db.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
