/**
 * Which deflate implementation writes the gzip members (BACKUP_DEFLATE, decision 012): the
 * system's libdeflate through koffi (about 40 % less CPU than zlib at the same level, and a
 * slightly smaller file), or Node's zlib. Both write the same standard, sized members.
 *
 * - `auto` (default): libdeflate if koffi and the library load, else zlib, silently.
 * - `libdeflate`: libdeflate, or a ConfigError saying what to install.
 * - `zlib`: Node's zlib, never loading koffi.
 */
import { ConfigError } from '../errors';
import { DEFAULT_DEFLATE, type DeflateChoice } from '../format/constants';
import { GzipMemberCompressor } from './gzip-member';
import { LIBDEFLATE_LIBRARY_NAMES, loadLibdeflate } from './libdeflate';
import { LibdeflateMemberCompressor } from './libdeflate-member';
import type { MemberCompressor } from './sized-header';


/**
 * zlib's output buffer per compressor. About two members of typical COPY text (which deflates to
 * a quarter), so most members take one thread-pool round trip; larger would only hold more memory.
 */
const MAX_ZLIB_OUTPUT_CHUNK = 512 * 1024;
/** Room above the block size for deflate's worst case (stored blocks) and the gzip header/trailer. */
const MEMBER_OVERHEAD_BYTES = 64 * 1024;

export interface DeflateBackend {
  readonly name: 'libdeflate' | 'zlib';
  /** A compressor for blocks of at most `blockSize` bytes at `level` (0–9). */
  newCompressor(level: number, blockSize: number): MemberCompressor;
}

const zlibBackend: DeflateBackend = {
  name: 'zlib',
  newCompressor: (level, blockSize) =>
    new GzipMemberCompressor({ level, chunkSize: Math.min(blockSize + MEMBER_OVERHEAD_BYTES, MAX_ZLIB_OUTPUT_CHUNK) }),
};

/** The backend for `choice`; throws ConfigError if `libdeflate` was asked for and does not load. */
export function deflateBackend(choice: DeflateChoice = DEFAULT_DEFLATE, libraryNames = LIBDEFLATE_LIBRARY_NAMES): DeflateBackend {
  if (choice === 'zlib') return zlibBackend;
  const load = loadLibdeflate(libraryNames);
  if (load.ok) {
    const { libdeflate } = load;
    return { name: 'libdeflate', newCompressor: (level, blockSize) => new LibdeflateMemberCompressor(libdeflate, { level, maxBlockSize: blockSize }) };
  }
  if (choice === 'auto') return zlibBackend;
  throw new ConfigError(
    `BACKUP_DEFLATE=libdeflate, but libdeflate could not be used: ${load.reason}. ` +
      'Install the library (Debian/Ubuntu: apt-get install libdeflate0) and the npm dependencies (npm install), ' +
      'or set BACKUP_DEFLATE=auto or zlib.',
  );
}
