/**
 * The selective restore's parent tests (row-sql.ts) on a real PostgreSQL, with a two-column key
 * and NULLs: `parentMissing` holds exactly where `parentPresent` does not (MATCH SIMPLE: a NULL
 * in the key needs no parent), and it is planned as an anti-join — the key check's queries over
 * large live tables then hash or merge instead of running a subplan per row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parentMissing, parentPresent } from '../../src/lib/backup/restore/selective/row-sql';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database';
import { withClient } from '../helpers/pg';

let db: TestDatabase;

const CHILD_COLUMNS = ['pa', 'pb'];
const PARENT = 'pg_temp.parent';

describe('parent tests of a selective restore', () => {
  beforeAll(async () => {
    db = await createEmptyDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('parentMissing names exactly the rows whose key is set and whose parent is gone', async () => {
    await withClient(db.url, async (c) => {
      await c.query(`CREATE TEMPORARY TABLE parent (a int, b int, PRIMARY KEY (a, b))`);
      await c.query(`CREATE TEMPORARY TABLE child (id int PRIMARY KEY, pa int, pb int)`);
      await c.query(`INSERT INTO parent VALUES (1, 1), (2, 1)`);
      // 1: parent present; 2: parent gone; 3, 4: a NULL in the key needs no parent; 5: parent (2, 2) gone although (2, 1) exists.
      await c.query(`INSERT INTO child VALUES (1, 1, 1), (2, 3, 3), (3, NULL, 3), (4, 3, NULL), (5, 2, 2)`);
      const ids = async (where: string) => (await c.query<{ id: number }>(`SELECT id FROM child r WHERE ${where} ORDER BY id`)).rows.map((r) => r.id);
      expect(await ids(parentMissing('r', CHILD_COLUMNS, PARENT, ['a', 'b']))).toEqual([2, 5]);
      expect(await ids(parentPresent('r', CHILD_COLUMNS, PARENT, ['a', 'b']))).toEqual([1, 3, 4]);
    });
  });

  it('parentMissing is planned as an anti-join', async () => {
    await withClient(db.url, async (c) => {
      await c.query(`CREATE TEMPORARY TABLE parent (a int, b int, PRIMARY KEY (a, b))`);
      await c.query(`CREATE TEMPORARY TABLE child (id int PRIMARY KEY, pa int, pb int)`);
      await c.query(`INSERT INTO parent SELECT g, g FROM generate_series(1, 20000) g`);
      await c.query(`INSERT INTO child SELECT g, g, g FROM generate_series(1, 50000) g`);
      await c.query(`ANALYZE parent`);
      await c.query(`ANALYZE child`);
      const { rows } = await c.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (COSTS OFF) SELECT count(*) FROM child r WHERE ${parentMissing('r', CHILD_COLUMNS, PARENT, ['a', 'b'])}`,
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Anti Join/);
      expect(plan).not.toMatch(/SubPlan/);
    });
  });
});
