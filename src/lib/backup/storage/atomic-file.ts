/**
 * Crash-safe file creation, after restic's local back end `Save`: write to a temporary
 * file in the same directory, fsync it, rename it over the final name, fsync the directory.
 * A crash at any point leaves either nothing at the final path or the complete file; what
 * a killed process can leave behind is a temporary file, which `isTempFileName` recognises
 * and `removeStaleTempFiles` cleans at start-up. Directories are 0700, files 0600.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

import { BackupError, StorageError, toBackupError } from '@/lib/backup/errors';

export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** A temp file not modified for this long belongs to a dead writer. */
export const DEFAULT_STALE_TEMP_AGE_MS = 60 * 60 * 1000;

const TEMP_PREFIX = '.';
const TEMP_SUFFIX = '.tmp';
const TEMP_RANDOM_BYTES = 8;
const TEMP_FILE_PATTERN = /^\..+\.[0-9a-f]{16}\.tmp$/;
const PERMISSION_BITS = 0o777;
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);
/** Errors by which a file system says it cannot fsync a directory; restic ignores them too. */
const DIRECTORY_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EISDIR']);

export function isTempFileName(name: string): boolean {
  return TEMP_FILE_PATTERN.test(name);
}

export function tempPathFor(finalPath: string): string {
  const random = randomBytes(TEMP_RANDOM_BYTES).toString('hex');
  return path.join(path.dirname(finalPath), `${TEMP_PREFIX}${path.basename(finalPath)}.${random}${TEMP_SUFFIX}`);
}

/**
 * Maps a file-system failure into the hierarchy without the path Node puts in its message:
 * ENOSPC/EDQUOT → DiskFullError, aborts → CancelledError, other system errors → StorageError.
 */
export function toFileSystemError(error: unknown): BackupError {
  if (error instanceof BackupError) return error;
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code === 'string' && typeof syscall === 'string' && !DISK_FULL_CODES.has(code)) {
    return new StorageError(
      `The backup directory could not be accessed (${code} during ${syscall}). Check that it exists and that the application may read and write it.`,
      { cause: error },
    );
  }
  return toBackupError(error);
}

/** Creates `directory` (and missing parents) if needed and makes it private (0700). */
export async function ensurePrivateDirectory(directory: string): Promise<void> {
  await fs.mkdir(directory, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  const stats = await fs.stat(directory);
  if ((stats.mode & PERMISSION_BITS) !== PRIVATE_DIRECTORY_MODE) {
    await fs.chmod(directory, PRIVATE_DIRECTORY_MODE);
  }
}

/**
 * Runs `write(tmpPath)`, which must create and fill the temp file, then makes the file
 * private, durable and visible at `finalPath` in one rename. On failure the temp file is
 * removed and the error rethrown through `toFileSystemError` (ENOSPC → DiskFullError).
 */
export async function writeFileAtomically<T>(
  finalPath: string,
  write: (tmpPath: string) => Promise<T>,
): Promise<T> {
  const directory = path.dirname(finalPath);
  const tmpPath = tempPathFor(finalPath);
  let result: T;
  try {
    await ensurePrivateDirectory(directory);
    result = await write(tmpPath);
    await sealFile(tmpPath);
    await fs.rename(tmpPath, finalPath);
  } catch (error) {
    await fs.rm(tmpPath, { force: true }).catch(() => undefined);
    throw toFileSystemError(error);
  }
  try {
    await syncDirectory(directory);
  } catch (error) {
    throw toFileSystemError(error);
  }
  return result;
}

/** Removes temp files in `directory` not modified for `olderThanMs`; returns their names. */
export async function removeStaleTempFiles(
  directory: string,
  olderThanMs: number = DEFAULT_STALE_TEMP_AGE_MS,
): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw toFileSystemError(error);
  }
  const cutoff = Date.now() - olderThanMs;
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !isTempFileName(entry.name)) continue;
    const entryPath = path.join(directory, entry.name);
    try {
      const stats = await fs.lstat(entryPath);
      if (stats.mtimeMs > cutoff) continue;
      await fs.unlink(entryPath);
      removed.push(entry.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toFileSystemError(error);
    }
  }
  return removed;
}

/** chmod 0600 and fsync through a handle that refuses symlinks. */
async function sealFile(tmpPath: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(tmpPath, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP') {
      throw new StorageError('The backup writer did not create its temporary file.', { cause: error });
    }
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new StorageError('The backup writer did not create a regular file.');
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(directory, fsConstants.O_RDONLY | fsConstants.O_DIRECTORY);
  } catch (error) {
    if (DIRECTORY_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!DIRECTORY_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}
