/**
 * The preview on schemas that are not the demo one (tests/corpus/*: several schemas, partitions,
 * quoted and spaced names, tables without a key or without columns, every built-in type):
 * after the corpus's changes, exactly the tables whose content changed show differences, the
 * preview writes nothing, and comparing the two backups gives the same counts as comparing the
 * first with the live database.
 */
import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareBackups } from '../../src/lib/backup/preview/compare-backups';
import { previewRestore } from '../../src/lib/backup/preview/preview-restore';
import type { PreviewReport } from '../../src/lib/backup/preview/report';
import { CORPUS_NAMES, corpusFile, createCorpusDatabase, fingerprint, runSqlFile } from '../corpus/corpus-database';
import type { TestDatabase } from '../helpers/database';
import { createEngineFixture, type EngineFixture } from '../helpers/engine';
import { withClient } from '../helpers/pg';

/** Rows per table: the fingerprint's COPY lines cannot tell how many rows a table without columns has. */
async function rowCounts(url: string, tables: readonly string[]): Promise<Record<string, number>> {
  return withClient(url, async (c) => {
    const result: Record<string, number> = {};
    for (const key of tables) {
      const dot = key.indexOf('.');
      const relation = `${c.escapeIdentifier(key.slice(0, dot))}.${c.escapeIdentifier(key.slice(dot + 1))}`;
      result[key] = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ONLY ${relation}`)).rows[0]!.n;
    }
    return result;
  });
}

const counts = (report: PreviewReport) =>
  Object.fromEntries(report.tables.map((t) => [t.table, { missing: t.missing, added: t.added, changed: t.changed, unchanged: t.unchanged }]));

describe.each(CORPUS_NAMES)('preview of corpus "%s"', (name) => {
  let engine: EngineFixture;
  let db: TestDatabase;

  beforeAll(async () => {
    engine = await createEngineFixture();
    db = await createCorpusDatabase(name, { withData: true });
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), engine?.cleanup()]);
  });

  it('shows differences in exactly the tables that changed, and changes nothing', async () => {
    const original = await fingerprint(db.url);
    const tables = Object.keys(original.tables);
    const originalCounts = await rowCounts(db.url, tables);
    const first = await engine.backup(db.url);
    await runSqlFile(db.url, corpusFile(name, 'changes.sql'));
    const changed = await fingerprint(db.url);
    const changedCounts = await rowCounts(db.url, tables);

    const report = await previewRestore({ databaseUrl: db.url, source: createReadStream(first.path), keyring: engine.keyring });
    expect(await fingerprint(db.url)).toEqual(changed);

    const differing = report.tables.filter((t) => t.missing + t.added + t.changed > 0).map((t) => t.table).sort();
    const expected = tables
      .filter((t) => JSON.stringify(original.tables[t]) !== JSON.stringify(changed.tables[t]) || originalCounts[t] !== changedCounts[t])
      .sort();
    expect(differing).toEqual(expected);
    for (const t of report.tables) expect(t.missing + t.changed + t.unchanged, t.table).toBe(t.backupRows);

    const second = await engine.backup(db.url);
    const between = await compareBackups({
      serverUrl: db.url,
      before: { source: createReadStream(first.path) },
      after: { source: createReadStream(second.path) },
      keyring: engine.keyring,
    });
    expect(counts(between)).toEqual(counts(report));
  });
});
