/**
 * Files of format version 1 stay readable: the fixture `fixtures/format-v1.erpbak` was written by
 * the version-1 writer (public schema only, bare table names) from `v1-schema.sql` and
 * `v1-data.sql`, with the key 11…11. It verifies, and restores into a database built from the same
 * DDL, with the same rows and sequence values as the database it was taken from.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyring } from '../../src/lib/backup/crypto/keys';
import { restoreDatabase } from '../../src/lib/backup/restore/restore-database';
import { verifyBackupStream } from '../../src/lib/backup/verify/verify-backup';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot } from '../helpers/data-snapshot';
import { withClient } from '../helpers/pg';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const FIXTURE = path.join(fixtures, 'format-v1.erpbak');
const keyring = createKeyring('11'.repeat(32));
const runFile = async (db: TestDatabase, name: string) => {
  const sql = await readFile(path.join(fixtures, name), 'utf8');
  await withClient(db.url, (c) => c.query(sql));
};

describe('a version-1 backup file', () => {
  let original: TestDatabase;
  let target: TestDatabase;

  beforeAll(async () => {
    [original, target] = await Promise.all([createEmptyDatabase('erp_v1_'), createEmptyDatabase('erp_v1_')]);
    await Promise.all([runFile(original, 'v1-schema.sql'), runFile(target, 'v1-schema.sql')]);
    await runFile(original, 'v1-data.sql');
  });
  afterAll(async () => {
    await Promise.all([original?.drop(), target?.drop()]);
  });

  it('verifies, read into the current manifest shape', async () => {
    const result = await verifyBackupStream(createReadStream(FIXTURE), keyring);
    expect(result.manifest.formatVersion).toBe(1);
    expect(result.manifest.tables.map((t) => [t.name, t.schema, t.table])).toEqual([
      ['Author', 'public', 'Author'],
      ['Book', 'public', 'Book'],
    ]);
    expect(result.manifest.sequences.map((s) => `${s.schema}.${s.sequence}=${s.value}`)).toEqual(['public.Author_id_seq=3', 'public.Book_id_seq=41']);
    expect(result.rows).toBe(6);
  });

  it('restores the rows and sequences it was taken with', async () => {
    await withClient(target.url, (c) => c.query(`INSERT INTO "Author" (name) VALUES ('to be replaced')`));
    await restoreDatabase({ targetUrl: target.url, source: createReadStream(FIXTURE), keyring });
    expect(await dataSnapshot(target.url)).toEqual(await dataSnapshot(original.url));
  });
});
