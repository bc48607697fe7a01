/**
 * Payload reader (FORMAT.md §6, §7, §9): turns the decompressed payload,
 * cut into chunks anywhere, into events.
 *
 * Every check of §9 happens here: frame bounds and types (frame-parser.ts),
 * frame order and manifest table order (payload-sequence.ts), and each
 * table's row count and SHA-256, recomputed from the data and compared with
 * TABLE_END (`ChecksumMismatchError`) and the TRAILER.
 *
 * Events come in payload order. `tableData` chunks are whole TABLE_DATA
 * bodies (at most MAX_TABLE_DATA_BODY bytes), so the events do not depend on
 * how the input was cut. The `trailer` event is yielded last, only after END
 * was read and the source ended with no byte after it; when the generator
 * returns normally, the payload is valid. The caller still MUST wait for the
 * source itself to end without error (the GCM tag check, FORMAT.md §4.6)
 * before committing anything: the source erroring makes this generator throw.
 */
import { ChecksumMismatchError, CorruptBackupError, TruncatedBackupError } from '../errors';
import { FrameType } from './constants';
import { type Frame, FrameParser } from './frame-parser';
import { decodeJsonBody } from './json-body';
import { decodeManifestBody, type Manifest } from './manifest';
import { PayloadSequence } from './payload-sequence';
import { tableBeginSchema, tableEndSchema } from './table-markers';
import { type Trailer, trailerSchema } from './trailer';

export type PayloadEvent =
  | { readonly type: 'manifest'; readonly manifest: Manifest }
  | { readonly type: 'tableBegin'; readonly table: string }
  | { readonly type: 'tableData'; readonly table: string; readonly chunk: Buffer }
  | { readonly type: 'tableEnd'; readonly table: string; readonly rows: number; readonly sha256: string }
  | { readonly type: 'trailer'; readonly trailer: Trailer };

export async function* decodePayload(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<PayloadEvent, void, undefined> {
  const parser = new FrameParser();
  const sequence = new PayloadSequence((detail) => new CorruptBackupError(detail));
  let trailer: Trailer | undefined;

  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    if (sequence.ended) throw new CorruptBackupError('there are bytes after the END frame');
    parser.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    for (let frame = parser.next(); frame; frame = parser.next()) {
      if (sequence.ended) throw new CorruptBackupError('there is a frame after the END frame');
      if (frame.type === FrameType.Trailer) trailer = readTrailer(frame, sequence);
      else if (frame.type === FrameType.End) sequence.end();
      else yield readFrame(frame, sequence);
    }
    if (sequence.ended && parser.buffered > 0) throw new CorruptBackupError('there are bytes after the END frame');
  }

  parser.finish();
  if (!sequence.ended) {
    throw new TruncatedBackupError(
      trailer ? 'the payload ends before its END frame' : 'the payload ends before its trailer',
    );
  }
  yield { type: 'trailer', trailer: trailer! };
}

function readFrame(frame: Frame, sequence: PayloadSequence): PayloadEvent {
  switch (frame.type) {
    case FrameType.Manifest: {
      if (!sequence.expectsManifest) throw new CorruptBackupError('a second MANIFEST frame');
      const manifest = decodeManifestBody(frame.body);
      sequence.manifest(manifest);
      return { type: 'manifest', manifest };
    }
    case FrameType.TableBegin: {
      const { table } = decodeJsonBody(frame.body, tableBeginSchema, 'TABLE_BEGIN frame');
      sequence.beginTable(table);
      return { type: 'tableBegin', table };
    }
    case FrameType.TableData: {
      sequence.data(undefined, frame.body);
      return { type: 'tableData', table: sequence.currentTable!, chunk: frame.body };
    }
    case FrameType.TableEnd: {
      const recorded = decodeJsonBody(frame.body, tableEndSchema, 'TABLE_END frame');
      const actual = sequence.endTable(recorded.table);
      compareSummary(recorded.table, 'TABLE_END', recorded, actual);
      return { type: 'tableEnd', table: recorded.table, rows: actual.rows, sha256: actual.sha256 };
    }
    default:
      throw new CorruptBackupError(`unexpected frame type ${frame.type}`);
  }
}

function readTrailer(frame: Frame, sequence: PayloadSequence): Trailer {
  const recorded = decodeJsonBody(frame.body, trailerSchema, 'trailer');
  const actual = sequence.trailer();
  if (recorded.tables.length !== actual.tables.length) {
    throw new CorruptBackupError(
      `the trailer lists ${recorded.tables.length} tables, the payload holds ${actual.tables.length}`,
    );
  }
  actual.tables.forEach((table, i) => {
    const entry = recorded.tables[i]!;
    if (entry.name !== table.name) {
      throw new CorruptBackupError(`trailer entry ${i + 1} names "${entry.name}", the payload holds "${table.name}"`);
    }
    compareSummary(table.name, 'the trailer', entry, table);
  });
  if (recorded.totalRows !== actual.totalRows) {
    throw new CorruptBackupError(`the trailer's total of ${recorded.totalRows} rows does not add up (${actual.totalRows})`);
  }
  return recorded;
}

function compareSummary(
  table: string,
  where: string,
  recorded: { rows: number; sha256: string },
  actual: { rows: number; sha256: string },
): void {
  if (recorded.rows !== actual.rows) {
    throw new ChecksumMismatchError(table, `${where} records ${recorded.rows} rows, the data holds ${actual.rows}`);
  }
  if (recorded.sha256 !== actual.sha256) {
    throw new ChecksumMismatchError(table, `${where} records SHA-256 ${recorded.sha256}, the data hashes to ${actual.sha256}`);
  }
}
