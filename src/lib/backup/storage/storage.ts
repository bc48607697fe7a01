/**
 * The one storage contract that every back end (local directory, S3 bucket) honours,
 * checked by the shared suite in `conformance.ts`.
 *
 * - Names: one flat namespace. A name matches `OBJECT_NAME_PATTERN` and contains no "..";
 *   anything else is refused before any I/O. Reads (`read`) answer an invalid name with
 *   NotFoundError and `stat` with null, exactly as for a missing name; mutations (`write`,
 *   `delete`) throw StorageError. Messages never echo an invalid name or reveal a path.
 * - Writes are atomic: readers see the old object or the whole new one, never a part.
 *   Writing an existing name replaces it; a failed write leaves the previous object (or
 *   nothing) in place. If the source stream fails, `write` rejects with the source's error
 *   (through `toBackupError`); an aborted signal rejects with CancelledError. A write
 *   that fails for any reason destroys its source, so the producer stops.
 * - Ranges: `{ start, end? }` in bytes, both inclusive (as in HTTP `Range: bytes=start-end`).
 *   `end` past the last byte is clamped to it; `start` at or past the end yields an empty
 *   stream. A malformed range (negative, fractional, end < start) is InvalidInputError.
 * - `delete` is idempotent: deleting a missing name resolves.
 * - `list` returns exactly the stored objects with valid names, sorted by name; temporary
 *   files, other prefixes and foreign entries are never listed.
 */
import { Readable } from 'node:stream';

import { InvalidInputError, NotFoundError, StorageError } from '@/lib/backup/errors';

export const OBJECT_NAME_MAX_LENGTH = 201;
/** First character alphanumeric (so no dot files and no temp files), then `[A-Za-z0-9._-]`. */
export const OBJECT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;
const PARENT_DIRECTORY_MARKER = '..';

export type StorageKind = 'local' | 's3';

export interface StoredObject {
  name: string;
  size: number;
  modifiedAt: Date;
}

/** Inclusive byte range: `end` defaults to the last byte. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /** Called with the running total of bytes taken from the source. */
  onProgress?(bytes: number): void;
}

export interface BackupStorage {
  readonly kind: StorageKind;
  /** Human label without secrets, e.g. "local:/var/backups" or "s3://bucket/prefix". */
  describe(): string;
  /** Atomically stores the whole stream under name; resolves to the stored size. */
  write(name: string, source: Readable, options?: WriteOptions): Promise<{ size: number }>;
  /** A stream of the object's bytes (or of `range`); the caller must consume or destroy it. */
  read(name: string, range?: ByteRange): Promise<Readable>;
  /** null when the name is missing or invalid. */
  stat(name: string): Promise<StoredObject | null>;
  list(): Promise<StoredObject[]>;
  /** Idempotent. */
  delete(name: string): Promise<void>;
  /**
   * Resolves when the back end answers and accepts this configuration (local: the directory
   * exists or can be created and is read-write; S3: the bucket exists and the credentials
   * are accepted); throws StorageError otherwise. Writes nothing.
   */
  checkReachable(): Promise<void>;
}

export function isValidObjectName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length <= OBJECT_NAME_MAX_LENGTH &&
    OBJECT_NAME_PATTERN.test(name) &&
    !name.includes(PARENT_DIRECTORY_MARKER)
  );
}

/** For mutations: an invalid name is a StorageError that does not echo the name. */
export function assertWritableName(name: unknown): asserts name is string {
  if (!isValidObjectName(name)) {
    throw new StorageError(
      'Invalid backup file name: names use only letters, digits, ".", "_" and "-", start with a letter or digit, and contain no "..".',
    );
  }
}

export function assertValidRange(range: ByteRange | undefined): void {
  if (range === undefined) return;
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0) {
    throw new InvalidInputError('The byte range must start at a whole number of bytes, 0 or more.');
  }
  if (end !== undefined && (!Number.isSafeInteger(end) || end < start)) {
    throw new InvalidInputError('The byte range must end at a whole number of bytes, not before its start.');
  }
}

export function compareByName(a: StoredObject, b: StoredObject): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A byte stream with no bytes: what a range starting past the end reads. */
export function emptyByteStream(): Readable {
  return new Readable({
    read() {
      this.push(null);
    },
  });
}

/** For reads: echoes the name only when it is valid, so nothing foreign is reflected. */
export function objectNotFound(name: string): NotFoundError {
  return new NotFoundError(isValidObjectName(name) ? `Backup file "${name}"` : 'The backup file');
}
