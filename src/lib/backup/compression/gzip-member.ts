/**
 * Compresses one block at a time into one complete, standard gzip member (RFC 1952, FORMAT.md
 * §5.1): a header whose FEXTRA field records the member's total length (so a reader can find the
 * next member without inflating this one, and inflate several at once), the raw deflate data, and
 * the CRC32/ISIZE trailer. Any gunzip reads it; readers that do not know the subfield skip it.
 *
 * The deflate stream is kept and reset between members, so its state and output buffer are
 * allocated once, not once per block. Deflating runs on the libuv thread pool; the main thread
 * only hands the block over, computes its CRC32 and collects the output.
 *
 * `compress(block)` resolves with the member as chunks, in order. The caller MUST NOT change
 * `block` before it resolves, and MUST NOT call `compress` again before that. A zlib error
 * rejects, and the compressor is then unusable (`close()` it).
 */
import { constants, crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
import { toBackupError } from '../errors';
import {
  GZIP_FLAG_FEXTRA,
  GZIP_HEADER_LENGTH,
  GZIP_MAGIC,
  GZIP_OS_UNIX,
  GZIP_SIZE_SUBFIELD_DATA_LENGTH,
  GZIP_SIZE_SUBFIELD_ID,
  GZIP_SIZED_HEADER_LENGTH,
  GZIP_SIZED_XLEN,
  GZIP_TRAILER_LENGTH,
} from '../format/constants';

/**
 * zlib's largest hash table (its default is 8): about 5 % less CPU and a slightly smaller member,
 * for 128 KiB more memory per compressor.
 */
const MEM_LEVEL = 9;

export class GzipMemberCompressor {
  readonly #stream: DeflateRaw;
  #output: Buffer[] = [];
  #failure: Error | undefined;
  #busy = false;
  #closed = false;

  constructor(options: { level: number; chunkSize: number }) {
    this.#stream = createDeflateRaw({ level: options.level, memLevel: MEM_LEVEL, chunkSize: options.chunkSize });
    this.#stream.on('data', (chunk: Buffer) => this.#output.push(chunk));
    this.#stream.on('error', (error: Error) => (this.#failure ??= error));
  }

  compress(block: Buffer): Promise<Buffer[]> {
    if (this.#busy) return Promise.reject(toBackupError(new Error('gzip member compressor: compress() while busy')));
    if (this.#failure) return Promise.reject(this.#failure);
    this.#busy = true;
    this.#output = [];
    const crc = crc32(block);
    return new Promise<Buffer[]>((resolve, reject) => {
      const settle = (error?: Error | null) => {
        this.#busy = false;
        if (this.#closed) return reject(toBackupError(new Error('gzip member compressor: closed while compressing')));
        // Output zlib produced but the stream has not emitted yet goes to the 'data' listener now.
        while (!error && !this.#failure && this.#stream.read() !== null);
        const failure = error ?? this.#failure;
        if (failure) return reject(failure);
        const deflated = this.#output;
        this.#output = [];
        this.#stream.reset();
        const deflatedLength = deflated.reduce((sum, chunk) => sum + chunk.length, 0);
        const size = GZIP_SIZED_HEADER_LENGTH + deflatedLength + GZIP_TRAILER_LENGTH;
        resolve([sizedHeader(size), ...deflated, trailer(crc, block.length)]);
      };
      this.#stream.once('error', settle);
      if (block.length > 0) this.#stream.write(block);
      this.#stream.flush(constants.Z_FINISH, () => {
        this.#stream.removeListener('error', settle);
        settle();
      });
    });
  }

  /** Stops at once; a member in flight rejects. */
  close(): void {
    this.#closed = true;
    this.#stream.destroy();
  }
}

function sizedHeader(memberSize: number): Buffer {
  const header = Buffer.alloc(GZIP_SIZED_HEADER_LENGTH);
  GZIP_MAGIC.copy(header, 0);
  header[3] = GZIP_FLAG_FEXTRA;
  // MTIME (4–7) and XFL (8) stay 0: no time recorded, no claim about the level.
  header[9] = GZIP_OS_UNIX;
  header.writeUInt16LE(GZIP_SIZED_XLEN, GZIP_HEADER_LENGTH);
  GZIP_SIZE_SUBFIELD_ID.copy(header, GZIP_HEADER_LENGTH + 2);
  header.writeUInt16LE(GZIP_SIZE_SUBFIELD_DATA_LENGTH, GZIP_HEADER_LENGTH + 4);
  header.writeUInt32LE(memberSize, GZIP_HEADER_LENGTH + 6);
  return header;
}

function trailer(crc: number, length: number): Buffer {
  const bytes = Buffer.alloc(GZIP_TRAILER_LENGTH);
  bytes.writeUInt32LE(crc >>> 0, 0);
  bytes.writeUInt32LE(length % 2 ** 32, 4);
  return bytes;
}
