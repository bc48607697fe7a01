/**
 * The test corpus: schemas that are not the demo one, in plain SQL as a third-party ERP would
 * ship them (tests/corpus/<name>/schema.sql, data.sql, changes.sql). `createCorpusDatabase`
 * builds one in a fresh database (DDL only, or DDL and data); `runSqlFile` applies a file;
 * `fingerprint` is the content of every table, sequence and materialized view in every schema
 * (data-snapshot.ts), plus the state of every user trigger.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot, type DataSnapshot } from '../helpers/data-snapshot';
import { withClient } from '../helpers/pg';

export const CORPUS_NAMES = ['ledger', 'library'] as const;
export type CorpusName = (typeof CORPUS_NAMES)[number];

export function corpusFile(name: CorpusName, file: 'schema.sql' | 'data.sql' | 'changes.sql'): string {
  return path.join(import.meta.dirname, name, file);
}

export async function runSqlFile(url: string, file: string): Promise<void> {
  const sql = await readFile(file, 'utf8');
  await withClient(url, (c) => c.query(sql).then(() => undefined));
}

export async function createCorpusDatabase(name: CorpusName, options: { withData: boolean }): Promise<TestDatabase> {
  const db = await createEmptyDatabase(`erp_corpus_${name}_`);
  await runSqlFile(db.url, corpusFile(name, 'schema.sql'));
  if (options.withData) await runSqlFile(db.url, corpusFile(name, 'data.sql'));
  return db;
}

export interface Fingerprint extends DataSnapshot {
  triggers: string[];
}

export async function fingerprint(url: string): Promise<Fingerprint> {
  const data = await dataSnapshot(url);
  const triggers = await withClient(url, async (c) => {
    const { rows } = await c.query<{ line: string }>(
      `SELECT t.tgrelid::regclass::text || ' ' || t.tgname || ' ' || t.tgenabled::text AS line
         FROM pg_trigger t WHERE NOT t.tgisinternal ORDER BY 1`,
    );
    return rows.map((r) => r.line);
  });
  return { ...data, triggers };
}
