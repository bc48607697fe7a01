/**
 * Running row count and SHA-256 of one table's COPY data (FORMAT.md §6.5):
 * rows are the number of 0x0A bytes. Shared by writer and reader so both
 * compute the same thing.
 */
import { createHash, type Hash } from 'node:crypto';
import { ROW_TERMINATOR } from './constants';

export class TableDigest {
  readonly #hash: Hash = createHash('sha256');
  #rows = 0;
  #bytes = 0;

  update(chunk: Uint8Array): void {
    this.#hash.update(chunk);
    this.#bytes += chunk.length;
    for (let i = chunk.indexOf(ROW_TERMINATOR); i !== -1; i = chunk.indexOf(ROW_TERMINATOR, i + 1)) this.#rows += 1;
  }

  get rows(): number {
    return this.#rows;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Ends the digest; call once. */
  sha256(): string {
    return this.#hash.digest('hex');
  }
}
