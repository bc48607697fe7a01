/**
 * The gzip member header this writer puts first (FORMAT.md §5.1), shared by both deflate
 * backends: each compresses a member with a plain 10-byte header and has it replaced by this
 * one, which changes nothing the trailer covers.
 */
import {
  GZIP_FLAG_FEXTRA,
  GZIP_HEADER_LENGTH,
  GZIP_MAGIC,
  GZIP_OS_UNIX,
  GZIP_SIZE_SUBFIELD_DATA_LENGTH,
  GZIP_SIZE_SUBFIELD_ID,
  GZIP_SIZED_HEADER_LENGTH,
  GZIP_SIZED_XLEN,
} from '../format/constants';

/** Writes the sized header for a member of `memberSize` bytes into the first GZIP_SIZED_HEADER_LENGTH bytes of `target`. */
export function writeSizedHeader(target: Buffer, memberSize: number): void {
  target.fill(0, 0, GZIP_SIZED_HEADER_LENGTH);
  GZIP_MAGIC.copy(target, 0);
  target[3] = GZIP_FLAG_FEXTRA;
  // MTIME (4–7) and XFL (8) stay 0: no time recorded, no claim about the level.
  target[9] = GZIP_OS_UNIX;
  target.writeUInt16LE(GZIP_SIZED_XLEN, GZIP_HEADER_LENGTH);
  GZIP_SIZE_SUBFIELD_ID.copy(target, GZIP_HEADER_LENGTH + 2);
  target.writeUInt16LE(GZIP_SIZE_SUBFIELD_DATA_LENGTH, GZIP_HEADER_LENGTH + 4);
  target.writeUInt32LE(memberSize, GZIP_HEADER_LENGTH + 6);
}

/** True if `header` starts with a plain gzip header: the magic and no optional fields (FLG 0). */
export function isPlainHeader(header: Buffer): boolean {
  return header.length >= GZIP_HEADER_LENGTH && header.subarray(0, GZIP_MAGIC.length).equals(GZIP_MAGIC) && header[3] === 0;
}

/** The contract of a member compressor (gzip-member.ts, libdeflate-member.ts). */
export interface MemberCompressor {
  /**
   * Resolves with one complete sized member for `block`, as chunks in order. The caller MUST NOT
   * change `block` before it resolves, nor call `compress` again before that.
   */
  compress(block: Buffer): Promise<Buffer[]>;
  /** Stops; a member in flight rejects. */
  close(): void;
}
