/**
 * Which columns the preview may compare with their type's `=` (fast) rather than as text: only
 * those where equality means the same text. A plain numeric holding 1.0 vs 1.00, an interval of
 * '1 day' vs '24 hours' and jsonb must stay text comparisons, so such a change is still seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareTable } from '../../src/lib/backup/preview/compare-table';
import { exactEqualityColumns } from '../../src/lib/backup/preview/exact-equality';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database';
import { withClient } from '../helpers/pg';

const COLUMNS = ['id', 'n', 'n2', 'f', 'i', 'j', 't', 'v', 'e', 'tags', 'amounts', 'ts', 'u', 'b'];

describe('exact equality columns', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createEmptyDatabase('erp_pv_exact_');
    await withClient(db.url, async (c) => {
      await c.query(`CREATE TYPE mood AS ENUM ('ok', 'sad')`);
      await c.query(`CREATE TABLE sample (id int PRIMARY KEY, n numeric, n2 numeric(5,2), f float8, i interval, j jsonb, t text, v varchar(10),
        e mood, tags text[], amounts numeric(8,2)[], ts timestamptz, u uuid, b bytea)`);
    });
  });
  afterAll(() => db?.drop());

  it('lists only the columns whose typed equality agrees with their text', async () => {
    const exact = await withClient(db.url, (c) => exactEqualityColumns(c, 'public.sample'));
    expect([...exact].sort()).toEqual(['amounts', 'b', 'e', 'id', 'n2', 'tags', 't', 'ts', 'u', 'v'].sort());
  });

  it('still sees a change that typed equality would hide', async () => {
    const report = await withClient(db.url, async (c) => {
      await c.query(`CREATE TEMP TABLE before (LIKE public.sample)`);
      await c.query(`INSERT INTO before (id, n, i, j, t) VALUES (1, 1.0, '1 day', '{"a": 1}', 'x'), (2, 2, '1 day', '{}', 'y'), (3, 3, NULL, NULL, 'z')`);
      await c.query(`INSERT INTO public.sample (id, n, i, j, t) VALUES (1, 1.00, '1 day', '{"a": 1}', 'x'), (2, 2, '24 hours', '{}', 'y'), (3, 3, NULL, NULL, 'Z')`);
      return compareTable(c, {
        table: 'sample',
        before: 'pg_temp.before',
        after: 'public.sample',
        columns: COLUMNS,
        exactColumns: await exactEqualityColumns(c, 'public.sample'),
        key: ['id'],
        backupRows: 3,
        limit: 10,
      });
    });
    expect(report.changed).toBe(3);
    expect(report.samples.changed.map((r) => r.changes)).toEqual([
      [{ column: 'n', before: '1.0', after: '1.00' }],
      [{ column: 'i', before: '1 day', after: '24:00:00' }],
      [{ column: 't', before: 'z', after: 'Z' }],
    ]);
  });
});
