import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../../../../tests/helpers/database';
import { copyToStream } from './copy-to-stream';
import { connectFor } from './connect';

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function copyData(content: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header[0] = 0x64;
  header.writeUInt32BE(content.length + 4, 1);
  return Buffer.concat([header, content]);
}

/** Rows of varied sizes (header and content split points land everywhere), one message each. */
const ROWS = ['a\n', '', 'tab\there\n', 'x'.repeat(300) + '\n', 'é\\N\n'].map((r) => Buffer.from(r));
const MESSAGES = Buffer.concat([...ROWS.map(copyData), Buffer.from([0x4e, 0, 0, 0, 6, 0x53, 0]), copyData(Buffer.from('last\n'))]);
const CONTENT = Buffer.concat([...ROWS, Buffer.from('last\n')]);

describe('copyToStream', () => {
  it('returns the content of the CopyData messages, skipping notices, wherever the input is cut', async () => {
    for (let cut = 0; cut <= MESSAGES.length; cut += 1) {
      const stream = copyToStream('COPY t TO STDOUT') as unknown as { _parse(chunk: Buffer): unknown; read(): Buffer | null };
      const input = Buffer.from(MESSAGES); // parsed in place: a fresh copy for every cut
      stream._parse(input.subarray(0, cut));
      stream._parse(input.subarray(cut));
      const out: Buffer[] = [];
      for (let chunk = stream.read(); chunk; chunk = stream.read()) out.push(chunk);
      expect(Buffer.concat(out).equals(CONTENT), `cut at ${cut}`).toBe(true);
    }
  });

  describe('against PostgreSQL', () => {
    let db: TestDatabase;
    let client: pg.Client;
    beforeAll(async () => {
      db = await createEmptyDatabase('erp_copyto_');
      client = await connectFor(db.url, 'copy-to-stream-test', 'for the test');
      await client.query(`CREATE FUNCTION noisy(i int) RETURNS int LANGUAGE plpgsql AS $$
        BEGIN IF i % 997 = 0 THEN RAISE NOTICE 'row %', i; END IF; RETURN i; END $$`);
    });
    afterAll(async () => {
      await client.end();
      await db.drop();
    });

    const ROWS_SQL = `SELECT noisy(i), repeat(md5(i::text), i % 2500), CASE WHEN i % 7 = 0 THEN NULL ELSE E'tab\\there' END
                        FROM generate_series(1, 6000) i`;

    it('yields exactly what pg-copy-streams yields, and gives the connection back', async () => {
      const ours = await collect(client.query(copyToStream(`COPY (${ROWS_SQL}) TO STDOUT`)));
      const theirs = await collect(client.query(copyTo(`COPY (${ROWS_SQL}) TO STDOUT`)));
      expect(ours.length).toBeGreaterThan(10_000_000);
      expect(ours.equals(theirs)).toBe(true);
      const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
      expect(rows[0]!.one).toBe(1);
    });

    it('fails with the server error raised mid-copy, once, and the connection stays usable', async () => {
      const stream = client.query(copyToStream('COPY (SELECT 1 / (i - 40000) FROM generate_series(1, 50000) i) TO STDOUT'));
      const errors: Error[] = [];
      stream.on('error', (error: Error) => errors.push(error));
      let bytes = 0;
      await new Promise<void>((resolve) => {
        stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
        stream.on('close', () => resolve());
        stream.on('error', () => resolve());
      });
      expect(errors.map((e) => e.message)).toEqual(['division by zero']);
      expect(bytes).toBeGreaterThan(0);
      const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
      expect(rows[0]!.one).toBe(1);
    });
  });
});
