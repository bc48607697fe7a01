import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CorruptBackupError, NotFoundError, StorageError } from '@/lib/backup/errors';

import { sha256OfStream } from './checksum';
import { LARGE_OBJECT_SIZE } from '../../../../tests/helpers/storage-conformance';
import { copyToCloud } from './copy';
import { LocalStorage } from './local-storage';
import type { S3Storage } from './s3-storage';
import { startTestS3Server, type TestS3Server } from '../../../../tests/helpers/s3-test-server';
import type { BackupStorage } from './storage';

const SMALL_SIZE = 1000;

function digest(data: Buffer) {
  return { sha256: createHash('sha256').update(data).digest('hex'), size: data.length };
}

/** Changes the bytes on their way to `cloud`, as a faulty network or service might. */
function tampering(cloud: BackupStorage, makeTransform: () => Transform): BackupStorage {
  return {
    kind: cloud.kind,
    describe: () => cloud.describe(),
    write: (name, source, options) => cloud.write(name, source.pipe(makeTransform()), options),
    read: (name, range) => cloud.read(name, range),
    stat: (name) => cloud.stat(name),
    list: () => cloud.list(),
    delete: (name) => cloud.delete(name),
    checkReachable: () => cloud.checkReachable(),
  };
}

class FlipFirstByte extends Transform {
  private flipped = false;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.flipped && chunk.length > 0) {
      const copy = Buffer.from(chunk);
      copy[0] = (copy[0] ?? 0) ^ 0xff;
      this.flipped = true;
      callback(null, copy);
      return;
    }
    callback(null, chunk);
  }
}

class DropLastByte extends Transform {
  private held: Buffer | null = null;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const joined = this.held === null ? chunk : Buffer.concat([this.held, chunk]);
    this.held = joined.subarray(joined.length - 1);
    callback(null, joined.subarray(0, joined.length - 1));
  }
}

describe('sha256OfStream', () => {
  it('hashes and counts a stream in chunks', async () => {
    expect(await sha256OfStream(Readable.from([Buffer.from('a'), Buffer.from('bc')]))).toEqual({
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      size: 3,
    });
    expect(await sha256OfStream(Readable.from([]))).toEqual({
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      size: 0,
    });
  });
});

describe('copyToCloud (local → s3rver)', () => {
  let server: TestS3Server;
  let root: string;
  let local: LocalStorage;
  let cloud: S3Storage;

  beforeAll(async () => {
    server = await startTestS3Server();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'copy-to-cloud-'));
    local = new LocalStorage(root);
    cloud = server.storage();
  });
  afterEach(async () => {
    cloud.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('copies a multi-part file and confirms it by size and SHA-256', async () => {
    const data = randomBytes(LARGE_OBJECT_SIZE);
    await local.write('nightly.enc', Readable.from([data]));
    await copyToCloud(local, cloud, 'nightly.enc', digest(data));
    expect(await sha256OfStream(await cloud.read('nightly.enc'))).toEqual(digest(data));
    expect((await local.stat('nightly.enc'))?.size).toBe(data.length);
  });

  it.each([
    ['altered', () => new FlipFirstByte()],
    ['truncated', () => new DropLastByte()],
  ])('deletes an %s cloud copy and throws StorageError', async (_label, makeTransform) => {
    const data = randomBytes(SMALL_SIZE);
    await local.write('nightly.enc', Readable.from([data]));
    const error = await copyToCloud(local, tampering(cloud, makeTransform), 'nightly.enc', digest(data)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/does not match the local file, so it was deleted/);
    expect(await cloud.stat('nightly.enc')).toBeNull();
  });

  it('refuses to keep a copy of a local file that no longer matches its recorded checksum', async () => {
    const data = randomBytes(SMALL_SIZE);
    await local.write('nightly.enc', Readable.from([data]));
    const recorded = digest(randomBytes(SMALL_SIZE));
    await expect(copyToCloud(local, cloud, 'nightly.enc', recorded)).rejects.toBeInstanceOf(CorruptBackupError);
    expect(await cloud.stat('nightly.enc')).toBeNull();
  });

  it('fails with NotFoundError for a missing local file and uploads nothing', async () => {
    await expect(copyToCloud(local, cloud, 'missing.enc', digest(Buffer.alloc(0)))).rejects.toBeInstanceOf(NotFoundError);
    expect(await cloud.list()).toEqual([]);
  });

  it('passes on a cloud failure as StorageError and leaves the local file alone', async () => {
    const data = randomBytes(SMALL_SIZE);
    await local.write('nightly.enc', Readable.from([data]));
    const locked = server.storage({ secretAccessKey: 'not-the-secret' });
    await expect(copyToCloud(local, locked, 'nightly.enc', digest(data))).rejects.toThrow(/authentication with the bucket failed/);
    expect(await sha256OfStream(await local.read('nightly.enc'))).toEqual(digest(data));
  });
});
