/**
 * The whole file format, through every layer: payload writer → parallel
 * gzip → seal → file → open → gunzip → payload reader.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createParallelGzip } from '../compression/parallel-gzip';
import { createKeyring, keyFingerprint } from '../crypto/keys';
import { unseal } from '../crypto/unseal';
import { sealToFile } from '../crypto/seal';
import { withTempDir } from '../../../../tests/helpers/sealed-files';
import { CorruptBackupError } from '../errors';
import { decodePayload, type PayloadEvent } from './payload-reader';
import { createPayloadStream, type PayloadInput } from './payload-writer';
import { sampleManifest } from '../../../../tests/helpers/payload-builder';

const KEY_HEX = randomBytes(32).toString('hex');
const key = Buffer.from(KEY_HEX, 'hex');

const students = Buffer.from(Array.from({ length: 60_000 }, (_, i) => `${i}\tPupil ${i}\t2010-01-0${i % 9}\t\\N\n`).join(''));

async function* dump(): AsyncGenerator<PayloadInput> {
  yield { type: 'manifest', manifest: { ...sampleManifest(['public.school', 'public.student']), keyFingerprint: keyFingerprint(key) } };
  yield { type: 'tableBegin', table: 'public.school' };
  yield { type: 'tableData', table: 'public.school', chunk: Buffer.from('1\tNorth\n') };
  yield { type: 'tableEnd', table: 'public.school' };
  yield { type: 'tableBegin', table: 'public.student' };
  for (let i = 0; i < students.length; i += 8192) {
    yield { type: 'tableData', table: 'public.student', chunk: students.subarray(i, i + 8192) };
  }
  yield { type: 'tableEnd', table: 'public.student' };
}

async function writeBackup(file: string) {
  const gzip = createParallelGzip({ blockSize: 256 * 1024 });
  const payload = createPayloadStream(dump());
  const [sealed] = await Promise.all([sealToFile(gzip, file, key), pipeline(payload, gzip)]);
  return sealed;
}

async function readBackup(file: string): Promise<PayloadEvent[]> {
  const { plaintext } = await unseal(createReadStream(file), createKeyring(KEY_HEX));
  const gunzip = createGunzip();
  plaintext.on('error', (error) => gunzip.destroy(error));
  const events: PayloadEvent[] = [];
  for await (const event of decodePayload(plaintext.pipe(gunzip))) events.push(event);
  return events;
}

describe('a backup file end to end', () => {
  it('round-trips', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'backup.erpbak');
      const sealed = await writeBackup(file);
      expect(sealed.size).toBeLessThan(students.length / 2);

      const events = await readBackup(file);
      const data = Buffer.concat(events.flatMap((e) => (e.type === 'tableData' && e.table === 'public.student' ? [e.chunk] : [])));
      expect(data.equals(students)).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: 'trailer', trailer: { totalRows: 60_001 } });
    }));

  it('fails a tampered file before the reader finishes', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'backup.erpbak');
      await writeBackup(file);
      const bytes = await readFile(file);
      bytes[Math.floor(bytes.length / 2)]! ^= 0x04;
      await writeFile(file, bytes);
      const error = await readBackup(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error instanceof CorruptBackupError || (error as { code?: string }).code?.startsWith('Z_')).toBe(true);
    }));

  it('keeps the plaintext stream unusable until the tag is checked', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'backup.erpbak');
      await writeBackup(file);
      const bytes = await readFile(file);
      bytes[bytes.length - 1]! ^= 0x01;
      const { plaintext } = await unseal(Readable.from([bytes]), createKeyring(KEY_HEX));
      await expect(pipeline(plaintext, createGunzip(), async (s: AsyncIterable<Buffer>) => {
        for await (const _ of s);
      })).rejects.toBeInstanceOf(CorruptBackupError);
    }));
});
