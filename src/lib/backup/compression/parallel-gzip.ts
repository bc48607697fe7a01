/**
 * Parallel gzip (FORMAT.md §5): a Transform that cuts its input into blocks
 * of `blockSize` bytes, compresses each into an independent gzip member with
 * the async `zlib.gzip` (which runs on the libuv thread pool, so several
 * cores work at once), and pushes the members in input order. The output is
 * one valid multi-member gzip stream; empty input yields one empty member.
 *
 * At most `concurrency` blocks are compressed at a time: while that many are
 * in flight, the write callback is held back (and the Transform also waits
 * while its readable side is full), so memory stays near
 * (concurrency + 1) × blockSize plus the largest input chunk. The default leaves
 * one thread-pool thread free for file I/O. A failed block destroys the
 * stream with that error (one 'error', no 'end').
 */
import { availableParallelism } from 'node:os';
import { Transform, type TransformCallback } from 'node:stream';
import { gzip, type ZlibOptions } from 'node:zlib';
import { ConfigError } from '../errors';
import { GZIP_BLOCK_SIZE, GZIP_DEFAULT_LEVEL } from '../format/constants';

const LIBUV_DEFAULT_THREADPOOL_SIZE = 4;
const MAX_BLOCK_SIZE = 64 * 1024 * 1024;

export interface ParallelGzipOptions {
  /** zlib level, 0–9. */
  level?: number;
  /** Uncompressed bytes per gzip member. */
  blockSize?: number;
  /** Blocks compressed at the same time. */
  concurrency?: number;
}

export function defaultGzipConcurrency(): number {
  const threads = Number(process.env.UV_THREADPOOL_SIZE) || LIBUV_DEFAULT_THREADPOOL_SIZE;
  return Math.max(1, Math.min(availableParallelism() + 1, threads - 1));
}

/** Room above the block size for deflate's worst case (stored blocks) and the gzip header/trailer. */
const MEMBER_OVERHEAD_BYTES = 64 * 1024;

export function createParallelGzip(options: ParallelGzipOptions = {}): Transform {
  const level = options.level ?? GZIP_DEFAULT_LEVEL;
  const blockSize = options.blockSize ?? GZIP_BLOCK_SIZE;
  const concurrency = options.concurrency ?? defaultGzipConcurrency();
  checkInteger('gzip level', level, 0, 9);
  checkInteger('gzip block size', blockSize, 1, MAX_BLOCK_SIZE);
  checkInteger('gzip concurrency', concurrency, 1, 1024);
  // One output chunk large enough for a whole member: zlib then needs one thread-pool round trip
  // per block instead of one per 16 KiB of output.
  return new ParallelGzip({ level, chunkSize: blockSize + MEMBER_OVERHEAD_BYTES }, blockSize, concurrency);
}

function checkInteger(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`The ${what} must be a whole number from ${min} to ${max}.`);
  }
}

function compress(block: Buffer, zlibOptions: ZlibOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gzip(block, zlibOptions, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

class ParallelGzip extends Transform {
  readonly #zlibOptions: ZlibOptions;
  readonly #blockSize: number;
  readonly #concurrency: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #membersStarted = 0;
  readonly #inFlight: Promise<Buffer>[] = [];

  constructor(zlibOptions: ZlibOptions, blockSize: number, concurrency: number) {
    super();
    this.#zlibOptions = zlibOptions;
    this.#blockSize = blockSize;
    this.#concurrency = concurrency;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    this.#startFullBlocks().then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    this.#finish().then(() => callback(), callback);
  }

  async #startFullBlocks(): Promise<void> {
    while (this.#pendingBytes >= this.#blockSize) {
      await this.#drainTo(this.#concurrency - 1);
      if (this.destroyed) return;
      this.#start(this.#takeBlock(this.#blockSize));
    }
  }

  async #finish(): Promise<void> {
    if (this.#pendingBytes > 0 || this.#membersStarted === 0) {
      await this.#drainTo(this.#concurrency - 1);
      this.#start(this.#takeBlock(this.#pendingBytes));
    }
    await this.#drainTo(0);
  }

  #takeBlock(size: number): Buffer {
    const all = this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending, this.#pendingBytes);
    const rest = all.subarray(size);
    this.#pending = rest.length > 0 ? [rest] : [];
    this.#pendingBytes = rest.length;
    return all.subarray(0, size);
  }

  #start(block: Buffer): void {
    const member = compress(block, this.#zlibOptions);
    member.catch(() => {}); // awaited in order by #drainTo; avoid an unhandled rejection meanwhile
    this.#inFlight.push(member);
    this.#membersStarted += 1;
  }

  /** Pushes finished members, oldest first, until at most `limit` remain in flight. */
  async #drainTo(limit: number): Promise<void> {
    while (this.#inFlight.length > limit) {
      const member = await this.#inFlight[0]!;
      this.#inFlight.shift();
      if (this.destroyed) return;
      this.push(member);
    }
  }
}
