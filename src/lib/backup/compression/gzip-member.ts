/**
 * Compresses one block at a time into one complete, standard gzip member (RFC 1952, FORMAT.md
 * §5.1): a header whose FEXTRA field records the member's total length (so a reader can find the
 * next member without inflating this one, and inflate several at once), the deflate data, and
 * the CRC32/ISIZE trailer. Any gunzip reads it; readers that do not know the subfield skip it.
 *
 * zlib writes the member (and computes its CRC32 while it reads the block, on the libuv thread
 * pool); only its plain 10-byte header is then replaced by the sized one, which changes nothing
 * the trailer covers. The zlib stream is kept and reset between members, so its state and output
 * buffer are allocated once, not once per block.
 *
 * `compress(block)` resolves with the member as chunks, in order. The caller MUST NOT change
 * `block` before it resolves, and MUST NOT call `compress` again before that. A zlib error
 * rejects, and the compressor is then unusable (`close()` it).
 */
import { constants, createGzip, type Gzip, type ZlibReset } from 'node:zlib';
import { toBackupError } from '../errors';
import { GZIP_HEADER_LENGTH, GZIP_SIZED_HEADER_LENGTH } from '../format/constants';
import { isPlainHeader, writeSizedHeader, type MemberCompressor } from './sized-header';

/**
 * zlib's largest hash table (its default is 8): about 5 % less CPU and a slightly smaller member,
 * for 128 KiB more memory per compressor.
 */
const MEM_LEVEL = 9;

export class GzipMemberCompressor implements MemberCompressor {
  /** Node's Gzip has reset() like Deflate; its type does not declare it. */
  readonly #stream: Gzip & ZlibReset;
  #output: Buffer[] = [];
  #failure: Error | undefined;
  #busy = false;
  #closed = false;

  constructor(options: { level: number; chunkSize: number }) {
    this.#stream = createGzip({ level: options.level, memLevel: MEM_LEVEL, chunkSize: options.chunkSize }) as Gzip & ZlibReset;
    this.#stream.on('data', (chunk: Buffer) => this.#output.push(chunk));
    this.#stream.on('error', (error: Error) => (this.#failure ??= error));
  }

  compress(block: Buffer): Promise<Buffer[]> {
    if (this.#busy) return Promise.reject(toBackupError(new Error('gzip member compressor: compress() while busy')));
    if (this.#failure) return Promise.reject(this.#failure);
    this.#busy = true;
    this.#output = [];
    return new Promise<Buffer[]>((resolve, reject) => {
      const settle = (error?: Error | null) => {
        this.#busy = false;
        if (this.#closed) return reject(toBackupError(new Error('gzip member compressor: closed while compressing')));
        // Output zlib produced but the stream has not emitted yet goes to the 'data' listener now.
        while (!error && !this.#failure && this.#stream.read() !== null);
        const failure = error ?? this.#failure;
        if (failure) return reject(failure);
        const member = this.#output;
        this.#output = [];
        this.#stream.reset();
        if (!dropPlainHeader(member)) {
          return reject(toBackupError(new Error('gzip member compressor: zlib wrote no plain gzip header')));
        }
        const size = member.reduce((sum, chunk) => sum + chunk.length, GZIP_SIZED_HEADER_LENGTH);
        resolve([sizedHeader(size), ...member]);
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
  const header = Buffer.allocUnsafe(GZIP_SIZED_HEADER_LENGTH);
  writeSizedHeader(header, memberSize);
  return header;
}

/** Removes zlib's 10-byte header (magic, no optional fields) from the front of `chunks`, wherever they are cut. */
function dropPlainHeader(chunks: Buffer[]): boolean {
  const header = Buffer.alloc(GZIP_HEADER_LENGTH);
  let taken = 0;
  while (taken < GZIP_HEADER_LENGTH && chunks.length > 0) {
    const chunk = chunks[0]!;
    const n = chunk.copy(header, taken, 0, GZIP_HEADER_LENGTH - taken);
    if (n === chunk.length) chunks.shift();
    else chunks[0] = chunk.subarray(n);
    taken += n;
  }
  return taken === GZIP_HEADER_LENGTH && isPlainHeader(header);
}
