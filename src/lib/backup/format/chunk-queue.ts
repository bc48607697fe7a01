/**
 * A FIFO of received byte chunks from which exact byte counts are taken.
 * A read that fits in one chunk returns a view of it (no copy); a read that
 * spans chunks copies each byte once. Nothing is allocated for a read until
 * all its bytes have arrived. `peek` reads the same way without removing.
 */
export class ChunkQueue {
  #chunks: Buffer[] = [];
  #headOffset = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** Returns the first `n` bytes without removing them, or undefined if fewer are queued. */
  peek(n: number): Buffer | undefined {
    if (n > this.#length) return undefined;
    const first = this.#chunks[0];
    if (!first || first.length - this.#headOffset >= n) return first?.subarray(this.#headOffset, this.#headOffset + n) ?? Buffer.alloc(0);
    const out = Buffer.allocUnsafe(n);
    let written = 0;
    for (let i = 0, offset = this.#headOffset; written < n; i += 1, offset = 0) {
      written += this.#chunks[i]!.copy(out, written, offset, offset + Math.min(n - written, this.#chunks[i]!.length - offset));
    }
    return out;
  }

  /** Removes and returns exactly `n` bytes, or returns undefined if fewer are queued. */
  take(n: number): Buffer | undefined {
    if (n > this.#length) return undefined;
    if (n === 0) return Buffer.alloc(0);
    const first = this.#chunks[0]!;
    if (first.length - this.#headOffset >= n) {
      const view = first.subarray(this.#headOffset, this.#headOffset + n);
      this.#consume(n);
      return view;
    }
    const out = Buffer.allocUnsafe(n);
    let written = 0;
    while (written < n) {
      const chunk = this.#chunks[0]!;
      const count = Math.min(chunk.length - this.#headOffset, n - written);
      chunk.copy(out, written, this.#headOffset, this.#headOffset + count);
      written += count;
      this.#consume(count);
    }
    return out;
  }

  #consume(n: number): void {
    this.#headOffset += n;
    this.#length -= n;
    if (this.#headOffset === this.#chunks[0]!.length) {
      this.#chunks.shift();
      this.#headOffset = 0;
    }
  }
}
