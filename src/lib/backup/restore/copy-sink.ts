/**
 * Feeds one table's COPY data into `COPY … FROM STDIN` (pg-copy-streams) with backpressure.
 * Errors from the server are captured as they happen and rethrown on the next write or on
 * `finish()`, tagged with the table, so none is lost or thrown unhandled.
 */
import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { toBackupError, BackupError } from '../errors';
import { columnList, quoteIdentifier } from '../database/identifiers';

export class CopySink {
  readonly #stream: CopyStreamQuery;
  readonly #table: string;
  #error: Error | undefined;

  constructor(client: pg.ClientBase, table: string, columns: readonly string[]) {
    this.#table = table;
    this.#stream = client.query(copyFrom(`COPY ${quoteIdentifier(table)} (${columnList(columns)}) FROM STDIN`));
    this.#stream.on('error', (error: Error) => (this.#error ??= error));
  }

  async write(chunk: Buffer): Promise<void> {
    this.#throwIfFailed();
    if (!this.#stream.write(chunk)) await this.#waitFor('drain');
  }

  async finish(): Promise<void> {
    this.#throwIfFailed();
    this.#stream.end();
    await this.#waitFor('finish');
  }

  async #waitFor(event: 'drain' | 'finish'): Promise<void> {
    try {
      await once(this.#stream, event);
    } catch (error) {
      this.#error ??= error as Error;
    }
    this.#throwIfFailed();
  }

  #throwIfFailed(): void {
    if (!this.#error) return;
    const cause = this.#error;
    if (cause instanceof BackupError) throw cause;
    const wrapped = toBackupError(cause);
    throw new BackupError(wrapped.code === 'INTERNAL' ? 'CORRUPT' : wrapped.code, `Loading table "${this.#table}" failed: ${cause.message}`, {
      cause,
      table: this.#table,
    });
  }
}
