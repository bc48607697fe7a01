/**
 * Loads `.env` from the working directory into process.env for the project's scripts (the CLI,
 * worker, migrate, seed, demo), as Next.js does for the app. Variables already set in the
 * environment win. Import it first. Under tests (NODE_ENV=test, as vitest sets it) `.env` is not
 * read: each test gives its commands their whole environment, and a developer's `.env` (which
 * `npm run demo` writes) must not change what they see.
 */
import { existsSync } from 'node:fs';

const ENV_FILE = '.env';

if (existsSync(ENV_FILE) && process.env.NODE_ENV !== 'test') {
  const before = { ...process.env };
  process.loadEnvFile(ENV_FILE);
  Object.assign(process.env, before);
}
