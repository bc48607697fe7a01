import { Writable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BackupError } from '../errors';
import { FRAME_HEADER_LENGTH, FrameType, MAX_TABLE_DATA_BODY } from './constants';
import { FrameParser } from './frame-parser';
import { decodePayload } from './payload-reader';
import { createPayloadStream, encodePayload, type PayloadInput } from './payload-writer';
import type { TableSummary, Trailer } from './trailer';
import { collect, randomCopyData, sampleManifest, summarize } from '../../../../tests/helpers/payload-builder';

const TABLES = ['public.school', 'public.student'];

function* inputs(data: Record<string, Buffer[]>, manifest = sampleManifest(Object.keys(data))): Generator<PayloadInput> {
  yield { type: 'manifest', manifest };
  for (const [table, chunks] of Object.entries(data)) {
    yield { type: 'tableBegin', table };
    for (const chunk of chunks) yield { type: 'tableData', table, chunk };
    yield { type: 'tableEnd', table };
  }
}

const encode = async (source: Iterable<PayloadInput>) => Buffer.concat(await collect(encodePayload(source)));

function frames(bytes: Buffer) {
  const parser = new FrameParser();
  parser.push(bytes);
  const out = [];
  for (let f = parser.next(); f; f = parser.next()) out.push(f);
  parser.finish();
  return out;
}

describe('encodePayload', () => {
  it('round-trips through decodePayload and reports each table', async () => {
    const school = Buffer.from('1\tNorth\n2\tSouth\n');
    const student = randomCopyData(2.5 * MAX_TABLE_DATA_BODY);
    const summaries: TableSummary[] = [];
    let trailer: Trailer | undefined;
    const bytes = Buffer.concat(
      await collect(
        encodePayload(inputs({ [TABLES[0]!]: [school], [TABLES[1]!]: [student], 'public.empty': [] }), {
          onTableEnd: (s) => summaries.push(s),
          onTrailer: (t) => (trailer = t),
        }),
      ),
    );

    const expected = [summarize(TABLES[0]!, school), summarize(TABLES[1]!, student), summarize('public.empty', Buffer.alloc(0))];
    expect(summaries).toEqual(expected);
    expect(trailer).toEqual({ tables: expected, totalRows: expected.reduce((n, t) => n + t.rows, 0) });

    const events = await collect(decodePayload([bytes]));
    expect(events.at(-1)).toEqual({ type: 'trailer', trailer });
    const studentData = Buffer.concat(events.flatMap((e) => (e.type === 'tableData' && e.table === TABLES[1] ? [e.chunk] : [])));
    expect(studentData.equals(student)).toBe(true);
  });

  it('cuts data into full frames, whatever the input chunks', async () => {
    const data = randomCopyData(2 * MAX_TABLE_DATA_BODY + 10);
    const oneChunk = await encode(inputs({ t: [data] }));
    const pieces: Buffer[] = [];
    for (let i = 0; i < data.length; i += 7777) pieces.push(data.subarray(i, i + 7777));
    const manyChunks = await encode(inputs({ t: [Buffer.alloc(0), ...pieces] }));
    expect(manyChunks.equals(oneChunk)).toBe(true);

    const dataSizes = frames(oneChunk).filter((f) => f.type === FrameType.TableData).map((f) => f.body.length);
    expect(dataSizes).toEqual([MAX_TABLE_DATA_BODY, MAX_TABLE_DATA_BODY, 10]);
  });

  it('writes no data frame for an empty table', async () => {
    const types = frames(await encode(inputs({ t: [Buffer.alloc(0)] }))).map((f) => String.fromCharCode(f.type));
    expect(types.join('')).toBe('MBETZ');
  });

  describe('refuses events out of order as an internal error', () => {
    const m = { type: 'manifest', manifest: sampleManifest(TABLES) } as const;
    const begin = (table: string) => ({ type: 'tableBegin', table }) as const;
    const end = (table: string) => ({ type: 'tableEnd', table }) as const;
    const data = (table: string) => ({ type: 'tableData', table, chunk: Buffer.from('x\n') }) as const;
    it.each<[string, PayloadInput[]]>([
      ['no manifest', [begin(TABLES[0]!)]],
      ['two manifests', [m, m]],
      ['a table out of manifest order', [m, begin(TABLES[1]!)]],
      ['data outside a table', [m, data(TABLES[0]!)]],
      ['data for another table', [m, begin(TABLES[0]!), data(TABLES[1]!)]],
      ['end of another table', [m, begin(TABLES[0]!), end(TABLES[1]!)]],
      ['a missing table', [m, begin(TABLES[0]!), end(TABLES[0]!)]],
      ['an unfinished table', [m, begin(TABLES[0]!)]],
      ['an empty source', []],
    ])('%s', async (_name, events) => {
      const error = await encode(events).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect(error).toMatchObject({ code: 'INTERNAL' });
    });
  });

  it('rejects an invalid manifest before writing it', async () => {
    const bad = { ...sampleManifest([]), createdAt: 'now' };
    await expect(encode([{ type: 'manifest', manifest: bad }])).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('createPayloadStream', () => {
  it('pulls COPY chunks only as fast as they are read, and releases the source when destroyed', async () => {
    let pulled = 0;
    let released = false;
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    async function* endless(): AsyncGenerator<PayloadInput> {
      try {
        yield { type: 'manifest', manifest: sampleManifest(['t']) };
        yield { type: 'tableBegin', table: 't' };
        for (;;) {
          pulled += 1;
          yield { type: 'tableData', table: 't', chunk };
        }
      } finally {
        released = true;
      }
    }
    const stream = createPayloadStream(endless());
    const stalledDisk = new Writable({ write: () => {} });
    stream.pipe(stalledDisk);
    for (let i = 0; i < 50; i++) await tick();
    const chunksPerFrame = MAX_TABLE_DATA_BODY / chunk.length;
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThanOrEqual(3 * chunksPerFrame);
    const before = pulled;
    for (let i = 0; i < 50; i++) await tick();
    expect(pulled).toBe(before);

    stream.destroy();
    await new Promise((resolve) => stream.once('close', resolve));
    expect(released).toBe(true);
  });

  it('is a byte stream that round-trips', async () => {
    const stream = createPayloadStream(inputs({ t: [Buffer.from('a\nb\n')] }));
    expect(stream.readableObjectMode).toBe(false);
    const events = await collect(decodePayload(stream));
    expect(events.map((e) => e.type)).toEqual(['manifest', 'tableBegin', 'tableData', 'tableEnd', 'trailer']);
    expect(FRAME_HEADER_LENGTH).toBe(5);
  });

  it('emits one error and no end when the source fails', async () => {
    async function* failing(): AsyncGenerator<PayloadInput> {
      yield { type: 'manifest', manifest: sampleManifest(['t']) };
      throw new Error('connection lost');
    }
    const stream = createPayloadStream(failing());
    const seen: string[] = [];
    stream.on('error', (e) => seen.push(`error:${e.message}`));
    stream.on('end', () => seen.push('end'));
    stream.resume();
    await new Promise((resolve) => stream.once('close', resolve));
    expect(seen).toEqual(['error:connection lost']);
  });
});
