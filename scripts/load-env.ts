/**
 * Loads `.env` from the working directory into process.env for the project's scripts (the CLI,
 * worker, migrate, seed, demo), as Next.js does for the app. Variables already set in the
 * environment win. Import it first.
 */
import { existsSync } from 'node:fs';

const ENV_FILE = '.env';

if (existsSync(ENV_FILE)) {
  const before = { ...process.env };
  process.loadEnvFile(ENV_FILE);
  Object.assign(process.env, before);
}
