/**
 * `verify <id|file> [--trial]`: checks a backup completely — GCM tag, every frame, every table's
 * row count and SHA-256 — without touching the database. An id verifies the recorded backup
 * (and records the result on its row); a file is verified on its own with the configured keys.
 * `--trial` also restores it into a scratch database on the same server, dropped afterwards.
 */
import { getBackup, verifyFileAtPath, verifyRecordedBackup } from '@/lib/backup';
import type { Command } from '../command';
import { formatCount, formatDuration } from '../output';
import { resolveTarget } from '../target';

function summary(name: string, tables: number, rows: number, durationMs: number, trial: boolean): string {
  return `verified ${name}: ${tables} tables, ${formatCount(rows)} rows in ${formatDuration(durationMs)}${trial ? '; trial restore succeeded' : ''}`;
}

export const verify: Command = {
  name: 'verify',
  summary: 'check that a backup is intact and readable (optionally by restoring it)',
  usage: 'verify <id|file> [--trial]',
  args: [{ name: 'id|file' }],
  options: { trial: { type: 'boolean', description: 'also restore into a scratch database, then drop it' } },
  async run({ args, flag, env, out }) {
    const target = resolveTarget(args[0]!, env.config().backupDir);
    const trial = flag('trial');
    if (target.kind === 'id') {
      const ctx = await env.backup();
      const backup = await getBackup(ctx, target.id);
      const report = await verifyRecordedBackup(ctx, target.id, { trial });
      return { data: { verify: report }, lines: [summary(backup.filename, report.tables, report.rows, report.durationMs, trial)] };
    }
    const progress = out.progress();
    try {
      const { result, durationMs } = await verifyFileAtPath(target.path, env.keyring(), {
        trialServerUrl: trial ? () => env.databaseUrl() : undefined,
        signal: env.signal,
        onProgress: (p) => progress.update({ ...p, bytes: 0 }),
      });
      return {
        data: {
          verify: { file: target.path, ok: true, tables: result.tables, rows: result.rows, trial, durationMs, keyFingerprint: result.fingerprint, createdAt: result.manifest.createdAt },
        },
        lines: [
          summary(target.path, result.tables, result.rows, durationMs, trial),
          `  created ${result.manifest.createdAt}, key ${result.fingerprint}, format version ${result.manifest.formatVersion}`,
        ],
      };
    } finally {
      progress.done();
    }
  },
};
