/**
 * Parallel gunzip (FORMAT.md §5.1): a Transform from a gzip stream to its content that inflates
 * several members at once on the libuv thread pool, when each member's header records the
 * member's length (the 'EB' FEXTRA subfield this writer puts there), and pushes their output in
 * order. From the first member without that subfield on (a file from another writer), the rest
 * goes through one ordinary streaming gunzip, so any valid gzip stream is read.
 *
 * Each sized member is inflated on its own with `zlib.gunzip`, which checks its CRC32 and ISIZE;
 * a recorded length that does not end exactly at the member's end makes it fail. Any zlib error
 * leaves this stream as that error (its `code` starts with `Z_`); input ending inside a member is
 * CorruptBackupError. At most `concurrency` members are in flight, so memory stays at about
 * concurrency × (member + its content), and the write callback waits while that many are.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip, gunzip, type Gunzip } from 'node:zlib';
import { CorruptBackupError } from '../errors';
import {
  GZIP_FLAG_FEXTRA,
  GZIP_HEADER_LENGTH,
  GZIP_MAGIC,
  GZIP_SIZE_SUBFIELD_DATA_LENGTH,
  GZIP_SIZE_SUBFIELD_ID,
  GZIP_SIZED_HEADER_LENGTH,
  GZIP_SIZED_XLEN,
  GZIP_TRAILER_LENGTH,
  MAX_GZIP_SIZED_MEMBER,
} from '../format/constants';
import { ChunkQueue } from '../format/chunk-queue';
import { defaultGzipConcurrency } from './parallel-gzip';

/** Output chunk of zlib while inflating: one thread-pool round trip for a whole 1 MiB block. */
const INFLATE_CHUNK_BYTES = 1024 * 1024 + 64 * 1024;

export interface ParallelGunzipOptions {
  /** Members inflated at the same time. */
  concurrency?: number;
}

export function createParallelGunzip(options: ParallelGunzipOptions = {}): Transform {
  return new ParallelGunzip(options.concurrency ?? defaultGzipConcurrency());
}

/** The member's total length if its header carries the size subfield in the writer's layout, else undefined. */
export function sizedMemberLength(header: Buffer): number | undefined {
  if (header.length < GZIP_SIZED_HEADER_LENGTH) return undefined;
  const layout =
    header.subarray(0, GZIP_MAGIC.length).equals(GZIP_MAGIC) &&
    header[3] === GZIP_FLAG_FEXTRA &&
    header.readUInt16LE(GZIP_HEADER_LENGTH) === GZIP_SIZED_XLEN &&
    header.subarray(GZIP_HEADER_LENGTH + 2, GZIP_HEADER_LENGTH + 4).equals(GZIP_SIZE_SUBFIELD_ID) &&
    header.readUInt16LE(GZIP_HEADER_LENGTH + 4) === GZIP_SIZE_SUBFIELD_DATA_LENGTH;
  if (!layout) return undefined;
  const length = header.readUInt32LE(GZIP_HEADER_LENGTH + 6);
  if (length < GZIP_SIZED_HEADER_LENGTH + GZIP_TRAILER_LENGTH || length > MAX_GZIP_SIZED_MEMBER) {
    throw new CorruptBackupError(`a gzip member records an impossible length of ${length} bytes`);
  }
  return length;
}

function inflate(member: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gunzip(member, { chunkSize: INFLATE_CHUNK_BYTES }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

class ParallelGunzip extends Transform {
  readonly #concurrency: number;
  readonly #queue = new ChunkQueue();
  readonly #inFlight: Promise<Buffer>[] = [];
  #pendingLength: number | undefined;
  #streaming: Gunzip | undefined;

  constructor(concurrency: number) {
    super();
    this.#concurrency = concurrency;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#take(chunk).then(() => callback(), callback);
  }

  /** The consumer wants more: let the streaming gunzip, if any, go on. */
  override _read(size: number): void {
    this.#streaming?.resume();
    super._read(size);
  }

  override _flush(callback: TransformCallback): void {
    this.#finish().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#streaming?.destroy();
    callback(error);
  }

  async #take(chunk: Buffer): Promise<void> {
    if (this.#streaming) return this.#stream(chunk);
    this.#queue.push(chunk);
    for (;;) {
      if (this.#pendingLength === undefined) {
        if (this.#queue.length < GZIP_SIZED_HEADER_LENGTH) return;
        const header = this.#queue.peek(GZIP_SIZED_HEADER_LENGTH)!;
        this.#pendingLength = sizedMemberLength(header);
        if (this.#pendingLength === undefined) return this.#switchToStreaming();
      }
      const member = this.#queue.take(this.#pendingLength);
      if (!member) return;
      this.#pendingLength = undefined;
      await this.#drainTo(this.#concurrency - 1);
      if (this.destroyed) return;
      const content = inflate(member);
      content.catch(() => {}); // awaited in order by #drainTo
      this.#inFlight.push(content);
    }
  }

  async #finish(): Promise<void> {
    if (!this.#streaming && this.#queue.length > 0) {
      // Too short for a sized header: maybe a member from another writer; let zlib judge it.
      if (this.#pendingLength !== undefined) throw new CorruptBackupError('the compressed data ends inside a gzip member');
      await this.#switchToStreaming();
    }
    await this.#drainTo(0);
    if (this.#streaming) {
      const streaming = this.#streaming;
      const ended = new Promise<void>((resolve, reject) => {
        streaming.once('end', resolve);
        streaming.once('error', reject);
      });
      streaming.end();
      await ended;
    }
  }

  /** The rest of the input goes through one streaming gunzip, after the members already started. */
  async #switchToStreaming(): Promise<void> {
    await this.#drainTo(0);
    if (this.destroyed) return;
    const streaming = createGunzip({ chunkSize: INFLATE_CHUNK_BYTES });
    streaming.on('data', (content: Buffer) => {
      if (!this.push(content)) streaming.pause();
    });
    streaming.on('error', (error: Error) => this.destroy(error));
    this.#streaming = streaming;
    const rest = this.#queue.take(this.#queue.length)!;
    if (rest.length > 0) await this.#stream(rest);
  }

  #stream(chunk: Buffer): Promise<void> {
    return new Promise((resolve) => {
      if (this.#streaming!.write(chunk)) resolve();
      else this.#streaming!.once('drain', resolve);
    });
  }

  /** Pushes inflated members, oldest first, until at most `limit` remain in flight. */
  async #drainTo(limit: number): Promise<void> {
    while (this.#inFlight.length > limit) {
      const content = await this.#inFlight[0]!;
      this.#inFlight.shift();
      if (this.destroyed) return;
      this.push(content);
    }
  }
}
