/**
 * The one behavioural suite every BackupStorage must pass (after restic's backend tests).
 * Not a test file itself: a back end's test calls `describeStorageConformance` with a
 * factory that returns a fresh, empty storage per test and cleans it up afterwards. The
 * semantics checked here are those documented in `storage.ts`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  BackupError,
  CancelledError,
  DatabaseUnavailableError,
  InvalidInputError,
  NotFoundError,
  StorageError,
} from '../../src/lib/backup/errors';

import { sha256OfStream } from '../../src/lib/backup/storage/checksum';
import { OBJECT_NAME_MAX_LENGTH, type BackupStorage } from '../../src/lib/backup/storage/storage';
import { readAll } from './read-all';

export interface StorageHarness {
  storage: BackupStorage;
  cleanup(): Promise<void>;
  /**
   * Puts entries beside the storage's objects that `list` must not show (temp files,
   * other prefixes, nested keys, symlinks…). Optional.
   */
  plantForeignEntries?(): Promise<void>;
}

const KIB = 1024;
const MIB = 1024 * KIB;
/** Larger than two 5 MiB multipart parts, and not a multiple of the part size. */
export const LARGE_OBJECT_SIZE = 12 * MIB + 123;
const STREAM_CHUNK_SIZE = 64 * KIB;
const SMALL_OBJECT_SIZE = 1000;
const MODIFIED_AT_TOLERANCE_MS = 5 * 60 * 1000;
const ABORT_TEST_MAX_CHUNKS = 10_000;

export const INVALID_OBJECT_NAMES = [
  '',
  '.',
  '..',
  '../x',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..\\..\\windows',
  'a/b',
  '/etc/passwd',
  '.hidden',
  'x..y',
  '-leading-dash',
  'with space',
  'nul\0byte',
  'école',
  'a'.repeat(OBJECT_NAME_MAX_LENGTH + 1),
];

function chunked(data: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += STREAM_CHUNK_SIZE) {
    chunks.push(data.subarray(offset, offset + STREAM_CHUNK_SIZE));
  }
  return Readable.from(chunks, { objectMode: false });
}

/** Yields `data`, then fails with `error`: a producer that dies midway. */
function failingAfter(data: Buffer, error: Error): Readable {
  async function* produce() {
    yield* chunked(data);
    throw error;
  }
  return Readable.from(produce(), { objectMode: false });
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

export function describeStorageConformance(name: string, makeStorage: () => Promise<StorageHarness>): void {
  describe(`BackupStorage conformance: ${name}`, () => {
    let harness: StorageHarness;
    let storage: BackupStorage;

    beforeEach(async () => {
      harness = await makeStorage();
      storage = harness.storage;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('is reachable, describes itself and starts empty', async () => {
      await expect(storage.checkReachable()).resolves.toBeUndefined();
      expect(storage.describe()).toMatch(/^(local:|s3:\/\/)/);
      expect(['local', 's3']).toContain(storage.kind);
      expect(await storage.list()).toEqual([]);
      expect(await storage.stat('missing.bin')).toBeNull();
      await expect(storage.read('missing.bin')).rejects.toBeInstanceOf(NotFoundError);
    });

    it.each([
      ['empty', 0],
      ['one byte', 1],
      ['small', SMALL_OBJECT_SIZE],
      ['multi-part', LARGE_OBJECT_SIZE],
    ])('writes then stats and reads back %s data byte for byte', async (_label, size) => {
      const data = randomBytes(size);
      const progress: number[] = [];
      const before = Date.now();
      const written = await storage.write('object.bin', chunked(data), { onProgress: (bytes) => progress.push(bytes) });
      expect(written).toEqual({ size });

      const stat = await storage.stat('object.bin');
      expect(stat?.name).toBe('object.bin');
      expect(stat?.size).toBe(size);
      expect(Math.abs((stat?.modifiedAt.getTime() ?? 0) - before)).toBeLessThan(MODIFIED_AT_TOLERANCE_MS);

      expect(await sha256OfStream(await storage.read('object.bin'))).toEqual({ sha256: sha256(data), size });
      if (size > 0) expect(progress.at(-1)).toBe(size);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    });

    it('reads inclusive byte ranges, clamps the end and reads nothing past the end', async () => {
      const data = randomBytes(SMALL_OBJECT_SIZE);
      await storage.write('ranged.bin', chunked(data));
      const cases: [{ start: number; end?: number }, Buffer][] = [
        [{ start: 0 }, data],
        [{ start: 0, end: 0 }, data.subarray(0, 1)],
        [{ start: 10, end: 19 }, data.subarray(10, 20)],
        [{ start: 990 }, data.subarray(990)],
        [{ start: 995, end: 5000 }, data.subarray(995)],
        [{ start: SMALL_OBJECT_SIZE - 1, end: SMALL_OBJECT_SIZE - 1 }, data.subarray(SMALL_OBJECT_SIZE - 1)],
        [{ start: SMALL_OBJECT_SIZE }, Buffer.alloc(0)],
        [{ start: SMALL_OBJECT_SIZE + 5000, end: SMALL_OBJECT_SIZE + 6000 }, Buffer.alloc(0)],
      ];
      for (const [range, expected] of cases) {
        expect((await readAll(await storage.read('ranged.bin', range))).equals(expected), JSON.stringify(range)).toBe(true);
      }
    });

    it('reads a range that crosses a multipart boundary', async () => {
      const data = randomBytes(LARGE_OBJECT_SIZE);
      await storage.write('large.bin', chunked(data));
      const start = 5 * MIB - 10;
      const end = 10 * MIB + 10;
      expect((await readAll(await storage.read('large.bin', { start, end }))).equals(data.subarray(start, end + 1))).toBe(true);
    });

    it('rejects malformed ranges with InvalidInputError and ranges on missing objects with NotFoundError', async () => {
      await storage.write('ranged.bin', chunked(randomBytes(10)));
      for (const range of [{ start: -1 }, { start: 1.5 }, { start: 5, end: 4 }, { start: 0, end: Number.NaN }]) {
        await expect(storage.read('ranged.bin', range), JSON.stringify(range)).rejects.toBeInstanceOf(InvalidInputError);
      }
      await expect(storage.read('missing.bin', { start: 0, end: 1 })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lists exactly the written names with their sizes, sorted, and nothing foreign', async () => {
      const sizes: Record<string, number> = { 'b.enc': 3, 'a.enc': 0, 'c-2026_01.enc': 17 };
      for (const [objectName, size] of Object.entries(sizes)) {
        await storage.write(objectName, chunked(randomBytes(size)));
      }
      await harness.plantForeignEntries?.();
      const listed = await storage.list();
      expect(listed.map(({ name: n, size }) => ({ name: n, size }))).toEqual([
        { name: 'a.enc', size: 0 },
        { name: 'b.enc', size: 3 },
        { name: 'c-2026_01.enc', size: 17 },
      ]);
      for (const entry of listed) expect(entry.modifiedAt).toBeInstanceOf(Date);
    });

    it('replaces an existing object on write', async () => {
      await storage.write('same.bin', chunked(randomBytes(SMALL_OBJECT_SIZE)));
      const second = randomBytes(SMALL_OBJECT_SIZE / 2);
      await storage.write('same.bin', chunked(second));
      expect(await sha256OfStream(await storage.read('same.bin'))).toEqual({ sha256: sha256(second), size: second.length });
      expect((await storage.list()).map((entry) => entry.name)).toEqual(['same.bin']);
    });

    it.each([
      ['before the first part', 100 * KIB],
      ['after several parts', LARGE_OBJECT_SIZE],
    ])('leaves no object when the source fails %s, and rejects with the source error', async (_label, size) => {
      const failure = new DatabaseUnavailableError('connection lost during the test');
      const error = await caught(storage.write('partial.bin', failingAfter(randomBytes(size), failure)));
      expect(error).toBe(failure);
      expect(await storage.stat('partial.bin')).toBeNull();
      await expect(storage.read('partial.bin')).rejects.toBeInstanceOf(NotFoundError);
      expect(await storage.list()).toEqual([]);
    });

    it('keeps the previous object when an overwrite fails', async () => {
      const original = randomBytes(SMALL_OBJECT_SIZE);
      await storage.write('kept.bin', chunked(original));
      const failure = new DatabaseUnavailableError('connection lost during the test');
      await expect(storage.write('kept.bin', failingAfter(randomBytes(LARGE_OBJECT_SIZE), failure))).rejects.toBe(failure);
      expect(await sha256OfStream(await storage.read('kept.bin'))).toEqual({ sha256: sha256(original), size: original.length });
    });

    it('cancels a write when its signal aborts, leaving no object', async () => {
      const controller = new AbortController();
      const chunk = randomBytes(STREAM_CHUNK_SIZE);
      let produced = 0;
      const endless = new Readable({
        read() {
          produced += 1;
          if (produced > ABORT_TEST_MAX_CHUNKS) this.destroy(new Error('the abort never arrived'));
          else setImmediate(() => this.push(chunk));
        },
      });
      const writing = storage.write('cancelled.bin', endless, {
        signal: controller.signal,
        onProgress: (bytes) => {
          if (bytes >= MIB) controller.abort();
        },
      });
      await expect(writing).rejects.toBeInstanceOf(CancelledError);
      expect(endless.destroyed).toBe(true);
      expect(await storage.stat('cancelled.bin')).toBeNull();
      await expect(storage.write('never.bin', chunked(randomBytes(1)), { signal: controller.signal })).rejects.toBeInstanceOf(
        CancelledError,
      );
      expect(await storage.list()).toEqual([]);
    });

    it('deletes: stat is null, read is NotFoundError, and deleting again is a no-op', async () => {
      await storage.write('doomed.bin', chunked(randomBytes(SMALL_OBJECT_SIZE)));
      await storage.write('kept.bin', chunked(randomBytes(1)));
      await storage.delete('doomed.bin');
      expect(await storage.stat('doomed.bin')).toBeNull();
      await expect(storage.read('doomed.bin')).rejects.toBeInstanceOf(NotFoundError);
      await expect(storage.delete('doomed.bin')).resolves.toBeUndefined();
      await expect(storage.delete('never-existed.bin')).resolves.toBeUndefined();
      expect((await storage.list()).map((entry) => entry.name)).toEqual(['kept.bin']);
    });

    it('accepts names up to the maximum length', async () => {
      const longest = 'n'.repeat(OBJECT_NAME_MAX_LENGTH);
      await storage.write(longest, chunked(randomBytes(3)));
      expect((await storage.stat(longest))?.size).toBe(3);
    });

    it('refuses invalid names without echoing them: reads as missing, mutations as StorageError', async () => {
      for (const invalid of INVALID_OBJECT_NAMES) {
        const label = JSON.stringify(invalid);
        const source = chunked(randomBytes(10));
        const writeError = await caught(storage.write(invalid, source));
        expect(writeError, label).toBeInstanceOf(StorageError);
        expect(source.destroyed, label).toBe(true);
        const readError = await caught(storage.read(invalid));
        expect(readError, label).toBeInstanceOf(NotFoundError);
        expect(await storage.stat(invalid), label).toBeNull();
        const deleteError = await caught(storage.delete(invalid));
        expect(deleteError, label).toBeInstanceOf(StorageError);
        for (const error of [writeError, readError, deleteError]) {
          const message = (error as BackupError).message;
          if (invalid.length > 2) expect(message, label).not.toContain(invalid);
          expect(message, label).not.toContain(storage.describe().replace(/^local:|^s3:\/\//, ''));
        }
      }
      expect(await storage.list()).toEqual([]);
    });
  });
}
