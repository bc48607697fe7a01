/**
 * Test-only helpers: a byte builder for payloads (frames written by hand,
 * not hex blobs) and a sample manifest, for the format tests.
 */
import { createHash, randomBytes } from 'node:crypto';
import { FrameType, MAGIC } from '../../src/lib/backup/format/constants';
import type { Manifest } from '../../src/lib/backup/format/manifest';
import type { TableSummary } from '../../src/lib/backup/format/trailer';

export function sampleManifest(tables: readonly string[] = ['public.school', 'public.student']): Manifest {
  return {
    formatName: 'erp-backup',
    formatVersion: 2,
    appVersion: '0.1.0',
    createdAt: '2025-01-31T08:00:00.000Z',
    postgres: { serverVersion: '17.2', database: 'erp' },
    migrations: [{ name: '0001_init', checksum: 'abc123' }],
    tables: tables.map((name) => ({
      name,
      schema: name.split('.')[0]!,
      table: name.split('.').slice(1).join('.') || name,
      columns: [{ name: 'id', type: 'integer' }],
      rowEstimate: 2,
    })),
    sequences: [{ schema: 'public', sequence: 'student_id_seq', value: '9007199254740993', isCalled: true }],
    excluded: [{ name: 'public._prisma_migrations', kind: 'table', reason: 'migration history (the schema, not data)' }],
    keyFingerprint: '0123456789abcdef',
  };
}

/** Random bytes usable as COPY data: no backslash, so no line can start with the `\.` end marker. */
export function randomCopyData(length: number): Buffer {
  const bytes = randomBytes(length);
  for (let i = bytes.indexOf(0x5c); i !== -1; i = bytes.indexOf(0x5c, i + 1)) bytes[i] = 0x5b;
  return bytes;
}

export function summarize(name: string, data: Buffer): TableSummary {
  let rows = 0;
  for (const byte of data) if (byte === 0x0a) rows += 1;
  return { name, rows, sha256: createHash('sha256').update(data).digest('hex') };
}

/** Appends frames; `build()` returns the concatenation. */
export class PayloadBuilder {
  readonly #parts: Buffer[] = [];
  readonly summaries: TableSummary[] = [];

  frame(type: number, body: Buffer | string = Buffer.alloc(0), declaredLength?: number): this {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const header = Buffer.alloc(5);
    header.writeUInt8(type, 0);
    header.writeUInt32BE(declaredLength ?? bytes.length, 1);
    this.#parts.push(header, bytes);
    return this;
  }

  json(type: number, value: unknown): this {
    return this.frame(type, JSON.stringify(value));
  }

  raw(bytes: Buffer | string): this {
    this.#parts.push(typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
    return this;
  }

  manifest(manifest: unknown = sampleManifest(), magic: Buffer = MAGIC as Buffer): this {
    return this.frame(FrameType.Manifest, Buffer.concat([magic, Buffer.from(JSON.stringify(manifest))]));
  }

  /** TABLE_BEGIN, one TABLE_DATA per chunk, and a correct TABLE_END (unless overridden). */
  table(name: string, chunks: readonly (string | Buffer)[], endOverride: Partial<{ rows: number; sha256: string }> = {}): this {
    this.json(FrameType.TableBegin, { table: name });
    for (const chunk of chunks) this.frame(FrameType.TableData, chunk);
    const summary = summarize(name, Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))));
    this.summaries.push(summary);
    return this.json(FrameType.TableEnd, { table: name, rows: summary.rows, sha256: summary.sha256, ...endOverride });
  }

  trailer(override: Partial<{ tables: unknown[]; totalRows: number }> = {}): this {
    const totalRows = this.summaries.reduce((sum, t) => sum + t.rows, 0);
    return this.json(FrameType.Trailer, { tables: this.summaries, totalRows, ...override });
  }

  end(): this {
    return this.frame(FrameType.End);
  }

  build(): Buffer {
    return Buffer.concat(this.#parts);
  }
}

/** A small valid payload with several data frames per table. */
export function validPayload(): Buffer {
  return new PayloadBuilder()
    .manifest()
    .table('public.school', ['1\tNorth\n2\tSo', 'uth\n'])
    .table('public.student', ['1\tAda\t\\N\n', '2\tBo', 'b\t2020-01-01\n', '3\tC\\na\n'])
    .trailer()
    .end()
    .build();
}

export async function* chunksOf(...chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const chunk of chunks) yield chunk;
}

export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}
