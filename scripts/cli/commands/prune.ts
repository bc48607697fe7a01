/**
 * `prune [--dry-run]`: applies the retention policy (BACKUP_KEEP_* and BACKUP_MAX_STORAGE_MB) to
 * local files and cloud copies, printing every decision (keep/delete) with its reason.
 * Exits 1 when a deletion failed (the others still happen).
 */
import { pruneBackups } from '@/lib/backup';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { formatBytes, formatDate, formatTable } from '../output';

export const prune: Command = {
  name: 'prune',
  summary: 'delete old backups by the retention policy',
  usage: 'prune [--dry-run]',
  args: [],
  options: { 'dry-run': { type: 'boolean', description: 'only print what would be deleted, and why' } },
  async run({ flag, env }) {
    const dryRun = flag('dry-run');
    const report = await pruneBackups(await env.backup(), { dryRun });
    const deletions = report.decisions.filter((d) => d.action === 'delete');
    const table = formatTable(
      ['decision', 'backup', 'created', 'size', 'reason'],
      report.decisions.map((d) => [d.action, d.filename, formatDate(d.createdAt), formatBytes(d.size), d.reason]),
    );
    const freed = formatBytes(deletions.reduce((sum, d) => sum + d.size, 0));
    const summary = dryRun
      ? `Dry run: would delete ${deletions.length} of ${report.decisions.length} backup(s), freeing ${freed}.`
      : `Deleted ${report.deleted.length} of ${report.decisions.length} backup(s), freeing up to ${freed}.`;
    const failures = report.failed.map((f) => `failed to delete ${f.id}: ${f.message}`);
    return {
      data: { prune: { dryRun, ...report } },
      lines: [...(report.decisions.length ? table : []), summary, ...failures],
      exitCode: report.failed.length ? EXIT.FAILURE : EXIT.OK,
    };
  },
};
