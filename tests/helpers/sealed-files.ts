/** Helpers for the crypto and format tests: temp directories and sealed sample files. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { sealToFile } from '../../src/lib/backup/crypto/seal';

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'erp-backup-crypto-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A gzip stream of `size` random bytes, as a backup's plaintext would be. */
export function sampleGzip(size = 100_000): Buffer {
  return gzipSync(randomBytes(size), { level: 1 });
}

export async function sealBuffer(plaintext: Buffer, filePath: string, key: Buffer): Promise<void> {
  await sealToFile(Readable.from([plaintext]), filePath, key);
}
