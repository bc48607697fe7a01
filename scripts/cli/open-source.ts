/**
 * The encrypted bytes an `<id|file>` argument names, for the commands that only read a backup
 * (decrypt, export): a file is read on its own; an id is a completed backup's local file, or its
 * cloud copy when the file is gone. The recorded key fingerprint comes along, to name the key
 * that is missing when the keyring cannot open it.
 */
import type { Readable } from 'node:stream';
import { findCompletedBackup, streamBackupFile, streamRecordedBackup } from '@/lib/backup';
import type { CliEnvironment } from './context';
import { resolveTarget } from './target';

export interface CliBackupSource {
  name: string;
  stream: Readable;
  expectedFingerprint?: string;
}

export async function openCliBackupSource(env: CliEnvironment, argument: string): Promise<CliBackupSource> {
  const target = resolveTarget(argument, env.config().backupDir);
  if (target.kind === 'file') return { name: target.path, stream: await streamBackupFile(target.path) };
  const ctx = await env.backup();
  const backup = await findCompletedBackup(ctx, target.id);
  const source = await streamRecordedBackup(ctx, backup);
  return { name: backup.filename, stream: source.stream, expectedFingerprint: backup.keyFingerprint ?? undefined };
}
