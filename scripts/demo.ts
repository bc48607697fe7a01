/**
 * `npm run demo`: the whole product on a fresh clone, with nothing set up by hand.
 * 1. starts the embedded PostgreSQL (unless DATABASE_URL is set), migrates, seeds `demo`;
 * 2. makes sure BACKUP_ENCRYPTION_KEY is set, generating it into `.env` when
 *    missing (scripts/demo-env.ts), so `npm start` and `npm run backup` later use the same ones;
 * 3. runs backup → verify → change a student → restore (safety backup first) and prints what
 *    happened;
 * 4. starts the app (`next dev`) on PORT (default 3000) with the worker, prints the URL it really
 *    listens on and the demo sign-ins.
 * `--no-app` stops after step 3.
 */
import './load-env';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadBackupConfig } from '../src/lib/backup/config';
import { createBackupContext } from '../src/lib/backup/service/context';
import { getBackup } from '../src/lib/backup/service/queries';
import { requestBackup, requestRestore } from '../src/lib/backup/service/requests';
import { runOperation } from '../src/lib/backup/service/run-operation';
import { verifyRecordedBackup } from '../src/lib/backup/service/verify';
import { ensureDatabase, PROJECT_ROOT } from '../src/lib/db/database-url';
import { migrate } from '../src/lib/db/migrations';
import { createPrisma } from '../src/lib/db/prisma';
import { DEMO_USERS, seedDatabase } from '../src/lib/seed/index';
import { ensureDemoSecrets } from './demo-env';
import { formatBytes } from '../src/lib/conventions/units';

const { values } = parseArgs({ options: { 'no-app': { type: 'boolean', default: false } } });
const DEFAULT_PORT = 3000;

const step = (text: string) => console.log(`\n▸ ${text}`);
const secretNotes = await ensureDemoSecrets(PROJECT_ROOT);
const db = await ensureDatabase();
try {
  if (secretNotes.length) {
    step('secrets');
    for (const line of secretNotes) console.log(`  ${line}`);
  }
  step(`database: ${db.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}`);
  await migrate(db.url);
  const seeded = await seedDatabase(db.url, 'demo');
  console.log(`  seeded ${seeded.totalRows} rows of a demo school`);

  const env = { ...process.env, DATABASE_URL: db.url };
  const prisma = createPrisma(db.url);
  const ctx = createBackupContext({ config: loadBackupConfig(env), prisma });
  const actor = { kind: 'system', name: 'cli' } as const;

  step('back up');
  const created = await requestBackup(ctx, { actor, label: 'demo' });
  await runOperation(ctx, created.operationId, { runner: actor });
  const backup = await getBackup(ctx, created.backupId);
  console.log(`  ${backup.filename}: ${formatBytes(backup.size)}, ${backup.tableCount} tables, ${backup.rowCount} rows, key ${backup.keyFingerprint}, ${backup.durationMs} ms`);

  step('verify');
  const verified = await verifyRecordedBackup(ctx, backup.id);
  console.log(`  ok: every table's rows and SHA-256 match (${verified.rows} rows, ${verified.durationMs} ms)`);

  step('a mistake: rename a student');
  const student = await prisma.student.findFirstOrThrow({ orderBy: { admissionNo: 'asc' } });
  await prisma.student.update({ where: { id: student.id }, data: { firstName: 'MISTAKE' } });
  console.log(`  ${student.admissionNo}: "${student.firstName}" → "MISTAKE"`);

  step('restore the backup');
  const restore = await requestRestore(ctx, { actor, backupId: backup.id });
  const operation = await runOperation(ctx, restore.operationId, { runner: actor });
  const after = await prisma.student.findUniqueOrThrow({ where: { id: student.id } });
  const safety = operation.safetyBackupId ? await getBackup(ctx, operation.safetyBackupId) : null;
  console.log(`  ${operation.status}: ${student.admissionNo} is "${after.firstName}" again`);
  if (safety) console.log(`  safety backup taken first: ${safety.filename} (restore it to undo)`);
  await prisma.$disconnect();

  if (values['no-app']) process.exit(operation.status === 'COMPLETED' ? 0 : 1);

  const port = Number(process.env.PORT ?? DEFAULT_PORT);
  step(`starting the app on http://localhost:${port} (or http://127.0.0.1:${port}) — sign in with:`);
  for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(7)} ${user.email} / ${user.password}`);
  console.log('  (Ctrl-C stops the app and the database)');
  const app = spawn('npx', ['next', 'dev', '-p', String(port)], {
    stdio: 'inherit',
    env: { ...env, BACKUP_SCHEDULE_ENABLED: process.env.BACKUP_SCHEDULE_ENABLED ?? 'false', NEXT_TELEMETRY_DISABLED: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.kill(signal));
  await new Promise((resolve) => app.on('exit', resolve));
} finally {
  await db.stop();
}
