/**
 * Running row count and SHA-256 of one table's COPY data (FORMAT.md §6.5):
 * rows are the number of 0x0A bytes. Shared by writer and reader so both
 * compute the same thing.
 *
 * It also notices a line that starts with `\.` (FORMAT.md §6.5): PostgreSQL's
 * end-of-data marker, which COPY TO never writes (it escapes every backslash)
 * and which would make COPY FROM stop reading the table there. `endMarkerRow`
 * is the 1-based row where the first one starts, across chunk boundaries.
 */
import { createHash, type Hash } from 'node:crypto';
import { ROW_TERMINATOR } from './constants';

const BACKSLASH = 0x5c;
const DOT = 0x2e;

/** Where the previous chunk left the scan for `\.` at a line start. */
const Carry = { MidLine: 0, AtLineStart: 1, AfterLineStartBackslash: 2 } as const;
type Carry = (typeof Carry)[keyof typeof Carry];

export class TableDigest {
  readonly #hash: Hash = createHash('sha256');
  #rows = 0;
  #bytes = 0;
  #carry: Carry = Carry.AtLineStart;
  #endMarkerRow: number | undefined;

  update(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#hash.update(chunk);
    this.#bytes += chunk.length;
    const carry = this.#carry;
    this.#carry = Carry.MidLine;
    if (carry === Carry.AtLineStart) this.#scanLineStart(chunk, 0);
    else if (carry === Carry.AfterLineStartBackslash && chunk[0] === DOT) this.#markEndMarker();
    for (let i = chunk.indexOf(ROW_TERMINATOR); i !== -1; i = chunk.indexOf(ROW_TERMINATOR, i + 1)) {
      this.#rows += 1;
      this.#scanLineStart(chunk, i + 1);
    }
  }

  get rows(): number {
    return this.#rows;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The row (1-based) of the first line starting with `\.`, if any. */
  get endMarkerRow(): number | undefined {
    return this.#endMarkerRow;
  }

  /** Ends the digest; call once. */
  sha256(): string {
    return this.#hash.digest('hex');
  }

  /** `at` is the first byte of a line; it may lie in the next chunk. */
  #scanLineStart(chunk: Uint8Array, at: number): void {
    if (at >= chunk.length) this.#carry = Carry.AtLineStart;
    else if (chunk[at] !== BACKSLASH) return;
    else if (at + 1 >= chunk.length) this.#carry = Carry.AfterLineStartBackslash;
    else if (chunk[at + 1] === DOT) this.#markEndMarker();
  }

  #markEndMarker(): void {
    this.#endMarkerRow ??= this.#rows + 1;
  }
}
