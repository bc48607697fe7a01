/**
 * Where the bytes of a backup come from:
 * - `findCompletedBackup`: the row of a backup that can be read (COMPLETED), else NOT_FOUND —
 *   the one place that decides it;
 * - `locateRecordedBackup` / `streamRecordedBackup`: where a recorded backup's bytes are (opening
 *   nothing: enough for a HEAD request) / those bytes: the local file when it is there, else the
 *   verified cloud copy. The size on storage must equal the size recorded when the backup was
 *   made; a shorter file is reported as truncated before any decryption is attempted;
 * - `streamBackupFile`: a file named by path (the CLI's `<file>`), after checking that it is there
 *   and is a regular file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Backup } from '../../../generated/prisma/client';
import { CorruptBackupError, InvalidInputError, NotFoundError, TruncatedBackupError } from '../errors';
import type { BackupContext } from './context';

export interface BackupSource {
  stream: Readable;
  location: 'local' | 'cloud';
  size: number;
}

/** The row, when it is a backup that can be read; else NotFoundError. */
export function requireCompletedBackup(backup: Backup | null): Backup {
  if (!backup || backup.status !== 'COMPLETED') throw new NotFoundError('The completed backup');
  return backup;
}

export async function findCompletedBackup(ctx: BackupContext, backupId: string): Promise<Backup> {
  return requireCompletedBackup(await ctx.prisma.backup.findUnique({ where: { id: backupId } }));
}

export type LocatedBackup = Omit<BackupSource, 'stream'> & { open(): Promise<Readable> };

export async function locateRecordedBackup(ctx: BackupContext, backup: Backup): Promise<LocatedBackup> {
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

export async function streamRecordedBackup(ctx: BackupContext, backup: Backup): Promise<BackupSource> {
  const { open, ...located } = await locateRecordedBackup(ctx, backup);
  return { ...located, stream: await open() };
}

export async function streamBackupFile(file: string): Promise<Readable> {
  const stats = await stat(file).catch(() => null);
  if (!stats) throw new NotFoundError(`The file "${file}"`);
  if (!stats.isFile()) throw new InvalidInputError(`"${file}" is not a regular file.`);
  return createReadStream(file);
}
