/**
 * Finds (`locateBackupSource`, which opens nothing: enough for a HEAD request) and opens
 * (`openBackupSource`) the bytes of a recorded backup: the local file when it is there, else the
 * verified cloud copy. The size on storage must equal the size recorded when the backup was made;
 * a shorter file is reported as truncated before any decryption is attempted.
 */
import type { Readable } from 'node:stream';
import type { Backup } from '../../../generated/prisma/client';
import { CorruptBackupError, NotFoundError, TruncatedBackupError } from '../errors';
import type { BackupContext } from './context';

export interface BackupSource {
  stream: Readable;
  location: 'local' | 'cloud';
  size: number;
}

export type LocatedBackupSource = Omit<BackupSource, 'stream'> & { open(): Promise<Readable> };

export async function locateBackupSource(ctx: BackupContext, backup: Backup): Promise<LocatedBackupSource> {
  const expected = Number(backup.size);
  const local = await ctx.local.stat(backup.filename);
  const useCloud = !local && ctx.cloud !== null && backup.cloudStatus === 'UPLOADED';
  const storage = local ? ctx.local : useCloud ? ctx.cloud! : null;
  const stored = local ?? (useCloud ? await ctx.cloud!.stat(backup.cloudKey ?? backup.filename) : null);
  if (!storage || !stored) throw new NotFoundError('The backup file (neither the local file nor a cloud copy)');
  if (expected > 0 && stored.size < expected) {
    throw new TruncatedBackupError(`the file has ${stored.size} bytes, but the backup recorded ${expected}`);
  }
  if (expected > 0 && stored.size > expected) throw new CorruptBackupError(`the file is larger than the ${expected} bytes recorded`);
  return { location: local ? 'local' : 'cloud', size: stored.size, open: () => storage.read(stored.name) };
}

export async function openBackupSource(ctx: BackupContext, backup: Backup): Promise<BackupSource> {
  const { open, ...located } = await locateBackupSource(ctx, backup);
  return { ...located, stream: await open() };
}
