import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CorruptBackupError, NotABackupError, TruncatedBackupError, WrongKeyError } from '../errors';
import { createKeyring, keyFingerprint } from './keys';
import { unseal, type UnsealOptions } from './unseal';
import { readAll } from '../../../../tests/helpers/read-all';
import { sampleGzip, sealBuffer, withTempDir } from '../../../../tests/helpers/sealed-files';

const HEX_OLD = randomBytes(32).toString('hex');
const HEX_NEW = randomBytes(32).toString('hex');
const OLD_KEY = Buffer.from(HEX_OLD, 'hex');
const FP_OLD = keyFingerprint(OLD_KEY);

/** Opens and reads to the end; returns the plaintext or the error, whichever step it came from. */
async function openAndRead(bytes: Buffer, opts: UnsealOptions = {}, keyring = createKeyring(HEX_NEW, HEX_OLD)) {
  try {
    const opened = await unseal(Readable.from([bytes]), keyring, opts);
    return { fingerprint: opened.fingerprint, plaintext: await readAll(opened.plaintext) };
  } catch (error) {
    return { error };
  }
}

async function sealed(plaintext: Buffer, key = OLD_KEY): Promise<Buffer> {
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'b');
    await sealBuffer(plaintext, file, key);
    return readFile(file);
  });
}

describe('unseal', () => {
  const gzip = sampleGzip();

  it('round-trips a file, streamed from disk in small chunks', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'b');
      await sealBuffer(gzip, file, OLD_KEY);
      const opened = await unseal(createReadStream(file, { highWaterMark: 7 }), createKeyring(HEX_OLD));
      expect(opened.fingerprint).toBe(FP_OLD);
      expect((await readAll(opened.plaintext)).equals(gzip)).toBe(true);
    }));

  it('opens an old file with a previous key, with or without the expected fingerprint', async () => {
    const bytes = await sealed(gzip);
    for (const opts of [{}, { expectedFingerprint: FP_OLD }]) {
      const result = await openAndRead(bytes, opts);
      expect(result.fingerprint).toBe(FP_OLD);
      expect(gunzipSync(result.plaintext!).length).toBe(100_000);
    }
  });

  it('reports a file no configured key opens as WrongKeyError', async () => {
    const bytes = await sealed(gzip);
    const without = await openAndRead(bytes, {}, createKeyring(HEX_NEW));
    expect(without.error).toBeInstanceOf(WrongKeyError);
    expect((without.error as WrongKeyError).fingerprint).toBeUndefined();
    const withFp = await openAndRead(bytes, { expectedFingerprint: FP_OLD }, createKeyring(HEX_NEW));
    expect(withFp.error).toBeInstanceOf(WrongKeyError);
    expect((withFp.error as WrongKeyError).fingerprint).toBe(FP_OLD);
    expect((withFp.error as Error).message).toContain(FP_OLD);
  });

  describe('detects a flipped bit', () => {
    // Without an expected fingerprint, damage to the IV or the first bytes is
    // indistinguishable from a missing key (FORMAT.md §4.5).
    it.each([
      ['IV byte 0', 0, WrongKeyError],
      ['tag byte 20', 20, CorruptBackupError],
      ['the first ciphertext byte', 32, WrongKeyError],
      ['the third ciphertext byte', 34, WrongKeyError],
      ['the fourth ciphertext byte', 35, CorruptBackupError],
      ['a middle byte', -50_000, CorruptBackupError],
      ['the last byte', -1, CorruptBackupError],
    ])('at %s', async (_name, position, withoutFingerprint) => {
      const bytes = Buffer.from(await sealed(gzip));
      const at = position < 0 ? bytes.length + position : position;
      bytes[at] = bytes[at]! ^ 0x01;
      expect((await openAndRead(bytes)).error).toBeInstanceOf(withoutFingerprint);
      expect((await openAndRead(bytes, { expectedFingerprint: FP_OLD })).error).toBeInstanceOf(CorruptBackupError);
    });
  });

  describe('detects truncation', () => {
    it.each([
      [0, NotABackupError],
      [1, TruncatedBackupError],
      [15, TruncatedBackupError],
      [16, TruncatedBackupError],
      [31, TruncatedBackupError],
      [32, TruncatedBackupError],
      [34, TruncatedBackupError],
      [35, CorruptBackupError],
      [5_000, CorruptBackupError],
      [-16, CorruptBackupError],
      [-1, CorruptBackupError],
    ])('to %i bytes', async (length, expected) => {
      const bytes = await sealed(gzip);
      const cut = bytes.subarray(0, length < 0 ? bytes.length + length : length);
      expect((await openAndRead(cut)).error).toBeInstanceOf(expected);
      expect((await openAndRead(cut, { expectedFingerprint: FP_OLD })).error).toBeInstanceOf(expected);
    });
  });

  it('reports a file that is only a header as truncated, even with a valid tag', async () => {
    const bytes = await sealed(Buffer.alloc(0));
    expect(bytes).toHaveLength(32);
    expect((await openAndRead(bytes)).error).toBeInstanceOf(TruncatedBackupError);
  });

  it('treats an envelope whose content is not gzip as wrong key, or corrupt when the key is known', async () => {
    const bytes = await sealed(Buffer.from('plain text, not compressed'));
    expect((await openAndRead(bytes)).error).toBeInstanceOf(WrongKeyError);
    expect((await openAndRead(bytes, { expectedFingerprint: FP_OLD })).error).toBeInstanceOf(CorruptBackupError);
  });

  it('rejects an unfinished file (header still zero)', async () => {
    const bytes = await sealed(gzip);
    bytes.fill(0, 0, 32);
    expect((await openAndRead(bytes)).error).toBeInstanceOf(WrongKeyError);
    expect((await openAndRead(bytes, { expectedFingerprint: FP_OLD })).error).toBeInstanceOf(CorruptBackupError);
  });

  it('emits exactly one error and no end when the tag does not match, after all the data', async () => {
    const bytes = Buffer.from(await sealed(gzip));
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x80;
    const { plaintext } = await unseal(Readable.from([bytes]), createKeyring(HEX_OLD));
    const events: string[] = [];
    let received = 0;
    plaintext.on('data', (chunk: Buffer) => (received += chunk.length));
    plaintext.on('end', () => events.push('end'));
    plaintext.on('error', (e) => events.push(e.constructor.name));
    await new Promise((resolve) => plaintext.once('close', resolve));
    expect(events).toEqual(['CorruptBackupError']);
    expect(received).toBe(gzip.length);
  });

  it('destroys the source when it throws, and when the plaintext is destroyed', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'b');
      await writeFile(file, await sealed(gzip));
      const refused = createReadStream(file, { highWaterMark: 64 });
      await expect(unseal(refused, createKeyring(HEX_NEW))).rejects.toBeInstanceOf(WrongKeyError);
      expect(refused.destroyed).toBe(true);

      const source = createReadStream(file, { highWaterMark: 64 });
      const { plaintext } = await unseal(source, createKeyring(HEX_OLD));
      plaintext.destroy();
      await new Promise((resolve) => plaintext.once('close', resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(source.destroyed).toBe(true);
    }));
});
