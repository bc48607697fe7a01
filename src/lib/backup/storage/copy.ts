/**
 * Copies one stored backup from local storage to the cloud and proves the copy: the local
 * bytes are hashed as they stream up, then the cloud object is stat-ed and re-read, and
 * both must match `expected` (the size and SHA-256 recorded when the backup was made).
 * A cloud copy that does not match is deleted and StorageError thrown; a local file that
 * no longer matches is CorruptBackupError (nothing is kept in the cloud either).
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { CorruptBackupError, StorageError } from '@/lib/backup/errors';

import { SHA256_ALGORITHM, sha256OfStream, type StreamDigest } from './checksum';
import type { BackupStorage } from './storage';

export async function copyToCloud(
  local: BackupStorage,
  cloud: BackupStorage,
  name: string,
  expected: StreamDigest,
): Promise<void> {
  const hashing = new HashingPassThrough();
  const relaying = pipeline(await local.read(name), hashing).catch(() => undefined);
  await cloud.write(name, hashing);
  await relaying;
  const sent = hashing.digest();
  if (!sameDigest(sent, expected)) {
    await cloud.delete(name).catch(() => undefined);
    throw new CorruptBackupError(`the local file "${name}" no longer matches the size and SHA-256 recorded when it was made`);
  }

  const stored = await cloud.stat(name);
  const reread = stored === null || stored.size !== expected.size ? null : await sha256OfStream(await cloud.read(name));
  if (reread === null || !sameDigest(reread, expected)) {
    const cause = await cloud.delete(name).then(
      () => undefined,
      (error: unknown) => error,
    );
    throw new StorageError(
      `The copy of "${name}" in ${cloud.describe()} does not match the local file, so it was deleted${cause === undefined ? '' : ' (deleting it failed too)'}. Try the copy again.`,
      cause === undefined ? {} : { cause },
    );
  }
}

function sameDigest(a: StreamDigest, b: StreamDigest): boolean {
  return a.size === b.size && a.sha256.toLowerCase() === b.sha256.toLowerCase();
}

/** Hashes the bytes passing through; `digest()` is valid once the stream has ended. */
class HashingPassThrough extends Transform {
  private readonly hash = createHash(SHA256_ALGORITHM);
  private size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    callback(null, chunk);
  }

  digest(): StreamDigest {
    return { sha256: this.hash.copy().digest('hex'), size: this.size };
  }
}
