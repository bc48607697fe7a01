/**
 * Every width, limit and fixed value of the backup file format, named as in
 * docs/FORMAT.md. Change a value here only together with the spec and, where
 * the spec says so, a new FORMAT_VERSION.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

// Envelope (FORMAT.md §3, §4)
export const KEY_LENGTH = 32;
export const KEY_HEX_LENGTH = KEY_LENGTH * 2;
export const IV_LENGTH = 16;
export const AUTH_TAG_LENGTH = 16;
export const IV_OFFSET = 0;
export const AUTH_TAG_OFFSET = IV_OFFSET + IV_LENGTH;
export const ENVELOPE_HEADER_LENGTH = IV_LENGTH + AUTH_TAG_LENGTH;
export const CIPHER_ALGORITHM = 'aes-256-gcm';
export const AES_BLOCK_LENGTH = 16;
/** (2^32 − 2) blocks of 16 bytes: the most one GCM invocation may encrypt. */
export const GCM_MAX_PLAINTEXT_BYTES = (2 ** 32 - 2) * AES_BLOCK_LENGTH;

// Key fingerprint (FORMAT.md §4.3)
export const FINGERPRINT_CONTEXT = 'erp-backup/key-fingerprint/v1';
export const FINGERPRINT_LENGTH = 8;
export const FINGERPRINT_HEX_LENGTH = FINGERPRINT_LENGTH * 2;

// Compression (FORMAT.md §5)
/** ID1, ID2 and CM (deflate) of every gzip member: the key-identification probe. */
export const GZIP_MAGIC: Readonly<Buffer> = Buffer.from([0x1f, 0x8b, 0x08]);
export const GZIP_BLOCK_SIZE = 1 * MiB;
/** Fixed gzip member header (RFC 1952 §2.3): ID1 ID2 CM FLG MTIME(4) XFL OS. */
export const GZIP_HEADER_LENGTH = 10;
/** CRC32(4) and ISIZE(4), little-endian, after the deflate data. */
export const GZIP_TRAILER_LENGTH = 8;
export const GZIP_FLAG_FEXTRA = 0x04;
/** OS byte of the members the writer makes: 3, Unix, as zlib writes it there. */
export const GZIP_OS_UNIX = 3;
/** The member-size subfield of FEXTRA (FORMAT.md §5.1): SI1 SI2 = 'E' 'B', 4 data bytes. */
export const GZIP_SIZE_SUBFIELD_ID: Readonly<Buffer> = Buffer.from('EB', 'ascii');
export const GZIP_SIZE_SUBFIELD_DATA_LENGTH = 4;
/** XLEN of a sized member: the subfield's SI1 SI2 LEN(2) and its data. */
export const GZIP_SIZED_XLEN = 4 + GZIP_SIZE_SUBFIELD_DATA_LENGTH;
/** Header of a sized member: the fixed part, XLEN(2), and the subfield. */
export const GZIP_SIZED_HEADER_LENGTH = GZIP_HEADER_LENGTH + 2 + GZIP_SIZED_XLEN;
/** Largest member size a reader accepts from the subfield: a 64 MiB block stored uncompressed, and more. */
export const MAX_GZIP_SIZED_MEMBER = 65 * MiB;
/** Level 5 (with memLevel 9): within 0.1 % of level 6 in size, for about a fifth less CPU (docs/decisions/012-performance.md). */
export const GZIP_DEFAULT_LEVEL = 5;
/** Which deflate implementation writes the members (BACKUP_DEFLATE; compression/deflate-backend.ts): same format either way. */
export const DEFLATE_CHOICES = ['auto', 'libdeflate', 'zlib'] as const;
export type DeflateChoice = (typeof DEFLATE_CHOICES)[number];
export const DEFAULT_DEFLATE: DeflateChoice = 'auto';

// Frames (FORMAT.md §6.1)
export const FRAME_TYPE_LENGTH = 1;
export const FRAME_LENGTH_LENGTH = 4;
export const FRAME_HEADER_LENGTH = FRAME_TYPE_LENGTH + FRAME_LENGTH_LENGTH;

/** Frame type bytes (FORMAT.md §6.2): one ASCII letter each. */
export const FrameType = {
  Manifest: 0x4d, // 'M'
  TableBegin: 0x42, // 'B'
  TableData: 0x44, // 'D'
  TableEnd: 0x45, // 'E'
  Trailer: 0x54, // 'T'
  End: 0x5a, // 'Z'
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

// Frame body bounds, inclusive (FORMAT.md §6.2)
export const MAX_MANIFEST_BODY = 16 * MiB;
export const MAX_MARKER_BODY = 64 * KiB;
export const MAX_TABLE_DATA_BODY = 1 * MiB;
export const MAX_TRAILER_BODY = 16 * MiB;
/** The shortest JSON object, `{}`. */
export const MIN_JSON_BODY = 2;

// Manifest (FORMAT.md §6.3)
export const MAGIC: Readonly<Buffer> = Buffer.from('ERPBAKUP', 'ascii');
export const MAGIC_LENGTH = 8;
export const FORMAT_NAME = 'erp-backup';
export const FORMAT_VERSION = 2;

/** Byte that ends every row of COPY text data; rows = count of this byte. */
export const ROW_TERMINATOR = 0x0a;
export const SHA256_HEX_LENGTH = 64;

/** Inclusive body length bounds per frame type. */
export const FRAME_BODY_BOUNDS: Readonly<Record<FrameType, { readonly min: number; readonly max: number }>> = {
  [FrameType.Manifest]: { min: MAGIC_LENGTH + 1, max: MAX_MANIFEST_BODY },
  [FrameType.TableBegin]: { min: MIN_JSON_BODY, max: MAX_MARKER_BODY },
  [FrameType.TableData]: { min: 1, max: MAX_TABLE_DATA_BODY },
  [FrameType.TableEnd]: { min: MIN_JSON_BODY, max: MAX_MARKER_BODY },
  [FrameType.Trailer]: { min: MIN_JSON_BODY, max: MAX_TRAILER_BODY },
  [FrameType.End]: { min: 0, max: 0 },
};

export function isFrameType(byte: number): byte is FrameType {
  return Object.hasOwn(FRAME_BODY_BOUNDS, byte);
}

/** 'M', 'B', … for messages. */
export function frameTypeName(type: number): string {
  return type >= 0x20 && type < 0x7f ? `'${String.fromCharCode(type)}'` : `0x${type.toString(16).padStart(2, '0')}`;
}
