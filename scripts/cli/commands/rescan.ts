/**
 * `rescan`: reconciles BACKUP_DIR with the records: adopts backup files that have no row (read
 * with the configured keys), flags rows whose file is gone, and lists files it cannot read.
 */
import { rescanBackupDirectory } from '@/lib/backup';
import type { Command } from '../command';

export const rescan: Command = {
  name: 'rescan',
  summary: 'adopt backup files without a record, flag records without a file',
  usage: 'rescan',
  args: [],
  options: {},
  async run({ env }) {
    const report = await rescanBackupDirectory(await env.backup());
    return {
      data: { rescan: report },
      lines: [
        `adopted ${report.adopted.length}, flagged missing ${report.flaggedMissing.length}, unreadable ${report.unreadable.length}`,
        ...report.adopted.map((name) => `  adopted     ${name}`),
        ...report.flaggedMissing.map((name) => `  missing     ${name}`),
        ...report.unreadable.map((u) => `  unreadable  ${u.filename}: ${u.reason}`),
      ],
    };
  },
};
