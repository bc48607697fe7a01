/**
 * A pass-through stream that counts the bytes flowing through it and reports the running
 * total after each chunk. Used by both back ends to size writes and drive `onProgress`.
 */
import { Transform, type TransformCallback } from 'node:stream';

export class ByteCounter extends Transform {
  private total = 0;

  constructor(private readonly onProgress?: (bytes: number) => void) {
    super();
  }

  get bytes(): number {
    return this.total;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    try {
      this.onProgress?.(this.total);
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback(null, chunk);
  }
}
