/**
 * `tsx scripts/with-database.ts <command…>`: makes sure a migrated database is there (the embedded
 * server when DATABASE_URL is unset), runs the command with DATABASE_URL set, forwards SIGINT and
 * SIGTERM to it, and stops the embedded server when the command exits. Exits with its exit code.
 */
import './load-env';
import { spawn } from 'node:child_process';
import { ensureDatabase } from '../src/lib/db/database-url';
import { migrate } from '../src/lib/db/migrations';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: tsx scripts/with-database.ts <command> [args…]');
  process.exit(2);
}

const db = await ensureDatabase();
await migrate(db.url, { log: (line) => console.log(`[db] ${line}`) });
if (db.embedded) console.log(`[db] embedded PostgreSQL at ${db.url.replace(/:[^:@/]+@/, ':***@')}`);

const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: '1' },
  shell: process.platform === 'win32',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
const code: number = await new Promise((resolve) => child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
await db.stop();
process.exit(code);
