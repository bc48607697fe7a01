/**
 * Everything a refused or failed request must leave unchanged, in one comparable value: the
 * ERP data (every application table, via the data snapshot), the Backup and BackupOperation
 * rows, the jobs in the queue, and the files in BACKUP_DIR.
 */
import { readdir } from 'node:fs/promises';
import { dataSnapshot } from '../helpers/data-snapshot';
import type { TestApp } from './test-app';

export async function appState(app: TestApp) {
  const [data, backups, operations, jobs, files] = await Promise.all([
    dataSnapshot(app.db.url),
    app.sql(`SELECT id, filename, status, size::text, "verifiedAt", "verifyError", "cloudStatus" FROM "Backup" ORDER BY id`),
    app.sql(`SELECT id, kind, status FROM "BackupOperation" ORDER BY id`),
    app.sql(`SELECT count(*)::int AS n FROM pgboss.job`),
    readdir(app.backupDir).then((names) => names.sort(), () => []),
  ]);
  return { data, backups, operations, jobs, files };
}
