/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded server).
 * Exit code 0 on success, 1 on failure.
 */
import './load-env';
import { ensureDatabase } from '../src/lib/db/database-url';
import { migrate } from '../src/lib/db/migrations';

const db = await ensureDatabase();
try {
  const result = await migrate(db.url, { log: (line) => console.log(line) });
  console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied} already applied`);
} catch (error) {
  console.error(`migrate failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.stop();
}
