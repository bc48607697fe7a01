/**
 * The libdeflate twin of gzip-member.ts: compresses one block at a time into one complete,
 * standard gzip member with the sized header (FORMAT.md §5.1), on the libuv thread pool, through
 * the system's libdeflate (libdeflate.ts). Same contract as GzipMemberCompressor.
 *
 * libdeflate compresses a whole block in one call, with its CRC32, into a reused output buffer,
 * at an offset that leaves room in front of its plain 10-byte header for the 20-byte sized one:
 * that header is then written over it, and the finished member is copied out once (about a
 * quarter of the block), so the buffer can be reused while the member waits downstream. The
 * compressor state is allocated once and freed on close() — after the call in flight, if any,
 * since the native call still uses it.
 */
import { ConfigError, toBackupError } from '../errors';
import { GZIP_HEADER_LENGTH, GZIP_SIZED_HEADER_LENGTH } from '../format/constants';
import type { CompressorHandle, Libdeflate } from './libdeflate';
import { isPlainHeader, writeSizedHeader, type MemberCompressor } from './sized-header';

/** How much longer the sized header is than libdeflate's plain one. */
const HEADER_GROWTH = GZIP_SIZED_HEADER_LENGTH - GZIP_HEADER_LENGTH;

export class LibdeflateMemberCompressor implements MemberCompressor {
  readonly #libdeflate: Libdeflate;
  readonly #compressor: CompressorHandle;
  readonly #output: Buffer;
  readonly #maxBlockSize: number;
  #busy = false;
  #closed = false;

  constructor(libdeflate: Libdeflate, options: { level: number; maxBlockSize: number }) {
    const compressor = libdeflate.allocCompressor(options.level);
    if (!compressor) throw new ConfigError(`libdeflate refused compression level ${options.level} (or is out of memory).`);
    this.#libdeflate = libdeflate;
    this.#compressor = compressor;
    this.#maxBlockSize = options.maxBlockSize;
    this.#output = Buffer.allocUnsafe(HEADER_GROWTH + libdeflate.gzipCompressBound(compressor, options.maxBlockSize));
  }

  compress(block: Buffer): Promise<Buffer[]> {
    if (this.#closed) return Promise.reject(closedError());
    if (this.#busy) return Promise.reject(toBackupError(new Error('libdeflate member compressor: compress() while busy')));
    if (block.length > this.#maxBlockSize) {
      return Promise.reject(toBackupError(new Error(`libdeflate member compressor: a ${block.length}-byte block is over ${this.#maxBlockSize}`)));
    }
    this.#busy = true;
    const plainMember = this.#output.subarray(HEADER_GROWTH);
    return new Promise<Buffer[]>((resolve, reject) => {
      // `block` and `plainMember` stay referenced by this closure until the native call is done.
      this.#libdeflate.gzipCompressAsync(this.#compressor, block, plainMember, (error, length) => {
        this.#busy = false;
        if (this.#closed) {
          this.#libdeflate.freeCompressor(this.#compressor);
          return reject(closedError());
        }
        if (error) return reject(toBackupError(error));
        if (length === 0 || !isPlainHeader(plainMember.subarray(0, GZIP_HEADER_LENGTH))) {
          return reject(toBackupError(new Error('libdeflate member compressor: libdeflate wrote no plain gzip member')));
        }
        const memberSize = HEADER_GROWTH + length;
        writeSizedHeader(this.#output, memberSize);
        resolve([Buffer.from(this.#output.subarray(0, memberSize))]);
      });
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#busy) this.#libdeflate.freeCompressor(this.#compressor);
  }
}

function closedError() {
  return toBackupError(new Error('libdeflate member compressor: closed while compressing'));
}
