/**
 * Round trips of schemas that are not the demo one (tests/corpus/*): backup → change every
 * table and sequence → restore, in place and into a fresh database built from the same DDL
 * (with yet other output settings), comparing the content of every schema, every sequence,
 * every materialized view and every trigger's state. Runs on whatever server the test setup
 * provides (embedded 18 by default; TEST_DATABASE_URL for the system 15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgDumpDataOnly } from '../helpers/data-snapshot';
import { createEngineFixture, type EngineFixture } from '../helpers/engine';
import { withClient } from '../helpers/pg';
import { CORPUS_NAMES, corpusFile, createCorpusDatabase, fingerprint, runSqlFile, type Fingerprint } from './corpus-database';
import type { TestDatabase } from '../helpers/database';

/** Output settings unlike both the defaults and the corpus's own, for the fresh target. */
async function setOtherOutputSettings(db: TestDatabase): Promise<void> {
  await withClient(db.url, async (c) => {
    const name = c.escapeIdentifier(db.name);
    await c.query(`ALTER DATABASE ${name} SET DateStyle = 'Postgres, YMD'`);
    await c.query(`ALTER DATABASE ${name} SET IntervalStyle = 'iso_8601'`);
    await c.query(`ALTER DATABASE ${name} SET extra_float_digits = 1`);
    await c.query(`ALTER DATABASE ${name} SET TimeZone = 'America/St_Johns'`);
  });
}

describe.each(CORPUS_NAMES)('corpus "%s"', (name) => {
  let engine: EngineFixture;
  let source: TestDatabase;
  let fresh: TestDatabase;
  let original: Fingerprint;
  let file: string;

  beforeAll(async () => {
    engine = await createEngineFixture();
    [source, fresh] = await Promise.all([createCorpusDatabase(name, { withData: true }), createCorpusDatabase(name, { withData: false })]);
    await setOtherOutputSettings(fresh);
    original = await fingerprint(source.url);
    const backup = await engine.backup(source.url);
    file = backup.path;
  });
  afterAll(async () => {
    await Promise.all([source?.drop(), fresh?.drop(), engine?.cleanup()]);
  });

  it('restores every schema, sequence, view and trigger state in place after changes', async () => {
    await runSqlFile(source.url, corpusFile(name, 'changes.sql'));
    const changed = await fingerprint(source.url);
    for (const key of Object.keys(original.tables)) {
      if (original.tables[key]!.length > 0) expect.soft(changed.tables[key], `changes.sql changes ${key}`).not.toEqual(original.tables[key]);
    }
    await engine.restore(source.url, file);
    expect(await fingerprint(source.url)).toEqual(original);
  });

  it('restores the same content into a fresh database built from the same DDL, whatever its settings', async () => {
    const before = await pgDumpDataOnly(source.url, []);
    await engine.restore(fresh.url, file);
    expect(await fingerprint(fresh.url)).toEqual(original);
    const after = await pgDumpDataOnly(fresh.url, []);
    if (before && after) expect(after).toEqual(before);
  });
});
