/**
 * Seeds the demo scale into a real, migrated PostgreSQL database (a fresh copy of the test
 * template per file) and checks what the app relies on: every ERP table filled, the same data on
 * every run, edge values read back exactly, sequences past the loaded ids, the schema and the
 * system tables untouched, a failed seed rolled back, and the demo accounts able to sign in.
 */
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { withClient } from '../helpers/pg';
import { verifyPassword } from '../../src/lib/auth/password';
import { SHOWCASE_ANNOUNCEMENT_BODY } from '../../src/lib/seed/announcements';
import { copyArray, copyBool, copyBytea, copyCents, copyDate, copyFloat, copyJson, copyRow, copyText, copyTime, copyTimestamp } from '../../src/lib/seed/copy-writer';
import { DEMO_ADMIN, DEMO_TEACHER, seedDatabase, SYSTEM_TABLES, type SeedResult } from '../../src/lib/seed/index';
import { SHOWCASE_NAMES } from '../../src/lib/seed/names';
import { UNUSABLE_PASSWORD_HASH } from '../../src/lib/seed/password-hashes';
import { SHOWCASE_MEDICAL_NOTES, SHOWCASE_TAGS } from '../../src/lib/seed/people';

async function erpTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND NOT (tablename = ANY($1::text[])) ORDER BY 1`,
    [[...SYSTEM_TABLES]],
  );
  return rows.map((r) => r.name);
}

/** md5 of every ERP table's rows in a stable order; the demo accounts' salted hashes are masked. */
async function fingerprint(client: pg.Client): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of await erpTables(client)) {
    const row = table === 'User' ? `(t.id, t.email, t.name, t."schoolId", t.role, t."isActive", t."lastLoginAt", t."createdAt", t."updatedAt",
      CASE WHEN t.email LIKE '%@school.test' THEN 'demo' ELSE t."passwordHash" END)::text` : 't::text';
    const { rows } = await client.query<{ md5: string }>(`SELECT md5(string_agg(${row}, E'\\n' ORDER BY ${row})) AS md5 FROM "${table}" t`);
    result[table] = rows[0]!.md5;
  }
  return result;
}

/** Definitions of every key, constraint and index, to prove the bulk load puts them all back. */
async function schemaObjects(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ def: string }>(
    `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`,
  );
  return rows.map((r) => r.def);
}

describe('seedDatabase (demo scale, real PostgreSQL)', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let first: SeedResult;
  let schemaBefore: string[];

  beforeAll(async () => {
    db = await createTestDatabase('erp_seed_test_');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    schemaBefore = await schemaObjects(client);
    await client.query(`INSERT INTO "AuditLog" (action, outcome, resource) VALUES ('LOGIN', 'SUCCESS', 'seed-test')`);
    first = await seedDatabase(db.url, 'demo');
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('fills every ERP table, and reports what the tables hold', async () => {
    const tables = await erpTables(client);
    expect(tables.length).toBeGreaterThanOrEqual(23);
    for (const table of tables) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
      expect(rows[0]!.n, table).toBeGreaterThan(0);
      expect(first.counts[table], table).toBe(rows[0]!.n);
    }
    expect(first.totalRows).toBe(Object.values(first.counts).reduce((a, b) => a + b, 0));
    expect(first.totalRows).toBeGreaterThan(1000);
    expect(first.totalRows).toBeLessThan(5000);
  });

  it('leaves the system history and the schema as they were', async () => {
    const { rows } = await client.query(`SELECT resource FROM "AuditLog"`);
    expect(rows).toEqual([{ resource: 'seed-test' }]);
    expect(await schemaObjects(client)).toEqual(schemaBefore);
  });

  it('produces the same data on every run, replacing what was there', async () => {
    const before = await fingerprint(client);
    const again = await seedDatabase(db.url, 'demo');
    expect(again.counts).toEqual(first.counts);
    expect(await fingerprint(client)).toEqual(before);
  });

  it('moves every serial sequence to the largest id', async () => {
    const { rows } = await client.query<{ table: string; seq: string | null }>(
      `SELECT table_name AS table, pg_get_serial_sequence(format('%I', table_name), 'id') AS seq
         FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND NOT (table_name = ANY($1::text[]))`,
      [[...SYSTEM_TABLES]],
    );
    const serial = rows.filter((r) => r.seq !== null);
    expect(serial.map((r) => r.table)).toEqual(expect.arrayContaining(['School', 'Attendance', 'ExamResult', 'LibraryLoan']));
    for (const { table, seq } of serial) {
      const state = await client.query(`SELECT last_value::text AS last, is_called FROM ${seq}`);
      const max = await client.query(`SELECT max(id)::text AS max FROM "${table}"`);
      expect({ table, last: state.rows[0].last, called: state.rows[0].is_called }).toEqual({ table, last: max.rows[0].max, called: true });
    }
    const inserted = await client.query(`INSERT INTO "Subject" ("schoolId", code, name, credits) VALUES (1, 'NEW', 'New', 1) RETURNING id`);
    expect(inserted.rows[0].id).toBe(first.counts.Subject! + 1);
    await client.query(`DELETE FROM "Subject" WHERE code = 'NEW'`);
  });

  it('reads unicode, tabs, newlines, backslashes, empty strings, arrays and bytes back exactly', async () => {
    const students = await client.query(
      `SELECT "firstName", "lastName", "medicalNotes", tags, photo FROM "Student" ORDER BY "admissionNo", id LIMIT $1`,
      [SHOWCASE_NAMES.length],
    );
    expect(students.rows.map((r) => ({ firstName: r.firstName, lastName: r.lastName }))).toEqual(
      SHOWCASE_NAMES.map((n) => ({ firstName: n.firstName, lastName: n.lastName })),
    );
    expect(students.rows.slice(0, SHOWCASE_MEDICAL_NOTES.length).map((r) => r.medicalNotes)).toEqual(SHOWCASE_MEDICAL_NOTES);
    expect(students.rows[1].medicalNotes).toBe('');
    expect(students.rows.slice(0, SHOWCASE_TAGS.length).map((r) => r.tags)).toEqual(SHOWCASE_TAGS);

    const photos = await client.query<{ photo: Buffer }>(`SELECT photo FROM "Student" WHERE photo IS NOT NULL`);
    const total = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Student"`);
    expect(photos.rows.length / total.rows[0]!.n).toBeGreaterThan(0.1);
    expect(photos.rows.length / total.rows[0]!.n).toBeLessThan(0.5);
    for (const { photo } of photos.rows) {
      expect(photo.length).toBeGreaterThanOrEqual(200);
      expect(photo.length).toBeLessThanOrEqual(2000);
      expect(photo.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(photo.includes(0x00) && photo.includes(0x5c)).toBe(true);
    }

    const announcement = await client.query(`SELECT body FROM "Announcement" WHERE id = 1`);
    expect(announcement.rows[0].body).toBe(SHOWCASE_ANNOUNCEMENT_BODY);
    const sizes = await client.query<{ bytes: number }>(`SELECT length(attachments::text) AS bytes FROM "Announcement" WHERE attachments IS NOT NULL`);
    expect(sizes.rows.some((r) => r.bytes >= 10_000 && r.bytes <= 60_000)).toBe(true);
    const audiences = await client.query<{ a: string }>(`SELECT audience::text AS a FROM "Announcement"`);
    expect(audiences.rows.every((r) => /^\{[A-Z,]*\}$/.test(r.a))).toBe(true);

    const settings = await client.query(`SELECT settings FROM "School" WHERE id = 1`);
    expect(settings.rows[0].settings.branding.reportFooter).toBe('Printed by the "School ERP"\nPath: \\\\fileserver\\reports\\{year}');
    const ict = await client.query(`SELECT description, credits FROM "Subject" WHERE code = 'ICT'`);
    expect(ict.rows[0]).toEqual({ description: 'Programming in Python; files live under C:\\Users\\student\\projects', credits: 1.25 });
  });

  it('keeps the shape of the school: a staff tree, unique rolls and attendance days, nullable columns used', async () => {
    const tree = await client.query(`SELECT count(*) FILTER (WHERE "managerId" IS NULL)::int AS roots, count(*)::int AS n FROM "Staff"`);
    expect(tree.rows[0].roots).toBe(1);
    const depth = await client.query(`WITH RECURSIVE t AS (SELECT id, 1 AS d FROM "Staff" WHERE "managerId" IS NULL
      UNION ALL SELECT s.id, t.d + 1 FROM "Staff" s JOIN t ON s."managerId" = t.id) SELECT max(d)::int AS depth, count(*)::int AS n FROM t`);
    expect(depth.rows[0]).toEqual({ depth: 3, n: tree.rows[0].n });
    const nulls = await client.query(`SELECT
      (SELECT count(*) FROM "Student" WHERE address IS NULL)::int AS addresses,
      (SELECT count(*) FROM "Guardian" WHERE email IS NULL)::int AS emails,
      (SELECT count(*) FROM "LibraryLoan" WHERE "returnedAt" IS NULL)::int AS loans,
      (SELECT count(*) FROM "Exam" WHERE "termId" IS NULL)::int + (SELECT count(*) FROM "Announcement" WHERE "publishedAt" IS NULL)::int AS other`);
    expect(Object.values(nulls.rows[0]).every((n) => (n as number) > 0)).toBe(true);
  });

  it('lets the demo accounts sign in, and nobody else', async () => {
    const { rows } = await client.query<{ email: string; passwordHash: string; role: string }>(
      `SELECT email, "passwordHash", role FROM "User" WHERE email = ANY($1::text[]) ORDER BY email`,
      [[DEMO_ADMIN.email, DEMO_TEACHER.email]],
    );
    expect(rows.map((r) => [r.email, r.role])).toEqual([[DEMO_ADMIN.email, 'ADMIN'], [DEMO_TEACHER.email, 'TEACHER']]);
    const [admin, teacher] = rows;
    expect(await verifyPassword(DEMO_ADMIN.password, admin!.passwordHash)).toBe(true);
    expect(await verifyPassword(DEMO_TEACHER.password, teacher!.passwordHash)).toBe(true);
    expect(await verifyPassword(DEMO_TEACHER.password, admin!.passwordHash)).toBe(false);
    const teacherRow = await client.query(`SELECT t.id FROM "Teacher" t JOIN "User" u ON u.id = t."userId" WHERE u.email = $1`, [DEMO_TEACHER.email]);
    expect(teacherRow.rowCount).toBe(1);

    const others = await client.query(`SELECT DISTINCT "passwordHash" FROM "User" WHERE email <> ALL($1::text[])`, [[DEMO_ADMIN.email, DEMO_TEACHER.email]]);
    expect(others.rows).toEqual([{ passwordHash: UNUSABLE_PASSWORD_HASH }]);
    expect(await verifyPassword(DEMO_ADMIN.password, UNUSABLE_PASSWORD_HASH)).toBe(false);
  });

  it('rolls everything back when the load fails part-way', async () => {
    const before = await fingerprint(client);
    await client.query(`CREATE FUNCTION seed_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await client.query(`CREATE TRIGGER seed_test_fail BEFORE INSERT ON "LibraryLoan" FOR EACH ROW EXECUTE FUNCTION seed_test_fail()`);
    try {
      await expect(seedDatabase(db.url, 'demo')).rejects.toThrow(/injected failure/);
    } finally {
      await client.query(`DROP TRIGGER seed_test_fail ON "LibraryLoan"; DROP FUNCTION seed_test_fail()`);
    }
    expect(await fingerprint(client)).toEqual(before);
    expect(await schemaObjects(client)).toEqual(schemaBefore);
  });

  it('rejects an unknown scale before touching the database', async () => {
    await expect(seedDatabase(db.url, 'galaxy' as never)).rejects.toThrow(/Unknown scale/);
  });
});

describe('the COPY text encoder against PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('erp_copy_test_');
  });
  afterAll(() => db?.drop());

  it('round-trips edge values of every type', async () => {
    const texts = ['', 'a\\b', 'tab\there', 'line\nbreak', 'cr\rlf', '\\N', 'NULL', `quote"s and 'apostrophes'`, 'Zoë Łukasz Nguyễn Søren Анна 陈 محمد 🎶'];
    const arrays: (string | null)[][] = [[], [''], ['NULL', null], ['a,b', '{c}', ' sp ', 'q"t', 'b\\s', 'n\nl', 'Zoë']];
    const bytes = Buffer.from([0x00, 0x5c, 0x0a, 0x09, 0xff, 0x5c, 0x78]);
    const json = { text: 'x\ny\t"z"\\', nested: [{ deep: 'Zoë' }, null, 1.5] };
    const rows = texts.map((text, i) =>
      copyRow([
        String(i),
        copyText(text),
        copyArray(arrays[i % arrays.length]!),
        copyArray(i % 2 === 0 ? ['STUDENT', 'PARENT'] : []),
        copyBytea(bytes),
        copyJson(json),
        copyTimestamp(Date.UTC(2025, 8, 1, 8, 15, 30, 123)),
        copyDate(Date.UTC(2024, 1, 29) / 86_400_000),
        copyTime(8 * 3600 + 30 * 60),
        copyCents(-4_123),
        copyFloat(1.25),
        copyBool(i % 2 === 0),
      ]),
    );
    await withClient(db.url, async (client) => {
      await client.query(`CREATE TABLE copy_edge (id int, t text, a text[], r "Role"[], b bytea, j jsonb, ts timestamp(3), d date, tm time(0), n numeric(12,2), f float8, bo boolean)`);
      await pipeline(Readable.from(rows), client.query(copyFrom('COPY copy_edge FROM STDIN')));
      const { rows: back } = await client.query(
        `SELECT id, t, a, r::text AS r, b, j, ts::text AS ts, d::text AS d, tm::text AS tm, n::text AS n, f, bo FROM copy_edge ORDER BY id`,
      );
      back.forEach((row, i) => {
        expect(row).toEqual({
          id: i,
          t: texts[i],
          a: arrays[i % arrays.length],
          r: i % 2 === 0 ? '{STUDENT,PARENT}' : '{}',
          b: bytes,
          j: json,
          ts: '2025-09-01 08:15:30.123',
          d: '2024-02-29',
          tm: '08:30:00',
          n: '-41.23',
          f: 1.25,
          bo: i % 2 === 0,
        });
      });
    });
  });
});
