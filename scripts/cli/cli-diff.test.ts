/**
 * `diff` as a child process against a real, seeded test database: `--json` counts what a
 * restore would change (by id and by file), `--table` narrows, two backups compare, a table the
 * backup lacks exits 10, and the database is unchanged.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupView, PreviewReport } from '@/lib/backup';
import { dataSnapshot } from '../../tests/helpers/data-snapshot';
import { createCliFixture, parseJson, seedAndCreateBackup, type CliFixture } from '../../tests/helpers/cli';

/** Table names, bare or schema-qualified. */
const EXAM_RESULT = /^(public\.)?ExamResult$/;
const SUBJECT = /^(public\.)?Subject$/;

type DiffJson = { ok: boolean; diff: PreviewReport & { backups: string[] } };

let fx: CliFixture;
let first: BackupView;
let firstFile: string;
let deletedResults: number;

beforeAll(async () => {
  fx = await createCliFixture();
  first = await seedAndCreateBackup(fx);
  firstFile = path.join(fx.backupDir, first.filename);
  const deleted = await fx.query<{ id: string }>(
    `DELETE FROM "ExamResult" WHERE "examId" = (SELECT min("examId") FROM "ExamResult") RETURNING id`,
  );
  deletedResults = deleted.length;
  await fx.query(`UPDATE "Subject" SET name = name || ' (new)' WHERE id = (SELECT min(id) FROM "Subject")`);
});

afterAll(async () => {
  await fx?.cleanup();
});

describe('backup CLI diff', () => {
  it('--json reports what restoring the backup would change, and changes nothing', async () => {
    expect(deletedResults).toBeGreaterThan(0);
    const before = await dataSnapshot(fx.db.url);
    const [byId, byFile] = await Promise.all([fx.run(['diff', first.id, '--json']), fx.run(['diff', firstFile, '--json'])]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byFile.code, byFile.stderr).toBe(0);
    expect(await dataSnapshot(fx.db.url)).toEqual(before);
    for (const run of [byId, byFile]) {
      const { ok, diff } = parseJson<DiffJson>(run.stdout);
      expect(ok).toBe(true);
      expect(diff.after.kind).toBe('live');
      expect(diff.tables[0]).toMatchObject({ table: expect.stringMatching(EXAM_RESULT), missing: deletedResults, added: 0, changed: 0 });
      expect(diff.tables.find((t) => SUBJECT.test(t.table))).toMatchObject({ changed: 1, missing: 0, added: 0 });
      expect(diff.totals).toEqual({ missing: deletedResults, added: 0, changed: 1, unchanged: expect.any(Number) });
    }
    expect(byId.stderr).toBe('');
  });

  it('prints a table of counts, biggest first, with sample rows', async () => {
    const run = await fx.run(['diff', first.id, '--table', 'ExamResult,Subject', '--samples', '1']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toMatch(/^table +come back +disappear +change +unchanged$/);
    expect(lines[2]).toMatch(new RegExp(`^(public\\.)?ExamResult +${deletedResults.toLocaleString('en-US')} +0 +0 +[\\d,]+$`));
    expect(lines[3]).toMatch(/^(public\.)?Subject +0 +0 +1 +[\d,]+$/);
    expect(run.stdout).toContain(`${deletedResults} rows would come back, 0 would disappear, 1 would change (2 tables).`);
    expect(run.stdout).toMatch(/would change: id="\d+": name ".*" → ".* \(new\)"/);
    expect(run.stdout.match(/would come back: /g)).toHaveLength(1);
  });

  it('compares two backups', async () => {
    const second = await fx.run(['create', '--json']);
    expect(second.code, second.stderr).toBe(0);
    const secondId = parseJson<{ backup: BackupView }>(second.stdout).backup.id;
    const run = await fx.run(['diff', first.id, secondId, '--json', '--table', 'ExamResult']);
    expect(run.code, run.stderr).toBe(0);
    const { diff } = parseJson<DiffJson>(run.stdout);
    expect(diff.after.kind).toBe('backup');
    expect(diff.tables).toEqual([expect.objectContaining({ table: expect.stringMatching(EXAM_RESULT), missing: deletedResults, added: 0, changed: 0 })]);
  });

  it('exits 10 for a table the backup does not have and 2 for a bad --samples', async () => {
    const [missing, bad] = await Promise.all([fx.run(['diff', first.id, '--table', 'Nope']), fx.run(['diff', first.id, '--samples', 'many'])]);
    expect(missing.code).toBe(10);
    expect(missing.stderr).toContain('Table "Nope"');
    expect(bad.code).toBe(2);
  });
});
