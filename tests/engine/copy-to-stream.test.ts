/** copy-to-stream.ts against a real server: same bytes as pg-copy-streams, errors mid-COPY, connection reuse. */
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyToStream } from '../../src/lib/backup/database/copy-to-stream';
import { connectFor } from '../../src/lib/backup/database/connect';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database';
import { readAll } from '../helpers/read-all';

describe('copyToStream against PostgreSQL', () => {
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
    const ours = await readAll(client.query(copyToStream(`COPY (${ROWS_SQL}) TO STDOUT`)));
    const theirs = await readAll(client.query(copyTo(`COPY (${ROWS_SQL}) TO STDOUT`)));
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
