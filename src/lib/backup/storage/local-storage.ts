/**
 * BackupStorage over one local directory (BACKUP_DIR), flat, created 0700 on first write,
 * files 0600. Every name passes `isValidObjectName` and resolves to a direct child of the
 * directory's real path; symlinks and other non-regular entries at a name count as missing
 * and are never followed, listed or deleted. Writes go through `writeFileAtomically`.
 * `pathOf` and `writeWith` serve the encryption layer, which writes the file itself.
 */
import { constants as fsConstants, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { CancelledError, StorageError } from '@/lib/backup/errors';

import {
  ensurePrivateDirectory,
  PRIVATE_FILE_MODE,
  toFileSystemError,
  writeFileAtomically,
} from './atomic-file';
import { ByteCounter } from './byte-counter';
import {
  assertValidRange,
  assertWritableName,
  compareByName,
  emptyByteStream,
  isValidObjectName,
  objectNotFound,
  type BackupStorage,
  type ByteRange,
  type StoredObject,
  type WriteOptions,
} from './storage';

/** O_NONBLOCK keeps a FIFO planted at a name from blocking the open. */
const OPEN_FOR_READING = fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK;
const MISSING_CODES = new Set(['ENOENT', 'ENOTDIR', 'ELOOP']);
const DIRECTORY_ACCESS = fsConstants.R_OK | fsConstants.W_OK | fsConstants.X_OK;

export class LocalStorage implements BackupStorage {
  readonly kind = 'local' as const;
  /** Absolute path as configured (may itself be a symlink to the real directory). */
  readonly directory: string;
  private realRoot: string | undefined;

  constructor(directory: string) {
    this.directory = path.resolve(directory);
  }

  describe(): string {
    return `local:${this.directory}`;
  }

  /** Path of the existing regular file stored under `name`; NotFoundError otherwise. */
  async pathOf(name: string): Promise<string> {
    const target = await this.readablePath(name);
    const stats = target === null ? null : await lstatOrNull(target);
    if (target === null || stats === null || !stats.isFile()) throw objectNotFound(name);
    return target;
  }

  /** Lets `write(tmpPath)` create the file, then publishes it atomically under `name`. */
  async writeWith<T>(name: string, write: (tmpPath: string) => Promise<T>): Promise<T> {
    assertWritableName(name);
    const root = await this.writableRoot();
    return writeFileAtomically(childPath(root, name), write);
  }

  async write(name: string, source: Readable, options: WriteOptions = {}): Promise<{ size: number }> {
    const { signal, onProgress } = options;
    const counter = new ByteCounter(onProgress);
    try {
      assertWritableName(name);
      if (signal?.aborted) throw new CancelledError();
      await this.writeWith(name, (tmpPath) =>
        pipeline(
          source,
          counter,
          createWriteStream(tmpPath, { flags: 'wx', mode: PRIVATE_FILE_MODE }),
          signal ? { signal } : {},
        ),
      );
    } catch (error) {
      source.destroy();
      throw toFileSystemError(error);
    }
    return { size: counter.bytes };
  }

  async read(name: string, range?: ByteRange): Promise<Readable> {
    assertValidRange(range);
    const target = await this.readablePath(name);
    if (target === null) throw objectNotFound(name);
    let handle;
    try {
      handle = await fs.open(target, OPEN_FOR_READING);
    } catch (error) {
      if (isMissing(error)) throw objectNotFound(name);
      throw toFileSystemError(error);
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw objectNotFound(name);
      const start = range?.start ?? 0;
      const lastByte = stats.size - 1;
      if (start > lastByte) {
        await handle.close();
        return emptyByteStream();
      }
      const end = Math.min(range?.end ?? lastByte, lastByte);
      return handle.createReadStream({ start, end, autoClose: true });
    } catch (error) {
      await handle.close();
      throw toFileSystemError(error);
    }
  }

  async stat(name: string): Promise<StoredObject | null> {
    const target = await this.readablePath(name);
    if (target === null) return null;
    const stats = await lstatOrNull(target);
    if (stats === null || !stats.isFile()) return null;
    return { name, size: stats.size, modifiedAt: stats.mtime };
  }

  async list(): Promise<StoredObject[]> {
    const root = await this.existingRoot();
    if (root === null) return [];
    let entries;
    try {
      entries = await fs.readdir(root, { withFileTypes: true });
    } catch (error) {
      throw toFileSystemError(error);
    }
    const objects: StoredObject[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || !isValidObjectName(entry.name)) continue;
      const stats = await lstatOrNull(childPath(root, entry.name));
      if (stats === null || !stats.isFile()) continue;
      objects.push({ name: entry.name, size: stats.size, modifiedAt: stats.mtime });
    }
    return objects.sort(compareByName);
  }

  async delete(name: string): Promise<void> {
    assertWritableName(name);
    const root = await this.existingRoot();
    if (root === null) return;
    const target = childPath(root, name);
    const stats = await lstatOrNull(target);
    if (stats === null || !stats.isFile()) return;
    try {
      await fs.unlink(target);
    } catch (error) {
      if (!isMissing(error)) throw toFileSystemError(error);
    }
  }

  async checkReachable(): Promise<void> {
    try {
      const root = await this.writableRoot();
      await fs.access(root, DIRECTORY_ACCESS);
    } catch (error) {
      throw new StorageError(
        'The backup directory cannot be used: it could not be created, or the application may not read and write it.',
        { cause: error },
      );
    }
  }

  /** Real path of the directory, or null while it does not exist. */
  private async existingRoot(): Promise<string | null> {
    if (this.realRoot !== undefined) return this.realRoot;
    try {
      this.realRoot = await fs.realpath(this.directory);
      return this.realRoot;
    } catch (error) {
      if (isMissing(error)) return null;
      throw toFileSystemError(error);
    }
  }

  private async writableRoot(): Promise<string> {
    try {
      await ensurePrivateDirectory(this.directory);
    } catch (error) {
      throw toFileSystemError(error);
    }
    const root = await this.existingRoot();
    if (root === null) throw new StorageError('The backup directory disappeared while it was being prepared.');
    return root;
  }

  /** null for invalid names and while the directory does not exist. */
  private async readablePath(name: string): Promise<string | null> {
    if (!isValidObjectName(name)) return null;
    const root = await this.existingRoot();
    return root === null ? null : childPath(root, name);
  }
}

/** `root/name`, refusing anything that would not be a direct child of `root`. */
function childPath(root: string, name: string): string {
  const target = path.resolve(root, name);
  if (path.dirname(target) !== root || path.basename(target) !== name) {
    throw new StorageError('Invalid backup file name.');
  }
  return target;
}

async function lstatOrNull(target: string) {
  try {
    return await fs.lstat(target);
  } catch (error) {
    if (isMissing(error)) return null;
    throw toFileSystemError(error);
  }
}

function isMissing(error: unknown): boolean {
  return MISSING_CODES.has((error as NodeJS.ErrnoException | null)?.code ?? '');
}
