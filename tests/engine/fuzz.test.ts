/**
 * Fuzzing the payload parser and the restore with files sealed with the right key, so that
 * every case gets past the cryptography: corrupted frames (flipped, cut, inserted, duplicated,
 * swapped bytes), lying counts, and COPY data that only PostgreSQL can judge (`\.` lines, extra
 * or missing columns, invalid UTF-8). Bounded, seeded iterations. Every case must end in a typed
 * BackupError (never INTERNAL) and leave the target database exactly as it was.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError } from '../../src/lib/backup/errors';
import { FrameType } from '../../src/lib/backup/format/constants';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot, type DataSnapshot } from '../helpers/data-snapshot';
import { createEngineFixture, type EngineFixture } from '../helpers/engine';
import { encodeContent, readBackupContent, sealPayload, type BackupContent } from '../helpers/crafted-backup';
import { withClient } from '../helpers/pg';

const ITERATIONS = 50;
/** Replaced by the bytes FF FE, which are never valid UTF-8. */
const INVALID_UTF8_MARK = '<<invalid utf-8>>';
const DDL = `CREATE SCHEMA school;
  CREATE TABLE school.pupil (id integer PRIMARY KEY, name text NOT NULL, born date);
  CREATE TABLE school.mark (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, pupil integer REFERENCES school.pupil (id), score numeric);`;

/** mulberry32: a small seeded PRNG, so a failure replays. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Frame {
  type: number;
  body: Buffer;
}

function splitFrames(payload: Buffer): Frame[] {
  const frames: Frame[] = [];
  for (let at = 0; at < payload.length; ) {
    const length = payload.readUInt32BE(at + 1);
    frames.push({ type: payload[at]!, body: payload.subarray(at + 5, at + 5 + length) });
    at += 5 + length;
  }
  return frames;
}

function joinFrames(frames: Frame[]): Buffer {
  return Buffer.concat(
    frames.flatMap((f) => {
      const header = Buffer.alloc(5);
      header.writeUInt8(f.type, 0);
      header.writeUInt32BE(f.body.length, 1);
      return [header, f.body];
    }),
  );
}

describe('fuzzed backups sealed with the right key', () => {
  let engine: EngineFixture;
  let source: TestDatabase;
  let target: TestDatabase;
  let content: BackupContent;
  let honest: Buffer;
  let before: DataSnapshot;

  beforeAll(async () => {
    engine = await createEngineFixture();
    [source, target] = await Promise.all([createEmptyDatabase('erp_fuzz_'), createEmptyDatabase('erp_fuzz_')]);
    for (const db of [source, target]) await withClient(db.url, (c) => c.query(DDL));
    await withClient(source.url, (c) =>
      c.query(`INSERT INTO school.pupil SELECT g, 'Pupil ' || g, date '2010-01-01' + g FROM generate_series(1, 30) g;
               INSERT INTO school.mark (pupil, score) SELECT 1 + g % 30, g / 7.0 FROM generate_series(1, 60) g;`),
    );
    await withClient(target.url, (c) => c.query(`INSERT INTO school.pupil VALUES (99, 'Kept', NULL); INSERT INTO school.mark (pupil, score) VALUES (99, 1)`));
    const backup = await engine.backup(source.url);
    content = await readBackupContent(backup.path, engine.keyring);
    honest = await encodeContent(content);
    before = await dataSnapshot(target.url);
  });
  afterAll(async () => {
    await Promise.all([source?.drop(), target?.drop(), engine?.cleanup()]);
  });

  /** Payload-level and content-level mutations, each of which makes the file wrong. */
  const mutations: Record<string, (rand: () => number) => Promise<Buffer> | Buffer> = {
    'flip a byte': (rand) => {
      const copy = Buffer.from(honest);
      const at = Math.floor(rand() * copy.length);
      copy[at] = copy[at]! ^ (1 + Math.floor(rand() * 255));
      return copy;
    },
    'cut the payload': (rand) => honest.subarray(0, Math.floor(rand() * honest.length)),
    'insert bytes': (rand) => {
      const at = Math.floor(rand() * honest.length);
      const junk = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 256)));
      return Buffer.concat([honest.subarray(0, at), junk, honest.subarray(at)]);
    },
    'duplicate a frame': (rand) => {
      const frames = splitFrames(honest);
      const at = 1 + Math.floor(rand() * (frames.length - 2));
      frames.splice(at, 0, frames[at]!);
      return joinFrames(frames);
    },
    'swap two frames': (rand) => {
      const frames = splitFrames(honest);
      const a = Math.floor(rand() * frames.length);
      const b = (a + 1 + Math.floor(rand() * (frames.length - 1))) % frames.length;
      [frames[a], frames[b]] = [frames[b]!, frames[a]!];
      return joinFrames(frames);
    },
    'lie about a row count': (rand) => {
      const frames = splitFrames(honest);
      const ends = frames.filter((f) => f.type === FrameType.TableEnd);
      const end = ends[Math.floor(rand() * ends.length)]!;
      const marker = JSON.parse(end.body.toString()) as { table: string; rows: number };
      const delta = rand() < 0.5 ? -1 : 1;
      end.body = Buffer.from(JSON.stringify({ ...marker, rows: marker.rows + delta }));
      const trailerFrame = frames.find((f) => f.type === FrameType.Trailer)!;
      const trailer = JSON.parse(trailerFrame.body.toString()) as { tables: { name: string; rows: number }[]; totalRows: number };
      for (const t of trailer.tables) if (t.name === marker.table) t.rows += delta;
      trailer.totalRows += delta;
      trailerFrame.body = Buffer.from(JSON.stringify(trailer));
      return joinFrames(frames);
    },
    'hide rows after a \\. line': (rand) => withTableData(rand, (lines, at) => lines.splice(at, 0, '\\.')),
    'add a column to a row': (rand) => withTableData(rand, (lines, at) => (lines[at] = `${lines[at]}\textra`)),
    'drop a column from a row': (rand) => withTableData(rand, (lines, at) => (lines[at] = lines[at]!.split('\t').slice(1).join('\t'))),
    'break the UTF-8 of a row': (rand) => withTableData(rand, (lines, at) => (lines[at] = lines[at]!.replace('\t', `\t${INVALID_UTF8_MARK}`))),
  };

  /** Re-encodes the content with one table's rows edited; counts and checksums stay honest. */
  async function withTableData(rand: () => number, edit: (lines: string[], at: number) => void): Promise<Buffer> {
    const names = [...content.tables.keys()];
    const name = names[Math.floor(rand() * names.length)]!;
    const lines = content.tables.get(name)!.toString('utf8').split('\n').slice(0, -1);
    edit(lines, Math.floor(rand() * lines.length));
    let data = Buffer.from(`${lines.join('\n')}\n`);
    const mark = data.indexOf(INVALID_UTF8_MARK);
    if (mark !== -1) data = Buffer.concat([data.subarray(0, mark), Buffer.from([0xff, 0xfe]), data.subarray(mark + INVALID_UTF8_MARK.length)]);
    const edited = { manifest: content.manifest, tables: new Map(content.tables).set(name, data) };
    return encodeContent(edited);
  }

  it(`refuses ${ITERATIONS} mutated files with typed errors and changes nothing`, { timeout: 120_000 }, async () => {
    const rand = random(20261201);
    const names = Object.keys(mutations);
    const seen: Record<string, string[]> = {};
    for (let i = 0; i < ITERATIONS; i++) {
      const name = names[i % names.length]!;
      const payload = await mutations[name]!(rand);
      const file = await sealPayload(payload, path.join(engine.dir, `fuzz-${i}.erpbak`), engine.keyring);
      const outcome = await engine.restore(target.url, file).then(
        () => 'restored',
        (error: unknown) => (error instanceof BackupError ? error.code : `untyped ${String(error)}`),
      );
      (seen[name] ??= []).push(outcome);
      expect(outcome, `iteration ${i} (${name})`).toMatch(/^(CORRUPT|TRUNCATED|CHECKSUM_MISMATCH|NOT_A_BACKUP|UNSUPPORTED_VERSION|SCHEMA_MISMATCH)$/);
      if (i % 6 === 5) expect(await dataSnapshot(target.url), `after iteration ${i} (${name})`).toEqual(before);
    }
    expect(await dataSnapshot(target.url)).toEqual(before);
    expect(Object.keys(seen)).toEqual(names);
  });
});
