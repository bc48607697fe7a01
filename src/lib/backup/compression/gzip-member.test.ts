import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipMemberCompressor } from './gzip-member';
import { sizedMemberLength } from './parallel-gunzip';

describe('GzipMemberCompressor', () => {
  it('makes one standard member per block, resetting between them', async () => {
    const compressor = new GzipMemberCompressor({ level: 5, chunkSize: 1024 });
    const blocks = [Buffer.from('row\t1\n'.repeat(5000)), Buffer.alloc(0), randomBytes(10_000), Buffer.from('x')];
    const members: Buffer[] = [];
    for (const block of blocks) members.push(Buffer.concat(await compressor.compress(block)));
    compressor.close();
    members.forEach((member, i) => {
      expect(member.subarray(0, 4)).toEqual(Buffer.from([0x1f, 0x8b, 0x08, 0x04]));
      expect(sizedMemberLength(member)).toBe(member.length);
      expect(zlib.gunzipSync(member).equals(blocks[i]!)).toBe(true);
    });
    expect(zlib.gunzipSync(Buffer.concat(members)).equals(Buffer.concat(blocks))).toBe(true);
  });

  it('makes whole members when zlib cuts its output anywhere, even inside the header', async () => {
    for (const chunkSize of [64, 65, 70, 73, 80]) {
      const compressor = new GzipMemberCompressor({ level: 1, chunkSize });
      for (const block of [randomBytes(300), Buffer.from('abc'), randomBytes(1000)]) {
        const member = Buffer.concat(await compressor.compress(block));
        expect(sizedMemberLength(member), `chunk size ${chunkSize}`).toBe(member.length);
        expect(zlib.gunzipSync(member).equals(block)).toBe(true);
      }
      compressor.close();
    }
  });

  it('returns a large member in several chunks, all of them', async () => {
    const compressor = new GzipMemberCompressor({ level: 1, chunkSize: 4096 });
    const block = randomBytes(100_000);
    const chunks = await compressor.compress(block);
    compressor.close();
    expect(chunks.length).toBeGreaterThan(1);
    expect(zlib.gunzipSync(Buffer.concat(chunks)).equals(block)).toBe(true);
  });

  it('refuses a second block while one is in flight', async () => {
    const compressor = new GzipMemberCompressor({ level: 6, chunkSize: 4096 });
    const first = compressor.compress(randomBytes(50_000));
    await expect(compressor.compress(Buffer.from('x'))).rejects.toMatchObject({ code: 'INTERNAL' });
    await first;
    compressor.close();
  });

  it('rejects a member in flight when closed, and never touches the closed stream', async () => {
    const compressor = new GzipMemberCompressor({ level: 9, chunkSize: 4096 });
    const member = compressor.compress(randomBytes(200_000));
    compressor.close();
    await expect(member).rejects.toMatchObject({ code: 'INTERNAL' });
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
