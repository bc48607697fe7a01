/**
 * Bench step: "Back up now" as the admin waits for it — the service path the action and the
 * worker take: requestBackup (admission under the request lock, Backup and operation rows) and
 * runOperation (operation lock, dump → gzip → seal → rename, read-back verify, metadata row,
 * audit row). DATABASE_URL is argv[2], BACKUP_DIR argv[3]. The app's process is up when the
 * admin clicks, so the Prisma client is connected first; `waitMs` is the time from the request
 * to the COMPLETED row, `dumpMs` the file writer's part of it. Prints them as JSON.
 */
import { loadBackupConfig } from '../../src/lib/backup/config';
import { requestBackup } from '../../src/lib/backup/service/requests';
import { runOperation } from '../../src/lib/backup/service/run-operation';
import { createBackupContext } from '../../src/lib/backup/service/context';
import { createPrisma } from '../../src/lib/db/prisma';

const [url, dir] = process.argv.slice(2) as [string, string];
const config = loadBackupConfig({ ...process.env, DATABASE_URL: url, BACKUP_DIR: dir });
const prisma = createPrisma(url);
try {
  const ctx = createBackupContext({ config, prisma, jobs: null });
  const actor = { kind: 'system', name: 'cli' } as const;
  await prisma.backup.count();
  ctx.keyring();
  const started = performance.now();
  const { backupId, operationId } = await requestBackup(ctx, { actor, label: 'bench' });
  const operation = await runOperation(ctx, operationId, { runner: actor });
  if (operation.status !== 'COMPLETED') throw new Error(`backup ${operation.status}: ${operation.error}`);
  const waitMs = Math.round(performance.now() - started);
  const backup = await prisma.backup.findUniqueOrThrow({ where: { id: backupId } });
  console.log(JSON.stringify({ file: await ctx.local.pathOf(backup.filename), size: Number(backup.size), waitMs, dumpMs: backup.durationMs }));
} finally {
  await prisma.$disconnect();
}
