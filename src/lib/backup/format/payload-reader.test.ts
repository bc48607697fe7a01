import { describe, expect, it } from 'vitest';
import {
  ChecksumMismatchError,
  CorruptBackupError,
  NotABackupError,
  TruncatedBackupError,
  UnsupportedVersionError,
} from '../errors';
import { FrameType, MAGIC } from './constants';
import { decodePayload, type PayloadEvent } from './payload-reader';
import { chunksOf, collect, PayloadBuilder, sampleManifest, summarize, validPayload } from '../../../../tests/helpers/payload-builder';

const decode = (...chunks: Buffer[]) => collect(decodePayload(chunksOf(...chunks)));

/** Events with Buffers turned into strings, for readable diffs. */
const plain = (events: PayloadEvent[]) =>
  events.map((e) => (e.type === 'tableData' ? { ...e, chunk: e.chunk.toString() } : e));

describe('decodePayload', () => {
  it('yields the events of a valid payload, trailer last', async () => {
    const events = plain(await decode(validPayload()));
    const school = summarize('public.school', Buffer.from('1\tNorth\n2\tSouth\n'));
    expect(events).toEqual([
      { type: 'manifest', manifest: sampleManifest() },
      { type: 'tableBegin', table: 'public.school' },
      { type: 'tableData', table: 'public.school', chunk: '1\tNorth\n2\tSo' },
      { type: 'tableData', table: 'public.school', chunk: 'uth\n' },
      { type: 'tableEnd', table: 'public.school', rows: 2, sha256: school.sha256 },
      { type: 'tableBegin', table: 'public.student' },
      { type: 'tableData', table: 'public.student', chunk: '1\tAda\t\\N\n' },
      { type: 'tableData', table: 'public.student', chunk: '2\tBo' },
      { type: 'tableData', table: 'public.student', chunk: 'b\t2020-01-01\n' },
      { type: 'tableData', table: 'public.student', chunk: '3\tC\\na\n' },
      expect.objectContaining({ type: 'tableEnd', table: 'public.student', rows: 3 }),
      { type: 'trailer', trailer: { tables: [school, expect.objectContaining({ rows: 3 })], totalRows: 5 } },
    ]);
  });

  it('yields identical events however the input is cut', async () => {
    const bytes = validPayload();
    const expected = await decode(bytes);
    for (let i = 0; i <= bytes.length; i++) {
      expect(await decode(bytes.subarray(0, i), bytes.subarray(i)), `split at ${i}`).toEqual(expected);
    }
    for (let i = 0; i + 7 <= bytes.length; i += 5) {
      const pieces = [bytes.subarray(0, i), bytes.subarray(i, i + 7), bytes.subarray(i + 7)];
      expect(await decode(...pieces), `split at ${i} and ${i + 7}`).toEqual(expected);
    }
    expect(await decode(...[...bytes].map((b) => Buffer.from([b])))).toEqual(expected);
  });

  it('accepts a manifest with no tables', async () => {
    const bytes = new PayloadBuilder().manifest(sampleManifest([])).trailer().end().build();
    expect((await decode(bytes)).map((e) => e.type)).toEqual(['manifest', 'trailer']);
  });

  it('reports every strict prefix of a valid payload as truncated', async () => {
    const bytes = validPayload();
    for (let cut = 0; cut < bytes.length; cut++) {
      await expect(decode(bytes.subarray(0, cut)), `cut at ${cut}`).rejects.toThrow(TruncatedBackupError);
    }
  });

  it('reports the missing END and the missing trailer precisely', async () => {
    const noEnd = new PayloadBuilder().manifest().table('public.school', []).table('public.student', []).trailer();
    await expect(decode(noEnd.build())).rejects.toThrow(/ends before its END frame/);
    const noTrailer = new PayloadBuilder().manifest().table('public.school', []);
    await expect(decode(noTrailer.build())).rejects.toThrow(/ends before its trailer/);
  });

  describe('rejects bytes after END', () => {
    const bytes = validPayload();
    it.each([
      ['in the same chunk', [Buffer.concat([bytes, Buffer.from([0])])]],
      ['in a later chunk', [bytes, Buffer.from('x')]],
      ['as a whole frame', [bytes, new PayloadBuilder().end().build()]],
      ['as a partial header', [Buffer.concat([bytes, Buffer.from([0x5a, 0])])]],
    ])('%s', async (_name, chunks) => {
      await expect(decode(...chunks)).rejects.toThrow(CorruptBackupError);
    });
  });

  it('ignores empty chunks after END', async () => {
    await expect(decode(validPayload(), Buffer.alloc(0))).resolves.toHaveLength(12);
  });

  it('rejects content that does not start with a manifest frame', async () => {
    await expect(decode(Buffer.from('id\tname\n1\tAda\n'))).rejects.toThrow(NotABackupError);
    await expect(decode(new PayloadBuilder().manifest(sampleManifest(), Buffer.from('PGDMP\0\0\0')).build())).rejects.toThrow(
      NotABackupError,
    );
  });

  it('rejects a newer format version', async () => {
    const bytes = new PayloadBuilder().manifest({ formatName: 'erp-backup', formatVersion: 7 }).frame(0x21, 'new').build();
    await expect(decode(bytes)).rejects.toThrow(UnsupportedVersionError);
  });

  it('rejects an unknown frame type', async () => {
    const bytes = new PayloadBuilder().manifest().frame(0x51, '{}').build();
    await expect(decode(bytes)).rejects.toThrow(/unknown frame type 'Q'/);
  });

  it('rejects a huge length without waiting for its body', async () => {
    const header = Buffer.from([FrameType.TableData, 0xff, 0xff, 0xff, 0xff]);
    async function* neverEnding() {
      yield new PayloadBuilder().manifest().json(FrameType.TableBegin, { table: 'public.school' }).build();
      yield header;
      await new Promise(() => {});
    }
    await expect(collect(decodePayload(neverEnding()))).rejects.toThrow(CorruptBackupError);
  });

  describe('rejects frames out of order', () => {
    const b = () => new PayloadBuilder().manifest();
    it.each([
      ['data before any table', b().frame(FrameType.TableData, 'x\n')],
      ['a table the manifest lists later', b().table('public.student', [])],
      ['a table not in the manifest', b().table('public.other', [])],
      ['the same table twice', b().table('public.school', []).table('public.school', [])],
      ['a table after all manifest tables', b().table('public.school', []).table('public.student', []).table('x', [])],
      ['TABLE_END of another table', b().json(FrameType.TableBegin, { table: 'public.school' }).json(FrameType.TableEnd, { table: 'public.student', rows: 0, sha256: summarize('', Buffer.alloc(0)).sha256 })],
      ['TABLE_BEGIN inside a table', b().json(FrameType.TableBegin, { table: 'public.school' }).json(FrameType.TableBegin, { table: 'public.school' })],
      ['a trailer before all tables', b().table('public.school', []).trailer().end()],
      ['a trailer inside a table', b().json(FrameType.TableBegin, { table: 'public.school' }).trailer().end()],
      ['END before the trailer', b().table('public.school', []).table('public.student', []).end()],
      ['a second manifest', b().manifest()],
      ['a second manifest with another magic', b().manifest(sampleManifest(), Buffer.from('XXXXXXXX'))],
      ['a table after the trailer', b().table('public.school', []).table('public.student', []).trailer().table('public.school', [])],
      ['two trailers', b().table('public.school', []).table('public.student', []).trailer().trailer().end()],
    ])('%s', async (_name, builder) => {
      await expect(decode(builder.build())).rejects.toThrow(CorruptBackupError);
    });
  });

  it('rejects malformed JSON bodies', async () => {
    const notJson = new PayloadBuilder().manifest().frame(FrameType.TableBegin, '{"table":');
    await expect(decode(notJson.build())).rejects.toThrow(/TABLE_BEGIN frame is not valid JSON/);
    const badEnd = new PayloadBuilder().manifest().table('public.school', [], { sha256: 'XYZ' });
    await expect(decode(badEnd.build())).rejects.toThrow(/TABLE_END frame is malformed at sha256/);
  });

  describe('checks row counts and checksums', () => {
    const full = (school: PayloadBuilder) => school.table('public.student', ['1\n']);
    it('TABLE_END rows', async () => {
      const bytes = full(new PayloadBuilder().manifest().table('public.school', ['1\n2\n'], { rows: 3 })).trailer().end().build();
      const error = await decode(bytes).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChecksumMismatchError);
      expect(error).toMatchObject({ table: 'public.school', message: expect.stringMatching(/records 3 rows, the data holds 2/) });
    });

    it('TABLE_END sha256', async () => {
      const sha256 = summarize('', Buffer.from('other')).sha256;
      const bytes = full(new PayloadBuilder().manifest().table('public.school', ['1\n'], { sha256 })).trailer().end().build();
      await expect(decode(bytes)).rejects.toThrow(ChecksumMismatchError);
    });

    it('trailer rows and sha256', async () => {
      const builder = full(new PayloadBuilder().manifest().table('public.school', ['1\n']));
      const [school, student] = builder.summaries;
      const rows = builder.build();
      const badRows = Buffer.concat([rows, new PayloadBuilder().json(FrameType.Trailer, { tables: [school, { ...student, rows: 9 }], totalRows: 10 }).end().build()]);
      await expect(decode(badRows)).rejects.toThrow(ChecksumMismatchError);
      const badSha = Buffer.concat([rows, new PayloadBuilder().json(FrameType.Trailer, { tables: [{ ...school, sha256: student!.sha256.replace(/^./, '0') }, student], totalRows: 2 }).end().build()]);
      await expect(decode(badSha)).rejects.toThrow(ChecksumMismatchError);
    });

    it('trailer table list and total', async () => {
      const base = () => full(new PayloadBuilder().manifest().table('public.school', ['1\n']));
      await expect(decode(base().trailer({ tables: base().summaries.slice(1) }).end().build())).rejects.toThrow(/lists 1 tables, the payload holds 2/);
      await expect(decode(base().trailer({ tables: [...base().summaries].reverse() }).end().build())).rejects.toThrow(/trailer entry 1 names/);
      await expect(decode(base().trailer({ totalRows: 3 }).end().build())).rejects.toThrow(/does not add up/);
    });
  });

  it('rejects a line starting with the end-of-data marker \\., with honest counts, naming the row', async () => {
    const bytes = new PayloadBuilder().manifest().table('public.school', ['1\tNorth\n\\', '.\n2\tSouth\n']).table('public.student', []).trailer().end().build();
    await expect(decode(bytes)).rejects.toThrow(CorruptBackupError);
    await expect(decode(bytes)).rejects.toThrow(/row 2 of table "public.school" starts with/);
  });

  it('passes on an error of its source', async () => {
    async function* failing() {
      yield validPayload().subarray(0, 40);
      throw new CorruptBackupError('tag mismatch');
    }
    await expect(collect(decodePayload(failing()))).rejects.toThrow(/tag mismatch/);
  });

  it('accepts Uint8Array chunks', async () => {
    const bytes = validPayload();
    async function* views() {
      yield new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    }
    expect(await collect(decodePayload(views()))).toEqual(await decode(bytes));
  });

  it('checks the magic bytes are the spec ones', () => {
    expect(validPayload().subarray(5, 13)).toEqual(MAGIC);
  });
});
