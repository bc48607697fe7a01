import { createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CancelledError, DiskFullError, TooLargeError } from '../errors';
import { ENVELOPE_HEADER_LENGTH, GCM_MAX_PLAINTEXT_BYTES } from '../format/constants';
import { sealToFile } from './seal';
import { sealBuffer, withTempDir } from '../../../../tests/helpers/sealed-files';

const key = randomBytes(32);

function decryptManually(file: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, file.subarray(0, 16));
  decipher.setAuthTag(file.subarray(16, 32));
  return Buffer.concat([decipher.update(file.subarray(32)), decipher.final()]);
}

describe('sealToFile', () => {
  it('writes IV, tag and ciphertext as specified, mode 0600', () =>
    withTempDir(async (dir) => {
      const plaintext = randomBytes(300_000);
      const file = path.join(dir, 'a.tmp');
      const progress: number[] = [];
      const chunks = Array.from({ length: 30 }, (_, i) => plaintext.subarray(i * 10_000, (i + 1) * 10_000));
      const result = await sealToFile(Readable.from(chunks), file, key, { onBytes: (n) => progress.push(n) });

      expect(result).toEqual({ size: ENVELOPE_HEADER_LENGTH + plaintext.length, plaintextBytes: plaintext.length });
      const bytes = await readFile(file);
      expect(bytes.length).toBe(result.size);
      expect(decryptManually(bytes).equals(plaintext)).toBe(true);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(progress.at(-1)).toBe(plaintext.length);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    }));

  it('uses a fresh IV for every file', () =>
    withTempDir(async (dir) => {
      const data = Buffer.from('same plaintext');
      await sealBuffer(data, path.join(dir, 'a'), key);
      await sealBuffer(data, path.join(dir, 'b'), key);
      const [a, b] = await Promise.all([readFile(path.join(dir, 'a')), readFile(path.join(dir, 'b'))]);
      expect(a.subarray(0, 16).equals(b.subarray(0, 16))).toBe(false);
      expect(a.subarray(32).equals(b.subarray(32))).toBe(false);
    }));

  it('seals an empty plaintext as a bare header with a valid tag', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'empty');
      expect(await sealToFile(Readable.from([]), file, key)).toEqual({ size: 32, plaintextBytes: 0 });
      expect(decryptManually(await readFile(file))).toHaveLength(0);
    }));

  it('refuses to overwrite an existing file', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'exists');
      await writeFile(file, 'keep me');
      await expect(sealBuffer(Buffer.from('x'), file, key)).rejects.toMatchObject({ code: 'INTERNAL' });
      expect(await readFile(file, 'utf8')).toBe('keep me');
    }));

  it('has the GCM limit of (2^32 - 2) blocks of 16 bytes', () => {
    expect(GCM_MAX_PLAINTEXT_BYTES).toBe(68_719_476_704);
  });

  it('refuses plaintext over the limit, leaving a header that can never verify', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'big.tmp');
      const chunks = [randomBytes(600), randomBytes(600)];
      const error = await sealToFile(Readable.from(chunks), file, key, { maxPlaintextBytes: 1000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TooLargeError);
      expect((error as Error).message).toContain('1000 bytes');
      const bytes = await readFile(file);
      expect(bytes.subarray(0, ENVELOPE_HEADER_LENGTH).equals(Buffer.alloc(ENVELOPE_HEADER_LENGTH))).toBe(true);
      expect(bytes.length).toBeLessThanOrEqual(ENVELOPE_HEADER_LENGTH + 1000);

      const exact = path.join(dir, 'exact.tmp');
      await expect(sealToFile(Readable.from([randomBytes(1000)]), exact, key, { maxPlaintextBytes: 1000 })).resolves.toMatchObject({
        plaintextBytes: 1000,
      });
    }));

  it('maps an abort to CancelledError', () =>
    withTempDir(async (dir) => {
      const controller = new AbortController();
      async function* slow() {
        yield Buffer.from('a');
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 50));
        yield Buffer.from('b');
      }
      await expect(sealToFile(slow(), path.join(dir, 'c'), key, { signal: controller.signal })).rejects.toBeInstanceOf(
        CancelledError,
      );
    }));

  it('maps ENOSPC to DiskFullError', () =>
    withTempDir(async (dir) => {
      async function* full() {
        yield Buffer.from('a');
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      }
      await expect(sealToFile(full(), path.join(dir, 'd'), key)).rejects.toBeInstanceOf(DiskFullError);
    }));

  it('rejects a key of the wrong length', () =>
    withTempDir(async (dir) => {
      await expect(sealBuffer(Buffer.from('x'), path.join(dir, 'e'), randomBytes(16))).rejects.toMatchObject({
        code: 'KEY_INVALID',
      });
    }));
});
