/**
 * `create [--label TEXT]`: requests a MANUAL backup as the CLI and runs it here in the
 * foreground with progress; prints the file's name, size, rows, tables, duration, key
 * fingerprint and path.
 */
import { getBackup, requestBackup } from '@/lib/backup';
import type { Command } from '../command';
import { CLI_ACTOR } from '../context';
import { runInForeground } from '../foreground';
import { formatBytes, formatCount, formatDuration } from '../output';

export const create: Command = {
  name: 'create',
  summary: 'create an encrypted backup now',
  usage: 'create [--label TEXT]',
  args: [],
  options: { label: { type: 'string', valueName: 'TEXT', description: 'a label to recognise the backup by' } },
  async run({ option, env, out }) {
    const ctx = await env.backup();
    const { backupId, operationId } = await requestBackup(ctx, { actor: CLI_ACTOR, label: option('label'), trigger: 'MANUAL' });
    await runInForeground(ctx, operationId, { signal: env.signal, progress: out.progress() });
    const backup = await getBackup(ctx, backupId);
    const path = await ctx.local.pathOf(backup.filename);
    return {
      data: { backup, path },
      lines: [
        `created ${backup.filename}`,
        `  id           ${backup.id}`,
        `  size         ${formatBytes(backup.size)}`,
        `  rows         ${formatCount(backup.rowCount ?? 0)} in ${backup.tableCount ?? 0} tables`,
        `  duration     ${formatDuration(backup.durationMs ?? 0)}`,
        `  key          ${backup.keyFingerprint ?? '-'}`,
        `  path         ${path}`,
      ],
    };
  },
};
