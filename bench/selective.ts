/**
 * The bench's selective-restore scenarios. Each is prepared in a fresh copy of the seeded
 * database (CREATE DATABASE … TEMPLATE, outside the timings) and says what the restore must do,
 * which the bench checks against the step's report:
 * - deleted rows: one section's pupils deleted with everything under them (guardian links,
 *   enrolments, attendance, exam results, library loans, invoices, payments), brought back by an
 *   `--only-missing` restore of those tables: exactly the deleted rows inserted;
 * - replaced tables: a clerk raised a month's invoice amounts and deleted their payments, undone
 *   by replacing `Invoice` and its dependant `Payment` (`--tables Invoice,Payment`): exactly those
 *   rows updated and inserted, none deleted.
 */
import pg from 'pg';
import type { RestoreSelection } from '../src/lib/backup/restore/selective/selection';
import { freshDatabase, withClient } from './databases';

export const STUDENT_SUBTREE = ['Student', 'StudentGuardian', 'Enrollment', 'Attendance', 'ExamResult', 'LibraryLoan', 'Invoice', 'Payment'];

export interface Scenario {
  url: string;
  selection: RestoreSelection;
  expected: { inserted: number; updated: number; deleted: number };
}

async function totalRows(c: pg.Client, tables: readonly string[]): Promise<number> {
  const { rows } = await c.query<{ n: string }>(`SELECT (${tables.map((t) => `(SELECT count(*) FROM ${c.escapeIdentifier(t)})`).join(' + ')})::text AS n`);
  return Number(rows[0]!.n);
}

export async function deletedRowsScenario(serverUrl: string, name: string, seeded: string): Promise<Scenario> {
  const url = await freshDatabase(serverUrl, name, { template: seeded });
  const deleted = await withClient(url, async (c) => {
    const before = await totalRows(c, STUDENT_SUBTREE);
    await c.query('BEGIN');
    await c.query(
      `CREATE TEMPORARY TABLE gone ON COMMIT DROP AS
         SELECT DISTINCT "studentId" AS id FROM "Enrollment"
          WHERE "sectionId" = (SELECT "sectionId" FROM "Enrollment" ORDER BY "academicYearId" DESC, "sectionId" LIMIT 1)`,
    );
    await c.query(`DELETE FROM "Payment" WHERE "invoiceId" IN (SELECT i.id FROM "Invoice" i JOIN gone g ON g.id = i."studentId")`);
    await c.query(`DELETE FROM "Invoice" WHERE "studentId" IN (SELECT id FROM gone)`);
    await c.query(`DELETE FROM "Student" WHERE id IN (SELECT id FROM gone)`); // cascades to the rest of the subtree
    await c.query('COMMIT');
    return before - (await totalRows(c, STUDENT_SUBTREE));
  });
  return { url, selection: { tables: STUDENT_SUBTREE, mode: 'missing' }, expected: { inserted: deleted, updated: 0, deleted: 0 } };
}

export async function replacedTablesScenario(serverUrl: string, name: string, seeded: string): Promise<Scenario> {
  const url = await freshDatabase(serverUrl, name, { template: seeded });
  const expected = await withClient(url, async (c) => {
    await c.query('BEGIN');
    const month = `date_trunc('month', "issuedOn") = (SELECT date_trunc('month', "issuedOn") FROM "Invoice" GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)`;
    const payments = await c.query(`DELETE FROM "Payment" WHERE "invoiceId" IN (SELECT id FROM "Invoice" WHERE ${month})`);
    const invoices = await c.query(`UPDATE "Invoice" SET amount = amount + 10 WHERE ${month}`);
    await c.query('COMMIT');
    return { inserted: payments.rowCount ?? 0, updated: invoices.rowCount ?? 0, deleted: 0 };
  });
  return { url, selection: { tables: ['Invoice', 'Payment'], mode: 'replace' }, expected };
}

/** Throws unless the step's report did exactly what the scenario expects. */
export function checkOutcome(step: string, scenario: Scenario, stdout: string): void {
  const got = JSON.parse(stdout) as { inserted: number; updated: number; deleted: number };
  const { inserted, updated, deleted } = scenario.expected;
  if (got.inserted !== inserted || got.updated !== updated || got.deleted !== deleted) {
    throw new Error(`${step}: expected ${JSON.stringify(scenario.expected)}, the restore reported ${stdout.trim()}`);
  }
}
