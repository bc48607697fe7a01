import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../errors';
import { deflateBackend } from './deflate-backend';
import { createParallelGunzip } from './parallel-gunzip';
import { createParallelGzip, defaultGzipConcurrency } from './parallel-gzip';
import { gunzipCommand } from '../../../../tests/helpers/gunzip-command';

// Both member compressors are wrapped: they fail for blocks starting with FAIL_MARKER, and are
// slow for blocks starting with 0xaa, so that later blocks finish first. They check that no
// block is handed to them twice at once, and that a block is not changed while it is compressed.
const { FAIL_MARKER, slowOrFailing } = vi.hoisted(() => {
  const marker = Buffer.from('FAIL-THIS-BLOCK');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base constructor
  function wrap<T extends new (...args: any[]) => { compress(block: Buffer): Promise<Buffer[]> }>(Base: T): T {
    return class SlowOrFailingCompressor extends Base {
      override async compress(block: Buffer): Promise<Buffer[]> {
        const before = Buffer.from(block);
        if (block.subarray(0, marker.length).equals(marker)) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          throw new Error('compression failed');
        }
        const member = await super.compress(block);
        if (block[0] === 0xaa) await new Promise((resolve) => setTimeout(resolve, 30));
        if (!block.equals(before)) throw new Error('the block changed while it was being compressed');
        return member;
      }
    };
  }
  return { FAIL_MARKER: marker, slowOrFailing: wrap };
});
vi.mock('./gzip-member', async (importOriginal) => {
  const real = await importOriginal<typeof import('./gzip-member')>();
  return { ...real, GzipMemberCompressor: slowOrFailing(real.GzipMemberCompressor) };
});
vi.mock('./libdeflate-member', async (importOriginal) => {
  const real = await importOriginal<typeof import('./libdeflate-member')>();
  return { ...real, LibdeflateMemberCompressor: slowOrFailing(real.LibdeflateMemberCompressor) };
});

const BLOCK = 64 * 1024;

/** Writes `input` in uneven chunks through the gzip stream and returns all output. */
async function compress(input: Buffer, options: Parameters<typeof createParallelGzip>[0]) {
  const chunks: Buffer[] = [];
  for (let i = 0, n = 1; i < input.length; i += n, n = (n * 7 + 3) % 20_011) chunks.push(input.subarray(i, i + n));
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    createParallelGzip(options),
    new Writable({
      write(chunk: Buffer, _e, cb) {
        out.push(chunk);
        cb();
      },
    }),
  );
  return Buffer.concat(out);
}

async function gunzipStream(gz: Buffer): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from([gz]), zlib.createGunzip(), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) out.push(chunk);
  });
  return Buffer.concat(out);
}

function members(gz: Buffer): number {
  let count = 0;
  for (let i = gz.indexOf(Buffer.from([0x1f, 0x8b, 0x08])); i !== -1; i = gz.indexOf(Buffer.from([0x1f, 0x8b, 0x08]), i + 1)) {
    count += 1;
  }
  return count;
}

describe.each(['libdeflate', 'zlib'] as const)('createParallelGzip with %s', (deflate) => {
  it('uses that backend', () => {
    expect(deflateBackend(deflate).name).toBe(deflate);
  });

  it.each([
    ['empty', 0],
    ['1 byte', 1],
    ['blockSize - 1', BLOCK - 1],
    ['blockSize', BLOCK],
    ['blockSize + 1', BLOCK + 1],
    ['5.5 blocks', 5.5 * BLOCK],
  ])('round-trips %s of random data', async (_name, size) => {
    const input = randomBytes(size);
    const gz = await compress(input, { blockSize: BLOCK, deflate });
    expect((await gunzipStream(gz)).equals(input)).toBe(true);
    expect(zlib.gunzipSync(gz).equals(input)).toBe(true);
  });

  it('makes one member per block, and one empty member for empty input', async () => {
    expect(members(await compress(Buffer.alloc(0), { blockSize: BLOCK, deflate }))).toBe(1);
    expect(zlib.gunzipSync(await compress(Buffer.alloc(0), { blockSize: BLOCK, deflate }))).toHaveLength(0);
    const text = Buffer.from('abc\n'.repeat((3 * BLOCK) / 4));
    expect(members(await compress(text, { blockSize: BLOCK, deflate }))).toBe(3);
  });

  it('is read back by the parallel gunzip, member by member', async () => {
    const input = Buffer.concat([Buffer.from('1\tpupil\t\\N\n'.repeat(20_000)), randomBytes(3 * BLOCK)]);
    const gz = await compress(input, { blockSize: BLOCK, deflate, level: 9 });
    const out: Buffer[] = [];
    await pipeline(Readable.from([gz]), createParallelGunzip({ concurrency: 3 }), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) out.push(chunk);
    });
    expect(Buffer.concat(out).equals(input)).toBe(true);
  });

  it('keeps the order when later blocks finish first', async () => {
    const blocks = [Buffer.alloc(BLOCK, 0xaa), Buffer.alloc(BLOCK, 0x01), Buffer.alloc(BLOCK, 0x02), Buffer.alloc(10, 0x03)];
    const input = Buffer.concat(blocks);
    const gz = await compress(input, { blockSize: BLOCK, concurrency: 4, deflate });
    expect(zlib.gunzipSync(gz).equals(input)).toBe(true);
  });

  it('produces text the gunzip command reads', async () => {
    const input = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `${i}\tpupil ${i}\t\\N\n`).join(''));
    const gz = await compress(input, { blockSize: BLOCK, deflate });
    expect((await gunzipCommand(gz)).equals(input)).toBe(true);
  });

  it('holds back input while `concurrency` blocks are in flight', async () => {
    const gzip = createParallelGzip({ blockSize: 1024, concurrency: 2, deflate });
    let accepted = 0;
    const block = Buffer.alloc(1024, 0xaa); // slow blocks
    for (let i = 0; i < 10; i++) {
      if (!gzip.write(block, () => (accepted += 1))) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(accepted).toBeLessThanOrEqual(3);
    gzip.destroy();
  });

  it('stops accepting input while nobody reads its output', async () => {
    const gzip = createParallelGzip({ blockSize: 1024, concurrency: 2, deflate });
    let written = 0;
    const writeMore = () => {
      while (written < 10_000 && gzip.write(randomBytes(1024))) written += 1;
    };
    writeMore();
    gzip.on('drain', writeMore);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(written).toBeLessThan(200);
    gzip.destroy();
  });

  it('emits exactly one error and no end when a block fails', async () => {
    const gzip = createParallelGzip({ blockSize: 1024, concurrency: 3, deflate });
    const events: string[] = [];
    gzip.on('error', (e) => events.push(`error:${e.message}`));
    gzip.on('end', () => events.push('end'));
    gzip.resume();
    gzip.write(Buffer.alloc(1024, 1));
    gzip.write(Buffer.concat([FAIL_MARKER, Buffer.alloc(1024 - FAIL_MARKER.length)]));
    gzip.write(Buffer.alloc(1024, 2));
    gzip.write(Buffer.concat([FAIL_MARKER, Buffer.alloc(1024 - FAIL_MARKER.length)]));
    gzip.end(Buffer.alloc(1024, 3));
    await new Promise((resolve) => gzip.once('close', resolve));
    expect(events).toEqual(['error:compression failed']);
  });

  it('makes pipeline reject with the error', async () => {
    const input = Buffer.concat([Buffer.alloc(BLOCK, 1), FAIL_MARKER, Buffer.alloc(BLOCK)]);
    await expect(compress(input, { blockSize: BLOCK, deflate })).rejects.toThrow('compression failed');
  });

  it('validates its options', () => {
    expect(() => createParallelGzip({ level: 10, deflate })).toThrow(ConfigError);
    expect(() => createParallelGzip({ blockSize: 0 })).toThrow(ConfigError);
    expect(() => createParallelGzip({ concurrency: 1.5 })).toThrow(ConfigError);
    expect(defaultGzipConcurrency()).toBeGreaterThanOrEqual(1);
  });
});
