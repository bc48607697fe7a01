/**
 * Payload writer (FORMAT.md §6–§8). The dump describes the backup as an
 * (async) iterable of `PayloadInput` events; `encodePayload` turns it into
 * the frame bytes, and `createPayloadStream` wraps that in a byte Readable:
 *
 *   const payload = createPayloadStream(events(), { onTableEnd });
 *   // payload → createParallelGzip() → sealToFile(...)
 *
 * Memory stays flat because everything is pull-based: the next event (and
 * so the next COPY chunk) is requested only when the consumer reads. If the
 * consumer is destroyed, the event iterator is returned (its `finally`
 * blocks run, so the dump can release its COPY stream).
 *
 * COPY chunks of any size are re-cut into TABLE_DATA frames of exactly
 * MAX_TABLE_DATA_BODY bytes (the last one of a table shorter), so the output
 * does not depend on how the database delivered rows, and at most one frame
 * of data is held. A frame body is yielded as views of the COPY chunks, not
 * copied. Row counts and SHA-256 are computed here; the TRAILER and
 * END frames are written when the events end. An event out of order is a
 * bug in the caller and throws an internal BackupError.
 */
import { Readable } from 'node:stream';
import { toBackupError } from '../errors';
import { FrameType, MAX_TABLE_DATA_BODY } from './constants';
import { encodeFrame, encodeFrameHeader } from './frame-encoder';
import { encodeJsonBody } from './json-body';
import { encodeManifestBody, type Manifest } from './manifest';
import { PayloadSequence } from './payload-sequence';
import type { TableBegin, TableEnd } from './table-markers';
import type { TableSummary, Trailer } from './trailer';

export type PayloadInput =
  | { readonly type: 'manifest'; readonly manifest: Manifest }
  | { readonly type: 'tableBegin'; readonly table: string }
  | { readonly type: 'tableData'; readonly table: string; readonly chunk: Uint8Array }
  | { readonly type: 'tableEnd'; readonly table: string };

export interface EncodePayloadOptions {
  /** Called after each TABLE_END frame is produced, with what the data contained. */
  onTableEnd?(summary: TableSummary): void;
  /** Called after the TRAILER frame is produced. */
  onTrailer?(trailer: Trailer): void;
}

/** Yields the payload bytes; returns the trailer. */
export async function* encodePayload(
  source: AsyncIterable<PayloadInput> | Iterable<PayloadInput>,
  options: EncodePayloadOptions = {},
): AsyncGenerator<Buffer, Trailer, undefined> {
  const sequence = new PayloadSequence((detail) => toBackupError(new Error(`payload writer: ${detail}`)));
  const data = new DataFrameCutter();

  for await (const input of source) {
    switch (input.type) {
      case 'manifest':
        sequence.manifest(input.manifest);
        yield encodeFrame(FrameType.Manifest, encodeManifestBody(input.manifest));
        break;
      case 'tableBegin':
        sequence.beginTable(input.table);
        yield encodeFrame(FrameType.TableBegin, encodeJsonBody({ table: input.table } satisfies TableBegin));
        break;
      case 'tableData': {
        const chunk = Buffer.from(input.chunk.buffer, input.chunk.byteOffset, input.chunk.byteLength);
        sequence.data(input.table, chunk);
        yield* data.add(chunk);
        break;
      }
      case 'tableEnd': {
        const { name, rows, sha256 } = sequence.endTable(input.table);
        yield* data.flush();
        yield encodeFrame(FrameType.TableEnd, encodeJsonBody({ table: name, rows, sha256 } satisfies TableEnd));
        options.onTableEnd?.({ name, rows, sha256 });
        break;
      }
      default:
        throw toBackupError(new TypeError(`payload writer: unknown input ${JSON.stringify((input as { type?: unknown }).type)}`));
    }
  }

  const trailer = sequence.trailer();
  yield encodeFrame(FrameType.Trailer, encodeJsonBody(trailer));
  sequence.end();
  yield encodeFrame(FrameType.End);
  options.onTrailer?.(trailer);
  return trailer;
}

/** `encodePayload` as a byte stream, ready for `pipeline`. */
export function createPayloadStream(
  source: AsyncIterable<PayloadInput> | Iterable<PayloadInput>,
  options?: EncodePayloadOptions,
): Readable {
  return Readable.from(encodePayload(source, options), { objectMode: false });
}

/**
 * Collects COPY bytes and cuts them into full TABLE_DATA frames: yields each frame's header, then
 * its body as the views of the COPY chunks it spans (never joined: the compressor copies them once).
 */
class DataFrameCutter {
  #chunks: Buffer[] = [];
  #bytes = 0;

  *add(chunk: Buffer): Generator<Buffer> {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    while (this.#bytes >= MAX_TABLE_DATA_BODY) yield* this.#frame(MAX_TABLE_DATA_BODY);
  }

  *flush(): Generator<Buffer> {
    if (this.#bytes > 0) yield* this.#frame(this.#bytes);
  }

  /** Yields a frame of the first `length` collected bytes. */
  *#frame(length: number): Generator<Buffer> {
    yield encodeFrameHeader(FrameType.TableData, length);
    for (let left = length; left > 0; ) {
      const chunk = this.#chunks[0]!;
      if (chunk.length <= left) {
        this.#chunks.shift();
        left -= chunk.length;
        yield chunk;
      } else {
        this.#chunks[0] = chunk.subarray(left);
        yield chunk.subarray(0, left);
        left = 0;
      }
    }
    this.#bytes -= length;
  }
}
