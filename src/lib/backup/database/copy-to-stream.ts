/**
 * `copyToStream(sql)`: pg-copy-streams' `to(sql)` (a Readable of the raw data of
 * `COPY … TO STDOUT`), with a faster inner loop. The protocol handling is theirs — how the query
 * takes the connection's socket over, hands it back after CopyDone, and lets `pg` handle an
 * ErrorResponse (which then makes this stream emit 'error'); only the parsing of the CopyData
 * messages is replaced (docs/decisions/012-performance.md).
 *
 * PostgreSQL sends one CopyData message per row, so theirs makes a Buffer view per row and joins
 * them again; this one moves each message's content over the 5-byte headers before it, inside the
 * socket chunk itself (which nothing else holds: only bytes already parsed are overwritten), and
 * pushes the chunk's front: no allocation per row or per chunk, each byte copied once.
 */
import { to as copyTo, type CopyToStreamQuery } from 'pg-copy-streams';

const MESSAGE_HEADER_LENGTH = 5;
const LENGTH_FIELD_LENGTH = 4;
const CODE = {
  ErrorResponse: 0x45, // E
  CopyOutResponse: 0x48, // H
  CopyData: 0x64, // d
  NotificationResponse: 0x41, // A
  NoticeResponse: 0x4e, // N
  ParameterStatus: 0x53, // S
} as const;

/** Messages that may come during COPY OUT without ending it (protocol-flow, "COPY Operations"). */
function keepsCopyOpen(code: number): boolean {
  return (
    code === CODE.CopyData ||
    code === CODE.CopyOutResponse ||
    code === CODE.ParameterStatus ||
    code === CODE.NoticeResponse ||
    code === CODE.NotificationResponse
  );
}

/** What pg-copy-streams' CopyStreamQuery keeps for its socket handover. */
interface BaseInternals {
  _buffer: { push(chunk: Buffer): void };
  _detach(): void;
  _cleanup(): void;
}

// pg-copy-streams exports a factory only; its class is the prototype of what the factory makes.
const CopyToQuery = Object.getPrototypeOf(copyTo('')).constructor as new (text: string) => CopyToStreamQuery;

class FastCopyToQuery extends CopyToQuery {
  readonly #header = Buffer.alloc(MESSAGE_HEADER_LENGTH);
  #headerBytes = 0;
  #code = 0;
  /** Content bytes of the current message still to come. */
  #remaining = 0;

  /** Called by the base class with each socket chunk; returns whether to go on reading. */
  _parse(chunk: Buffer): boolean | undefined {
    let read = 0;
    let written = 0;
    while (read < chunk.length) {
      if (this.#remaining > 0) {
        const n = Math.min(this.#remaining, chunk.length - read);
        if (this.#code === CODE.CopyData) {
          if (written !== read) chunk.copyWithin(written, read, read + n);
          written += n;
        }
        read += n;
        this.#remaining -= n;
        if (this.#remaining === 0 && !keepsCopyOpen(this.#code)) return this.#end(chunk, written, read);
        continue;
      }
      if (this.#headerBytes === 0 && chunk[read] === CODE.ErrorResponse) return this.#handOver(chunk, written, read);
      const n = Math.min(MESSAGE_HEADER_LENGTH - this.#headerBytes, chunk.length - read);
      if (this.#headerBytes === 0 && n === MESSAGE_HEADER_LENGTH) {
        this.#code = chunk[read]!;
        this.#remaining = chunk.readUInt32BE(read + 1) - LENGTH_FIELD_LENGTH;
      } else {
        chunk.copy(this.#header, this.#headerBytes, read, read + n);
        this.#headerBytes += n;
        if (this.#headerBytes < MESSAGE_HEADER_LENGTH) return this.#pushData(chunk, written);
        this.#headerBytes = 0;
        this.#code = this.#header[0]!;
        this.#remaining = this.#header.readUInt32BE(1) - LENGTH_FIELD_LENGTH;
      }
      read += n;
      if (this.#remaining === 0 && !keepsCopyOpen(this.#code)) return this.#end(chunk, written, read);
    }
    return this.#pushData(chunk, written);
  }

  #pushData(chunk: Buffer, written: number): boolean {
    return written > 0 ? this.push(chunk.subarray(0, written)) : true;
  }

  /** CopyDone (or any message that ends COPY OUT): the rest of the chunk goes back to pg. */
  #end(chunk: Buffer, written: number, read: number): undefined {
    this.#pushData(chunk, written);
    const base = this as unknown as BaseInternals;
    base._buffer.push(chunk.subarray(read));
    base._detach();
    this.push(null);
    base._cleanup();
    return undefined;
  }

  /** An ErrorResponse: pg parses it (and fails this query); the stream reads no further. */
  #handOver(chunk: Buffer, written: number, read: number): undefined {
    this.#pushData(chunk, written);
    const base = this as unknown as BaseInternals;
    base._buffer.push(chunk.subarray(read));
    base._detach();
    return undefined;
  }
}

export function copyToStream(sql: string): CopyToStreamQuery {
  return new FastCopyToQuery(sql);
}
