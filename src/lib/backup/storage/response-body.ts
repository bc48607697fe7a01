/**
 * Turns a download's response body into the stream `read` returns: the exact inclusive
 * byte range asked for (some S3-compatible servers ignore or widen a `Range` header, so
 * the window is enforced here from `Content-Range`), with any mid-stream failure mapped
 * into the error hierarchy, and the body released once the window is delivered or the
 * consumer goes away.
 */
import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';

import type { BackupError } from '@/lib/backup/errors';

import type { ByteRange } from './storage';

const CONTENT_RANGE_PATTERN = /^bytes (\d+)-\d+\/(?:\d+|\*)$/;

/** HTTP `Range` for an inclusive byte range; none when the whole object is wanted. */
export function rangeHeader(range: ByteRange | undefined): string | undefined {
  if (range === undefined || (range.start === 0 && range.end === undefined)) return undefined;
  return `bytes=${range.start}-${range.end ?? ''}`;
}

/** First byte offset a response carries: from `Content-Range`, or 0 for a whole-object answer. */
export function servedRangeStart(contentRange: string | undefined): number {
  const match = contentRange === undefined ? null : CONTENT_RANGE_PATTERN.exec(contentRange);
  return match === null ? 0 : Number(match[1]);
}

/**
 * Re-emits `body`'s bytes, or only `window.length` of them after skipping `window.skip`
 * (the body is then dropped). A failure mid-stream surfaces as `toError(cause)`.
 */
export function relayWithStorageErrors(
  body: Readable,
  toError: (error: unknown) => BackupError,
  window?: { skip: number; length: number },
): Readable {
  const onError = (error: unknown) => relay.destroy(toError(error));
  const release = () => {
    body.off('error', onError);
    body.unpipe(relay);
    if (!body.readableEnded) body.destroy();
  };
  const relay = window === undefined ? new PassThrough() : new ByteWindow(window.skip, window.length, release);
  body.once('error', onError);
  relay.once('close', () => {
    if (!body.readableEnded) body.destroy();
  });
  body.pipe(relay);
  return relay;
}

/** Passes on `length` bytes after the first `skip`, then ends and calls `onDone`. */
class ByteWindow extends Transform {
  constructor(
    private skip: number,
    private remaining: number,
    private readonly onDone: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.remaining <= 0) {
      callback();
      return;
    }
    let data = chunk;
    if (this.skip > 0) {
      const skipped = Math.min(this.skip, data.length);
      this.skip -= skipped;
      data = data.subarray(skipped);
    }
    if (data.length > this.remaining) data = data.subarray(0, this.remaining);
    this.remaining -= data.length;
    if (data.length > 0) this.push(data);
    callback();
    if (this.remaining <= 0) {
      this.onDone();
      this.end();
    }
  }
}
