import { describe, expect, it } from 'vitest';
import { CorruptBackupError, NotABackupError, TruncatedBackupError } from '../errors';
import {
  FRAME_BODY_BOUNDS,
  FRAME_HEADER_LENGTH,
  FrameType,
  MAGIC,
  MAGIC_LENGTH,
  MAX_MANIFEST_BODY,
  MAX_TABLE_DATA_BODY,
} from './constants';
import { encodeFrame, encodeFrameHeader } from './frame-encoder';
import { FrameParser } from './frame-parser';
import { PayloadBuilder } from '../../../../tests/helpers/payload-builder';

const manifestFrame = () => new PayloadBuilder().frame(FrameType.Manifest, Buffer.concat([MAGIC, Buffer.from('{}')])).build();

function parseAll(...chunks: Buffer[]) {
  const parser = new FrameParser();
  const frames = [];
  for (const chunk of chunks) {
    parser.push(chunk);
    for (let f = parser.next(); f; f = parser.next()) frames.push({ type: f.type, body: f.body.toString() });
  }
  parser.finish();
  return frames;
}

describe('frame constants', () => {
  it('match the spec', () => {
    expect(MAGIC.length).toBe(MAGIC_LENGTH);
    expect(MAGIC.toString('ascii')).toBe('ERPBAKUP');
    expect(FRAME_HEADER_LENGTH).toBe(5);
    expect(String.fromCharCode(...Object.values(FrameType))).toBe('MBDETZ');
  });
});

describe('encodeFrame', () => {
  it('writes type, big-endian length and body', () => {
    expect([...encodeFrame(FrameType.TableData, Buffer.from('ab'))]).toEqual([0x44, 0, 0, 0, 2, 0x61, 0x62]);
    expect([...encodeFrame(FrameType.End)]).toEqual([0x5a, 0, 0, 0, 0]);
  });

  it('refuses bodies outside the bounds of their type', () => {
    expect(() => encodeFrameHeader(FrameType.TableData, 0)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => encodeFrameHeader(FrameType.TableData, MAX_TABLE_DATA_BODY + 1)).toThrow();
    expect(() => encodeFrameHeader(FrameType.End, 1)).toThrow();
    expect(() => encodeFrameHeader(FrameType.TableData, MAX_TABLE_DATA_BODY)).not.toThrow();
  });
});

describe('FrameParser', () => {
  it('parses frames cut at every byte', () => {
    const bytes = Buffer.concat([manifestFrame(), encodeFrame(FrameType.TableData, Buffer.from('xyz')), encodeFrame(FrameType.End)]);
    const whole = parseAll(bytes);
    expect(whole.map((f) => f.type)).toEqual([FrameType.Manifest, FrameType.TableData, FrameType.End]);
    for (let i = 0; i <= bytes.length; i++) {
      expect(parseAll(bytes.subarray(0, i), bytes.subarray(i))).toEqual(whole);
    }
    expect(parseAll(...[...bytes].map((b) => Buffer.from([b])))).toEqual(whole);
  });

  it('requires the first frame to be a manifest', () => {
    expect(() => parseAll(encodeFrame(FrameType.End))).toThrow(NotABackupError);
    expect(() => parseAll(Buffer.from('hello world'))).toThrow(NotABackupError);
  });

  it('rejects a first frame whose length is outside the manifest bounds', () => {
    const short = new PayloadBuilder().frame(FrameType.Manifest, 'ERPBAKUP').build();
    expect(() => parseAll(short)).toThrow(NotABackupError);
    const parser = new FrameParser();
    parser.push(encodeHeader(FrameType.Manifest, MAX_MANIFEST_BODY + 1));
    expect(() => parser.next()).toThrow(NotABackupError);
  });

  it('rejects an unknown type byte', () => {
    const bytes = Buffer.concat([manifestFrame(), new PayloadBuilder().frame(0x58, 'x').build()]);
    expect(() => parseAll(bytes)).toThrow(CorruptBackupError);
    expect(() => parseAll(bytes)).toThrow(/unknown frame type 'X'/);
  });

  it.each([
    ['TABLE_DATA of 0xffffffff', FrameType.TableData, 0xffffffff],
    ['TABLE_DATA of max+1', FrameType.TableData, MAX_TABLE_DATA_BODY + 1],
    ['empty TABLE_DATA', FrameType.TableData, 0],
    ['END with a body', FrameType.End, 1],
    ['TABLE_BEGIN over its bound', FrameType.TableBegin, FRAME_BODY_BOUNDS[FrameType.TableBegin].max + 1],
    ['TRAILER of one byte', FrameType.Trailer, 1],
  ])('rejects %s from the header alone, before the body arrives', (_name, type, length) => {
    const parser = new FrameParser();
    parser.push(manifestFrame());
    expect(parser.next()?.type).toBe(FrameType.Manifest);
    parser.push(encodeHeader(type, length));
    expect(() => parser.next()).toThrow(CorruptBackupError);
  });

  it('reports input ending inside a header or a body as truncated', () => {
    const bytes = Buffer.concat([manifestFrame(), encodeFrame(FrameType.TableData, Buffer.from('xyz'))]);
    for (let cut = 1; cut < bytes.length; cut++) {
      if (cut === manifestFrame().length) continue;
      expect(() => parseAll(bytes.subarray(0, cut)), `cut at ${cut}`).toThrow(TruncatedBackupError);
    }
  });

  it('waits without throwing while a frame is incomplete', () => {
    const parser = new FrameParser();
    const bytes = manifestFrame();
    parser.push(bytes.subarray(0, 7));
    expect(parser.next()).toBeUndefined();
    expect(parser.buffered).toBe(7);
    parser.push(bytes.subarray(7));
    expect(parser.next()?.body.subarray(0, MAGIC_LENGTH).toString()).toBe('ERPBAKUP');
    expect(parser.buffered).toBe(0);
  });
});

function encodeHeader(type: number, length: number): Buffer {
  const header = Buffer.alloc(FRAME_HEADER_LENGTH);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(length, 1);
  return header;
}
