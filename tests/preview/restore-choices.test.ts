/**
 * What the table picker offers, on a real PostgreSQL: the backup's tables with the file's row
 * counts, which of them a selective restore can take (a primary key), and the live foreign keys
 * between them in every schema — within a non-public schema, across schemas, composite, never a
 * self-reference — read without writing anything; a backup the restore would refuse is refused
 * here too. Through the service door as well (a recorded backup by id).
 */
import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaMismatchError } from '../../src/lib/backup/errors';
import { recordedRestoreChoices, restoreChoices, type RestoreChoices } from '../../src/lib/backup/preview/restore-choices';
import { requestBackup } from '../../src/lib/backup/service/requests';
import { runOperation } from '../../src/lib/backup/service/run-operation';
import { seedDatabase } from '../../src/lib/seed/index';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { dataSnapshot } from '../helpers/data-snapshot';
import { createEngineFixture, type EngineFixture } from '../helpers/engine';
import { withClient } from '../helpers/pg';
import { createServiceFixture, type ServiceFixture } from '../helpers/service';

const LEDGER = `
  CREATE SCHEMA ledger;
  CREATE TABLE ledger."Account" (code text, branch int, name text NOT NULL, PRIMARY KEY (code, branch));
  CREATE TABLE ledger."Entry" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "accountCode" text NOT NULL, "accountBranch" int NOT NULL,
    "studentId" text REFERENCES public."Student"(id),
    "reversalOf" bigint REFERENCES ledger."Entry"(id),
    amount numeric(12,2) NOT NULL,
    CONSTRAINT entry_account FOREIGN KEY ("accountCode", "accountBranch") REFERENCES ledger."Account"(code, branch));
  CREATE TABLE ledger."Tally" (day date, total numeric);
  INSERT INTO ledger."Account" VALUES ('cash', 1, 'Cash'), ('fees', 1, 'Fees'), ('fees', 2, 'Fees (annex)');
  INSERT INTO ledger."Entry" ("accountCode", "accountBranch", "studentId", amount)
    SELECT 'fees', 1, id, 10 FROM public."Student" ORDER BY id LIMIT 4;
  INSERT INTO ledger."Entry" ("accountCode", "accountBranch", "reversalOf", amount) VALUES ('cash', 1, 1, -10);
  INSERT INTO ledger."Tally" VALUES ('2026-01-01', 30), ('2026-01-01', 30);
`;

const linksOf = (choices: RestoreChoices) => choices.links.map((l) => `${l.from} → ${l.to} (${l.constraint})`);

describe('restore choices: the backup tables and the foreign keys between them', () => {
  let db: TestDatabase;
  let engine: EngineFixture;
  let backupPath: string;
  let counts: Record<string, number>;

  beforeAll(async () => {
    db = await createTestDatabase('erp_choices_test_');
    await seedDatabase(db.url, 'demo');
    await withClient(db.url, (c) => c.query(LEDGER));
    engine = await createEngineFixture();
    backupPath = (await engine.backup(db.url)).path;
    counts = await withClient(db.url, async (c) => {
      const { rows } = await c.query<{ table: string; n: number }>(
        `SELECT 'public.Payment' AS table, count(*)::int AS n FROM public."Payment"
         UNION ALL SELECT 'ledger.Entry', count(*)::int FROM ledger."Entry"
         UNION ALL SELECT 'ledger.Tally', count(*)::int FROM ledger."Tally"`,
      );
      return Object.fromEntries(rows.map((r) => [r.table, r.n]));
    });
    // Rows change after the backup: the counts offered are the backup's, not the live ones.
    await withClient(db.url, (c) => c.query(`DELETE FROM ledger."Tally"; DELETE FROM public."Payment" WHERE id IN (SELECT id FROM public."Payment" ORDER BY id LIMIT 3)`));
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), engine?.cleanup()]);
  });

  const choose = () => restoreChoices({ databaseUrl: db.url, source: createReadStream(backupPath), keyring: engine.keyring });

  it("lists every table of the backup with the file's row counts and whether it has a key, and writes nothing", async () => {
    const before = await dataSnapshot(db.url);
    const choices = await choose();
    expect(await dataSnapshot(db.url)).toEqual(before);

    const byName = new Map(choices.tables.map((t) => [t.table, t]));
    expect(byName.get('ledger.Entry')).toEqual({ table: 'ledger.Entry', rows: counts['ledger.Entry'], hasPrimaryKey: true });
    expect(byName.get('ledger.Account')).toEqual({ table: 'ledger.Account', rows: 3, hasPrimaryKey: true });
    expect(byName.get('ledger.Tally')).toEqual({ table: 'ledger.Tally', rows: 2, hasPrimaryKey: false });
    expect(byName.get('public.Payment')?.rows).toBe(counts['public.Payment']);
    expect(counts['public.Payment']).toBeGreaterThan(3);
    // The module's own tables are not the school's data and are never offered.
    expect([...byName.keys()].filter((t) => /^public\.(Backup|BackupOperation|AuditLog|Session)$/.test(t))).toEqual([]);
    // In the backup's order: parents before children.
    const at = (t: string) => choices.tables.findIndex((c) => c.table === t);
    expect(at('ledger.Account')).toBeLessThan(at('ledger.Entry'));
    expect(at('public.Invoice')).toBeLessThan(at('public.Payment'));
  });

  it('gives the foreign keys between them in every schema: composite, across schemas, no self-reference', async () => {
    const links = linksOf(await choose());
    expect(links).toContain('ledger.Entry → ledger.Account (entry_account)');
    expect(links).toContain('ledger.Entry → public.Student (Entry_studentId_fkey)');
    expect(links.filter((l) => l.startsWith('ledger.Entry → ledger.Entry'))).toEqual([]);
    expect(links.filter((l) => l.startsWith('public.Payment → '))).toEqual(['public.Payment → public.Invoice (Payment_invoiceId_fkey)', 'public.Payment → public.User (Payment_receivedById_fkey)']);
    expect(links.filter((l) => l.includes('ledger.Tally'))).toEqual([]);
  });

  it('refuses a backup the restore would refuse, with the same error', async () => {
    await withClient(db.url, (c) => c.query(`ALTER TABLE ledger."Account" ADD COLUMN note text`));
    try {
      const refused = await choose().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SchemaMismatchError);
      expect((refused as Error).message).toContain('ledger.Account');
    } finally {
      await withClient(db.url, (c) => c.query(`ALTER TABLE ledger."Account" DROP COLUMN note`));
    }
  });
});

describe('restore choices for a recorded backup', () => {
  let db: TestDatabase;
  let fx: ServiceFixture;

  beforeAll(async () => {
    db = await createTestDatabase('erp_choices_svc_');
    await seedDatabase(db.url, 'demo');
    fx = await createServiceFixture(db.url);
  });
  afterAll(async () => {
    await fx?.cleanup();
    await db?.drop();
  });

  it('reads the recorded file by id and offers its tables, with the counts the backup recorded', async () => {
    const requested = await requestBackup(fx.ctx, { actor: { kind: 'system', name: 'cli' }, label: 'for the picker' });
    await runOperation(fx.ctx, requested.operationId);
    const backup = await fx.ctx.prisma.backup.findUniqueOrThrow({ where: { id: requested.backupId } });
    const choices = await recordedRestoreChoices(fx.ctx, backup.id);
    expect(choices.tables.length).toBe(backup.tableCount);
    expect(choices.tables.reduce((n, t) => n + t.rows, 0)).toBe(Number(backup.rowCount));
    expect(linksOf(choices)).toContain('public.ExamResult → public.Student (ExamResult_studentId_fkey)');
  });
});
