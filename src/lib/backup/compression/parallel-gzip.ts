/**
 * Parallel gzip (FORMAT.md §5): a Transform that cuts its input into blocks
 * of `blockSize` bytes, compresses each into an independent gzip member on
 * the libuv thread pool (deflate-backend.ts: libdeflate or zlib; several
 * cores work at once), and
 * pushes the members in input order. The output is one valid multi-member
 * gzip stream; empty input yields one empty member.
 *
 * Input is copied once, straight into the block it belongs to. At most
 * `concurrency` blocks are compressed at a time, and one more is filled
 * meanwhile: while that many are in flight, the write callback is held back
 * (and the Transform also waits while its readable side is full). The blocks
 * and compressors are allocated once and reused, so memory stays at
 * (concurrency + 1) × (blockSize + one compressor) plus the output not yet
 * read, whatever the input size. The default leaves one thread-pool thread
 * free for file I/O. A failed block destroys the stream with that error (one
 * 'error', no 'end').
 */
import { availableParallelism } from 'node:os';
import { Transform, type TransformCallback } from 'node:stream';
import { ConfigError } from '../errors';
import { GZIP_BLOCK_SIZE, GZIP_DEFAULT_LEVEL, type DeflateChoice } from '../format/constants';
import { deflateBackend } from './deflate-backend';
import type { MemberCompressor } from './sized-header';

const LIBUV_DEFAULT_THREADPOOL_SIZE = 4;
const MAX_BLOCK_SIZE = 64 * 1024 * 1024;

export interface ParallelGzipOptions {
  /** Deflate level, 0–9. */
  level?: number;
  /** Which deflate implementation (deflate-backend.ts); default auto. */
  deflate?: DeflateChoice;
  /** Uncompressed bytes per gzip member. */
  blockSize?: number;
  /** Blocks compressed at the same time. */
  concurrency?: number;
}

export function defaultGzipConcurrency(): number {
  const threads = Number(process.env.UV_THREADPOOL_SIZE) || LIBUV_DEFAULT_THREADPOOL_SIZE;
  return Math.max(1, Math.min(availableParallelism() + 1, threads - 1));
}

export function createParallelGzip(options: ParallelGzipOptions = {}): Transform {
  const level = options.level ?? GZIP_DEFAULT_LEVEL;
  const blockSize = options.blockSize ?? GZIP_BLOCK_SIZE;
  const concurrency = options.concurrency ?? defaultGzipConcurrency();
  checkInteger('gzip level', level, 0, 9);
  checkInteger('gzip block size', blockSize, 1, MAX_BLOCK_SIZE);
  checkInteger('gzip concurrency', concurrency, 1, 1024);
  const backend = deflateBackend(options.deflate);
  return new ParallelGzip(() => backend.newCompressor(level, blockSize), blockSize, concurrency);
}

function checkInteger(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`The ${what} must be a whole number from ${min} to ${max}.`);
  }
}

/** A reusable block buffer with the compressor that works on it. */
interface Slot {
  readonly block: Buffer;
  readonly compressor: MemberCompressor;
}

class ParallelGzip extends Transform {
  readonly #newCompressor: () => MemberCompressor;
  readonly #blockSize: number;
  readonly #concurrency: number;
  readonly #slots: Slot[] = [];
  readonly #free: Slot[] = [];
  readonly #inFlight: { slot: Slot; member: Promise<Buffer[]> }[] = [];
  #filling: Slot | undefined;
  #filled = 0;
  #membersStarted = 0;

  constructor(newCompressor: () => MemberCompressor, blockSize: number, concurrency: number) {
    super();
    this.#newCompressor = newCompressor;
    this.#blockSize = blockSize;
    this.#concurrency = concurrency;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#take(chunk).then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    this.#finish().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    for (const slot of this.#slots) slot.compressor.close();
    callback(error);
  }

  async #take(chunk: Buffer): Promise<void> {
    for (let offset = 0; offset < chunk.length; ) {
      const slot = (this.#filling ??= this.#freeSlot());
      const copied = chunk.copy(slot.block, this.#filled, offset);
      offset += copied;
      this.#filled += copied;
      if (this.#filled === this.#blockSize) {
        await this.#startFilled();
        if (this.destroyed) return;
      }
    }
  }

  async #finish(): Promise<void> {
    if (this.#filled > 0 || this.#membersStarted === 0) {
      this.#filling ??= this.#freeSlot();
      await this.#startFilled();
    }
    await this.#drainTo(0);
  }

  /** A slot not in flight: never waits, since at most `concurrency` of concurrency + 1 are. */
  #freeSlot(): Slot {
    const reused = this.#free.pop();
    if (reused) return reused;
    const slot = { block: Buffer.allocUnsafe(this.#blockSize), compressor: this.#newCompressor() };
    this.#slots.push(slot);
    return slot;
  }

  async #startFilled(): Promise<void> {
    await this.#drainTo(this.#concurrency - 1);
    if (this.destroyed) return;
    const slot = this.#filling!;
    const member = slot.compressor.compress(slot.block.subarray(0, this.#filled));
    member.catch(() => {}); // awaited in order by #drainTo; avoid an unhandled rejection meanwhile
    this.#inFlight.push({ slot, member });
    this.#filling = undefined;
    this.#filled = 0;
    this.#membersStarted += 1;
  }

  /** Pushes finished members, oldest first, until at most `limit` remain in flight. */
  async #drainTo(limit: number): Promise<void> {
    while (this.#inFlight.length > limit) {
      const { slot, member } = this.#inFlight[0]!;
      const chunks = await member;
      this.#inFlight.shift();
      if (this.destroyed) return;
      for (const chunk of chunks) this.push(chunk);
      this.#free.push(slot);
    }
  }
}
