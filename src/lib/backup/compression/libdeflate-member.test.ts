import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipMemberCompressor } from './gzip-member';
import { loadLibdeflate, type Libdeflate } from './libdeflate';
import { LibdeflateMemberCompressor } from './libdeflate-member';
import { sizedMemberLength } from './parallel-gunzip';
import { gunzipCommand } from '../../../../tests/helpers/gunzip-command';

function systemLibdeflate(): Libdeflate {
  const load = loadLibdeflate();
  if (!load.ok) throw new Error(`these tests need the system libdeflate (apt-get install libdeflate0): ${load.reason}`);
  return load.libdeflate;
}

const MAX_BLOCK = 256 * 1024;
const text = Buffer.from(Array.from({ length: 8000 }, (_, i) => `${i}\tpupil ${i % 97}\t2026-12-0${i % 9}\t\\N\n`).join(''));

describe('LibdeflateMemberCompressor', () => {
  const libdeflate = systemLibdeflate();

  it('makes one standard sized member per block, which zlib and the gunzip command read back exactly', async () => {
    const compressor = new LibdeflateMemberCompressor(libdeflate, { level: 5, maxBlockSize: MAX_BLOCK });
    // text, empty, incompressible (random, the largest block allowed), one byte, and a view inside a larger buffer
    const blocks = [text.subarray(0, MAX_BLOCK), Buffer.alloc(0), randomBytes(MAX_BLOCK), Buffer.from('x'), Buffer.concat([randomBytes(7), text]).subarray(7, 5007)];
    const members: Buffer[] = [];
    for (const block of blocks) {
      const chunks = await compressor.compress(block);
      expect(chunks).toHaveLength(1);
      members.push(chunks[0]!);
    }
    compressor.close();
    members.forEach((member, i) => {
      expect(sizedMemberLength(member)).toBe(member.length);
      expect(zlib.gunzipSync(member).equals(blocks[i]!)).toBe(true);
    });
    expect(members[0]!.length).toBeLessThan(blocks[0]!.length / 3);
    expect(members[2]!.length).toBeGreaterThan(MAX_BLOCK); // stored, not refused
    expect((await gunzipCommand(Buffer.concat(members))).equals(Buffer.concat(blocks))).toBe(true);
  });

  it('writes the same sized header as the zlib compressor, byte for byte', async () => {
    const block = text.subarray(0, 50_000);
    const ours = new LibdeflateMemberCompressor(libdeflate, { level: 5, maxBlockSize: MAX_BLOCK });
    const zlibs = new GzipMemberCompressor({ level: 5, chunkSize: 64 * 1024 });
    const [member] = await ours.compress(block);
    const zlibMember = Buffer.concat(await zlibs.compress(block));
    ours.close();
    zlibs.close();
    // Everything but the size (bytes 16–19) is fixed: magic, FLG = FEXTRA, MTIME 0, XFL 0, OS 3, XLEN 8, 'EB', LEN 4.
    expect(member!.subarray(0, 16)).toEqual(Buffer.from([0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 3, 8, 0, 0x45, 0x42, 4, 0]));
    expect(member!.subarray(0, 16)).toEqual(zlibMember.subarray(0, 16));
    expect(member!.readUInt32LE(16)).toBe(member!.length);
    // Same CRC32 and ISIZE trailer as zlib's member of the same block.
    expect(member!.subarray(-8)).toEqual(zlibMember.subarray(-8));
  });

  it('reads every level 0–9 back', async () => {
    for (let level = 0; level <= 9; level++) {
      const compressor = new LibdeflateMemberCompressor(libdeflate, { level, maxBlockSize: MAX_BLOCK });
      const [member] = await compressor.compress(text.subarray(0, 100_000));
      compressor.close();
      expect(zlib.gunzipSync(member!).equals(text.subarray(0, 100_000)), `level ${level}`).toBe(true);
    }
  });

  it('hands out members that later blocks do not overwrite', async () => {
    const compressor = new LibdeflateMemberCompressor(libdeflate, { level: 1, maxBlockSize: MAX_BLOCK });
    const first = randomBytes(10_000);
    const [firstMember] = await compressor.compress(first);
    await compressor.compress(randomBytes(20_000));
    compressor.close();
    expect(zlib.gunzipSync(firstMember!).equals(first)).toBe(true);
  });

  it('refuses a block over its size, and a second block while one is in flight', async () => {
    const compressor = new LibdeflateMemberCompressor(libdeflate, { level: 6, maxBlockSize: 1000 });
    await expect(compressor.compress(Buffer.alloc(1001))).rejects.toMatchObject({ code: 'INTERNAL' });
    const first = compressor.compress(Buffer.alloc(1000, 1));
    await expect(compressor.compress(Buffer.from('x'))).rejects.toMatchObject({ code: 'INTERNAL' });
    await first;
    compressor.close();
  });

  it('rejects a member in flight when closed, frees the state after the native call, and refuses later blocks', async () => {
    const compressor = new LibdeflateMemberCompressor(libdeflate, { level: 9, maxBlockSize: MAX_BLOCK });
    const member = compressor.compress(text.subarray(0, MAX_BLOCK));
    compressor.close();
    compressor.close();
    await expect(member).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(compressor.compress(Buffer.from('x'))).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses a level libdeflate does not have', () => {
    expect(() => new LibdeflateMemberCompressor(libdeflate, { level: 13, maxBlockSize: 10 })).toThrow(/level 13/);
  });
});
