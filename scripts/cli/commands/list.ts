/** `list`: the recorded backups, newest first, as a table (or `--json`: the backup views). */
import { listBackups, type BackupView } from '@/lib/backup';
import { TRIGGER_LABELS } from '@/lib/backup/service/backup-view';
import type { Command } from '../command';
import { formatBytes, formatCount, formatDate, formatTable } from '../output';

const HEADERS = ['id', 'created', 'trigger', 'status', 'size', 'rows', 'verified', 'cloud', 'label'];

function verified(b: BackupView): string {
  if (b.verifyError) return 'FAILED';
  return b.verifiedAt ? 'yes' : 'no';
}

function row(b: BackupView): string[] {
  return [
    b.id,
    formatDate(b.createdAt),
    TRIGGER_LABELS[b.trigger].toLowerCase(),
    b.status.toLowerCase() + (b.status === 'COMPLETED' && !b.locations.local ? ' (file missing)' : ''),
    b.status === 'COMPLETED' ? formatBytes(b.size) : '-',
    b.rowCount === null ? '-' : formatCount(b.rowCount),
    verified(b),
    b.locations.cloud === 'NONE' ? '-' : b.locations.cloud.toLowerCase(),
    b.label ?? '',
  ];
}

export const list: Command = {
  name: 'list',
  summary: 'list the recorded backups',
  usage: 'list [--json]',
  args: [],
  options: {},
  async run({ env }) {
    const backups = await listBackups(await env.backup());
    const lines = backups.length === 0 ? ['No backups yet. Create one with "create".'] : formatTable(HEADERS, backups.map(row));
    return { data: { backups }, lines };
  },
};
