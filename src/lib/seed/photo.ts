/**
 * Small, deterministic PNG-like blobs for Student.photo: a real PNG signature and chunk layout
 * (IHDR, IDAT, IEND) around pseudo-random bytes, 200-2000 bytes long, always containing 0x00 and
 * 0x5C (backslash) bytes so that bytea escaping is exercised. They are not decodable images.
 */
import type { Random } from './random';

export const PHOTO_MIN_BYTES = 200;
export const PHOTO_MAX_BYTES = 2000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHUNK_LENGTH_BYTES = 4;
const CHUNK_TYPE_BYTES = 4;
const CHUNK_CRC_BYTES = 4;
const CHUNK_OVERHEAD = CHUNK_LENGTH_BYTES + CHUNK_TYPE_BYTES + CHUNK_CRC_BYTES;
const IHDR_DATA_BYTES = 13;
const BACKSLASH = 0x5c;

function writeChunk(out: Buffer, offset: number, type: string, data: Buffer, random: Random): number {
  out.writeUInt32BE(data.length, offset);
  out.write(type, offset + CHUNK_LENGTH_BYTES, 'latin1');
  data.copy(out, offset + CHUNK_LENGTH_BYTES + CHUNK_TYPE_BYTES);
  out.writeUInt32BE(random.uint32(), offset + CHUNK_LENGTH_BYTES + CHUNK_TYPE_BYTES + data.length);
  return offset + CHUNK_OVERHEAD + data.length;
}

export function photoBytes(random: Random): Buffer {
  const total = random.int(PHOTO_MIN_BYTES, PHOTO_MAX_BYTES);
  const idatLength = total - PNG_SIGNATURE.length - 3 * CHUNK_OVERHEAD - IHDR_DATA_BYTES;
  const header = Buffer.alloc(IHDR_DATA_BYTES);
  header.writeUInt32BE(random.int(32, 256), 0); // width
  header.writeUInt32BE(random.int(32, 256), 4); // height
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  const pixels = random.bytes(idatLength);
  const half = idatLength >> 1;
  pixels[random.int(0, half - 1)] = BACKSLASH;
  pixels[random.int(half, idatLength - 1)] = 0x00;
  const out = Buffer.alloc(total);
  out.set(PNG_SIGNATURE, 0);
  let offset = writeChunk(out, PNG_SIGNATURE.length, 'IHDR', header, random);
  offset = writeChunk(out, offset, 'IDAT', pixels, random);
  writeChunk(out, offset, 'IEND', Buffer.alloc(0), random);
  return out;
}
