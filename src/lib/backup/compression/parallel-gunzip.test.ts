import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CorruptBackupError } from '../errors';
import { createParallelGzip } from './parallel-gzip';
import { createParallelGunzip, sizedMemberLength } from './parallel-gunzip';

const BLOCK = 16 * 1024;

async function run(stream: NodeJS.ReadWriteStream, input: Buffer, cutEvery = 7_001): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < input.length; i += cutEvery) chunks.push(input.subarray(i, i + cutEvery));
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    stream,
    new Writable({
      write(chunk: Buffer, _e, cb) {
        out.push(chunk);
        cb();
      },
    }),
  );
  return Buffer.concat(out);
}

const text = (rows: number) => Buffer.from(Array.from({ length: rows }, (_, i) => `${i}\tpupil ${i}\t\\N\n`).join(''));

describe('createParallelGunzip', () => {
  it.each([1, 2, 4])('reads what the parallel gzip writes, cut anywhere (concurrency %i)', async (concurrency) => {
    const input = Buffer.concat([text(5000), randomBytes(3 * BLOCK), text(100)]);
    const gz = await run(createParallelGzip({ blockSize: BLOCK }), input);
    for (const cut of [1, 19, 20, 21, 4096, gz.length]) {
      expect((await run(createParallelGunzip({ concurrency }), gz, cut)).equals(input), `cut ${cut}`).toBe(true);
    }
  });

  it('reads members without the size subfield (another writer, older files), also after sized ones', async () => {
    const input = text(20_000);
    const plain = zlib.gzipSync(input);
    expect((await run(createParallelGunzip(), plain)).equals(input)).toBe(true);
    const sized = await run(createParallelGzip({ blockSize: BLOCK }), input);
    const mixed = Buffer.concat([sized, plain, sized]);
    expect((await run(createParallelGunzip(), mixed)).equals(Buffer.concat([input, input, input]))).toBe(true);
  });

  it('fails on a wrong recorded length, a damaged member, garbage after the last member, and a cut-off member', async () => {
    const gz = await run(createParallelGzip({ blockSize: BLOCK }), text(5000));
    const firstLength = sizedMemberLength(gz)!;
    const longer = Buffer.from(gz);
    longer.writeUInt32LE(firstLength + 1, 16);
    const damaged = Buffer.from(gz);
    damaged[firstLength - 12] = damaged[firstLength - 12]! ^ 0xff; // inside the deflate data of the first member
    const cases = [longer, damaged, Buffer.concat([gz, Buffer.from('junk')]), Buffer.concat([gz, randomBytes(40)]), gz.subarray(0, gz.length - 3)];
    for (const bad of cases) await expect(run(createParallelGunzip(), bad)).rejects.toThrow();
  });

  it('refuses an impossible recorded length before reading the member', () => {
    const header = zlib.gzipSync(Buffer.alloc(0));
    expect(sizedMemberLength(header)).toBeUndefined();
    const sized = Buffer.alloc(20);
    Buffer.from([0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 3, 8, 0, 0x45, 0x42, 4, 0]).copy(sized);
    sized.writeUInt32LE(0xffff_ffff, 16);
    expect(() => sizedMemberLength(sized)).toThrow(CorruptBackupError);
  });
});
