/**
 * Feeds one table's COPY data into `COPY … FROM STDIN` (pg-copy-streams) with backpressure;
 * `finish()` resolves with the row count PostgreSQL reports in the COPY command tag.
 * The first server or connection error is captured whenever it happens and rethrown by the
 * next `write`/`finish` (or by a wait already in progress), tagged with the table, so none is
 * lost, thrown unhandled, or waited for forever. `abort()` ends an unfinished COPY (CopyFail),
 * which must happen before the transaction can be rolled back on the same connection.
 * With `freeze` the COPY writes its rows frozen (load-tuning.ts says when that is allowed).
 */
import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { BackupError, toBackupError } from '../errors';
import { isConnectionError } from '../database/pg-errors';

export class CopySink {
  readonly #stream: CopyStreamQuery;
  readonly #table: string;
  readonly #failed: Promise<never>;
  #error: Error | undefined;
  #settled = false;

  /** `table` names the table in messages; `target` is what COPY names (catalog.ts `copyTarget`). */
  constructor(client: pg.ClientBase, table: string, target: string, options: { freeze?: boolean } = {}) {
    this.#table = table;
    this.#stream = client.query(copyFrom(`COPY ${target} FROM STDIN${options.freeze ? ' WITH (FREEZE)' : ''}`));
    this.#failed = new Promise<never>((_, reject) => {
      this.#stream.on('error', (error: Error) => {
        this.#error ??= error;
        reject(error);
      });
    });
    this.#failed.catch(() => undefined);
  }

  async write(chunk: Buffer): Promise<void> {
    this.#throwIfFailed();
    if (!this.#stream.write(chunk)) await this.#waitFor('drain');
  }

  async finish(): Promise<number> {
    this.#throwIfFailed();
    this.#stream.end();
    await this.#waitFor('finish');
    this.#settled = true;
    return this.#stream.rowCount;
  }

  /** Cancels an unfinished COPY so the connection can roll back; never throws. */
  async abort(): Promise<void> {
    if (this.#settled || this.#error) return;
    this.#settled = true;
    this.#stream.destroy(new Error('restore aborted'));
    await Promise.race([once(this.#stream, 'close'), this.#failed]).catch(() => undefined);
  }

  async #waitFor(event: 'drain' | 'finish'): Promise<void> {
    await Promise.race([once(this.#stream, event), this.#failed]).catch(() => undefined);
    this.#throwIfFailed();
  }

  #throwIfFailed(): void {
    const cause = this.#error;
    if (!cause) return;
    if (cause instanceof BackupError || isConnectionError(cause)) throw cause;
    const wrapped = toBackupError(cause);
    throw new BackupError(wrapped.code === 'INTERNAL' ? 'CORRUPT' : wrapped.code, `Loading table "${this.#table}" failed: ${cause.message}`, {
      cause,
      table: this.#table,
    });
  }
}
