/**
 * `health [--json]`: are the school's data protected right now, and will the next backup run?
 * Prints each check (service/health.ts), a failing one with its fix. Exits 0 when healthy, 15 when not.
 */
import { getHealth } from '@/lib/backup';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { formatBytes, formatDate } from '../output';

export const health: Command = {
  name: 'health',
  summary: 'check that backups are recent, verified and within limits (exit 15 if not)',
  usage: 'health [--json]',
  args: [],
  options: {},
  async run({ env }) {
    const report = await getHealth(await env.backup());
    return {
      data: { health: report },
      lines: [
        `backups are ${report.healthy ? 'HEALTHY' : 'UNHEALTHY'} (${report.status})`,
        ...report.checks.flatMap((c) => [
          `  ${c.ok ? 'ok  ' : c.severity === 'red' ? 'FAIL' : 'WARN'}  ${c.name.padEnd(16)} ${c.message}`,
          ...(c.fix ? [`        ${''.padEnd(16)} fix: ${c.fix}`] : []),
        ]),
        `last successful backup: ${formatDate(report.lastSuccessfulBackupAt)}; next scheduled run: ${formatDate(report.nextScheduledRunAt)}`,
        `storage: ${formatBytes(report.totalBytes)} of ${formatBytes(report.maxTotalBytes)} in ${report.backupCount} backup(s)`,
      ],
      exitCode: report.healthy ? EXIT.OK : EXIT.UNHEALTHY,
    };
  },
};
