/**
 * The frame order of FORMAT.md §7, as a state machine shared by the writer
 * and the reader:
 *
 *   payload = MANIFEST table* TRAILER END
 *   table   = TABLE_BEGIN TABLE_DATA* TABLE_END   (in manifest order, each once)
 *
 * It also keeps each table's running digest, so `endTable` and `trailer`
 * return what the data actually contained. Order violations are reported
 * through the `fail` factory: the reader passes CorruptBackupError, the
 * writer an internal error (a bug in the dump, not a damaged file).
 */
import type { BackupError } from '../errors';
import type { Manifest } from './manifest';
import { TableDigest } from './table-digest';
import type { TableSummary, Trailer } from './trailer';

export type SequenceFailure = (detail: string) => BackupError;

type State = 'start' | 'betweenTables' | 'inTable' | 'afterTrailer' | 'ended';

export class PayloadSequence {
  readonly #fail: SequenceFailure;
  #state: State = 'start';
  #tableNames: readonly string[] = [];
  #current: { readonly name: string; readonly digest: TableDigest } | undefined;
  readonly #summaries: TableSummary[] = [];

  constructor(fail: SequenceFailure) {
    this.#fail = fail;
  }

  get ended(): boolean {
    return this.#state === 'ended';
  }

  get expectsManifest(): boolean {
    return this.#state === 'start';
  }

  get currentTable(): string | undefined {
    return this.#current?.name;
  }

  manifest(manifest: Manifest): void {
    this.#expect('start', 'MANIFEST');
    this.#tableNames = manifest.tables.map((t) => t.name);
    this.#state = 'betweenTables';
  }

  beginTable(table: string): void {
    this.#expect('betweenTables', `TABLE_BEGIN of "${table}"`);
    const expected = this.#tableNames[this.#summaries.length];
    if (table !== expected) {
      throw this.#fail(
        expected === undefined
          ? `TABLE_BEGIN of "${table}" after all manifest tables`
          : `TABLE_BEGIN of "${table}" where the manifest lists "${expected}" next`,
      );
    }
    this.#current = { name: table, digest: new TableDigest() };
    this.#state = 'inTable';
  }

  data(table: string | undefined, chunk: Uint8Array): void {
    this.#expect('inTable', 'TABLE_DATA');
    const current = this.#current!;
    if (table !== undefined && table !== current.name) {
      throw this.#fail(`TABLE_DATA for "${table}" inside table "${current.name}"`);
    }
    current.digest.update(chunk);
  }

  endTable(table: string): TableSummary {
    this.#expect('inTable', `TABLE_END of "${table}"`);
    const current = this.#current!;
    if (table !== current.name) throw this.#fail(`TABLE_END of "${table}" inside table "${current.name}"`);
    const marker = current.digest.endMarkerRow;
    if (marker !== undefined) throw this.#fail(`row ${marker} of table "${table}" starts with "\\.", which PostgreSQL reads as the end of the data`);
    const summary: TableSummary = { name: table, rows: current.digest.rows, sha256: current.digest.sha256() };
    this.#summaries.push(summary);
    this.#current = undefined;
    this.#state = 'betweenTables';
    return summary;
  }

  trailer(): Trailer {
    this.#expect('betweenTables', 'TRAILER');
    const missing = this.#tableNames[this.#summaries.length];
    if (missing !== undefined) throw this.#fail(`TRAILER before table "${missing}" of the manifest`);
    this.#state = 'afterTrailer';
    return {
      tables: [...this.#summaries],
      totalRows: this.#summaries.reduce((sum, t) => sum + t.rows, 0),
    };
  }

  end(): void {
    this.#expect('afterTrailer', 'END');
    this.#state = 'ended';
  }

  #expect(state: State, what: string): void {
    if (this.#state === state) return;
    const expected: Record<State, string> = {
      start: 'MANIFEST',
      betweenTables: 'TABLE_BEGIN or TRAILER',
      inTable: `TABLE_DATA or TABLE_END of "${this.#current?.name}"`,
      afterTrailer: 'END',
      ended: 'nothing',
    };
    throw this.#fail(`${what} out of order: expected ${expected[this.#state]}`);
  }
}
