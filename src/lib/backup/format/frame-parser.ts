/**
 * Incremental frame parser (FORMAT.md §6.1, §6.2, §9). Feed it chunks cut
 * anywhere with `push`, take whole frames with `next`, and call `finish`
 * when the input ends.
 *
 * Each header is checked as soon as its 5 bytes are in: an unknown type or
 * a length outside its type's bounds throws `CorruptBackupError` before any
 * body byte is awaited or allocated. The very first frame must be a
 * MANIFEST (`NotABackupError` otherwise), which is part of the frozen prefix.
 * Ending inside a frame throws `TruncatedBackupError`. Frame order is not
 * this module's job (see payload-sequence.ts).
 */
import { CorruptBackupError, NotABackupError, TruncatedBackupError } from '../errors';
import { ChunkQueue } from './chunk-queue';
import {
  FRAME_BODY_BOUNDS,
  FRAME_HEADER_LENGTH,
  FRAME_TYPE_LENGTH,
  FrameType,
  frameTypeName,
  isFrameType,
} from './constants';

export interface Frame {
  readonly type: FrameType;
  readonly body: Buffer;
}

interface PendingHeader {
  readonly type: FrameType;
  readonly length: number;
}

export class FrameParser {
  readonly #queue = new ChunkQueue();
  #header: PendingHeader | undefined;
  #framesRead = 0;
  #bytesRead = 0;

  /** Bytes received but not yet returned as part of a frame. */
  get buffered(): number {
    return this.#queue.length + (this.#header ? FRAME_HEADER_LENGTH : 0);
  }

  push(chunk: Buffer): void {
    this.#queue.push(chunk);
  }

  /** The next complete frame, or undefined until more bytes arrive. */
  next(): Frame | undefined {
    if (!this.#header) {
      const bytes = this.#queue.take(FRAME_HEADER_LENGTH);
      if (!bytes) return undefined;
      this.#header = this.#checkHeader(bytes.readUInt8(0), bytes.readUInt32BE(FRAME_TYPE_LENGTH));
    }
    const body = this.#queue.take(this.#header.length);
    if (!body) return undefined;
    const frame: Frame = { type: this.#header.type, body };
    this.#header = undefined;
    this.#framesRead += 1;
    this.#bytesRead += FRAME_HEADER_LENGTH + body.length;
    return frame;
  }

  /** Declares the end of input; throws if it cut a frame short. */
  finish(): void {
    if (this.#header) {
      throw new TruncatedBackupError(
        `the payload ends inside frame ${frameTypeName(this.#header.type)} at byte ${this.#bytesRead}` +
          ` (${this.#queue.length} of ${this.#header.length} body bytes present)`,
      );
    }
    if (this.#queue.length > 0) {
      throw new TruncatedBackupError(`the payload ends inside a frame header at byte ${this.#bytesRead}`);
    }
  }

  #checkHeader(type: number, length: number): PendingHeader {
    const at = `at byte ${this.#bytesRead}`;
    if (this.#framesRead === 0 && type !== FrameType.Manifest) {
      throw new NotABackupError('the content does not start with a backup manifest');
    }
    if (!isFrameType(type)) throw new CorruptBackupError(`unknown frame type ${frameTypeName(type)} ${at}`);
    const bounds = FRAME_BODY_BOUNDS[type];
    if (length < bounds.min || length > bounds.max) {
      const detail = `frame ${frameTypeName(type)} ${at} declares ${length} body bytes, allowed ${bounds.min}..${bounds.max}`;
      if (this.#framesRead === 0) throw new NotABackupError(detail);
      throw new CorruptBackupError(detail);
    }
    return { type, length };
  }
}
