/**
 * Rows with the values a backup most easily gets wrong, for round-trip tests: empty strings,
 * NULLs, unicode (incl. astral characters), tabs, newlines, carriage returns and backslashes in
 * text and arrays, bytes 0x00–0xFF, the extremes of integers and numerics, float specials,
 * far-away dates and timestamps, large and nested JSON, enum arrays, and a self-reference.
 * Uses ids far above the seed's, so it can be added to a seeded database.
 */
import pg from 'pg';

const NASTY = 'tab\there\nnew line\r\nback\\slash "quote" \'apos\' {brace} ,comma 😀 Zoë Łódź 陈 محمد \\N';

export async function insertEdgeValues(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "School" (id, code, name, address, phone, email, "foundedOn", "timeZone", settings)
       VALUES (900001, 'EDGE', $1, '', NULL, NULL, '0001-01-01', 'Pacific/Chatham', $2)`,
      [NASTY, JSON.stringify({ deep: { list: Array.from({ length: 2000 }, (_, i) => ({ i, s: `\u0000-free ${i} é\n` .replace('\u0000', '') })) }, empty: {}, nul: null, num: 1e308 })],
    );
    await client.query(
      `INSERT INTO "User" (id, "schoolId", email, name, "passwordHash", role, "isActive", "lastLoginAt", "createdAt", "updatedAt")
       VALUES ('cedgeuser000000000000000001', 900001, 'edge@school.test', $1, 'x', 'STAFF', false, '1970-01-01 00:00:00.001', '294276-12-31 23:59:59.999', '2000-02-29 12:00:00')`,
      [NASTY],
    );
    await client.query(
      `INSERT INTO "Student" (id, "schoolId", "userId", "admissionNo", "firstName", "lastName", "dateOfBirth", gender, photo, "medicalNotes", tags, address, "enrolledAt")
       VALUES ('cedgestudent00000000000001', 900001, NULL, 'EDGE-1', '', $1, '5874897-12-31', 'UNDISCLOSED', $2, $1,
               ARRAY['', NULL, 'a,b', '{x}', 'q"uote', 'back\\slash', 'tab\tin'], '{"a":[1,2,{"b":"\\u00e9"}]}', '1900-01-01 00:00:00')`,
      [NASTY, Buffer.from(Array.from({ length: 256 }, (_, i) => i))],
    );
    await client.query(
      `INSERT INTO "Student" (id, "schoolId", "admissionNo", "firstName", "lastName", "dateOfBirth", gender, photo, tags, "enrolledAt")
       VALUES ('cedgestudent00000000000002', 900001, 'EDGE-2', 'Empty', 'Bytes', '4713-01-01 BC', 'OTHER', ''::bytea, '{}', '2038-01-19 03:14:08')`,
    );
    await client.query(
      `INSERT INTO "Guardian" (id, "firstName", "lastName", phone, "annualIncome")
       VALUES ('cedgeguardian0000000000001', 'Max', 'Income', '+1', 9999999999.99), ('cedgeguardian0000000000002', 'Neg', 'Income', '', -0.01)`,
    );
    await client.query(
      `INSERT INTO "Staff" (id, "employeeNo", "jobTitle", department, "managerId", "hireDate", salary)
       VALUES (900001, 'EDGE-S1', 'Principal', $1, NULL, '2000-01-01', 99999999.99),
              (900002, 'EDGE-S2', 'Deputy', 'x', 900001, '2000-01-02', 0),
              (900003, 'EDGE-S3', 'Self', 'x', 900003, '2000-01-03', 0.01)`,
      [NASTY],
    );
    await client.query(
      `INSERT INTO "Subject" (id, "schoolId", code, name, credits, description)
       VALUES (900001, 900001, 'NAN', 'Not a number', 'NaN', NULL), (900002, 900001, 'INF', 'Infinity', 'Infinity', ''),
              (900003, 900001, 'NINF', 'Minus infinity', '-Infinity', NULL), (900004, 900001, 'NZ', 'Negative zero', '-0', NULL),
              (900005, 900001, 'TINY', 'Tiny', 4.9e-324, NULL), (900006, 900001, 'PI', 'Pi', 3.141592653589793, NULL)`,
    );
    await client.query(
      `INSERT INTO "Announcement" (id, "schoolId", "authorId", title, body, audience, pinned, attachments, "publishedAt")
       VALUES (900001, 900001, 'cedgeuser000000000000000001', $1, $2, '{ADMIN,PARENT}', true, $3, NULL),
              (900002, 900001, 'cedgeuser000000000000000001', '', '', '{}', false, NULL, '2026-11-27 07:00:00.5')`,
      [NASTY, `${NASTY}\n`.repeat(500), JSON.stringify([{ name: 'a\\b.pdf', bytes: 2 ** 53 - 1 }, 'text', 1.5, true, null])],
    );
    await client.query(
      `INSERT INTO "AcademicYear" (id, "schoolId", name, "startDate", "endDate", "isCurrent") VALUES (900001, 900001, 'Edge year', '2026-01-01', '2026-12-31', false)`,
    );
    await client.query(
      `INSERT INTO "Exam" (id, "academicYearId", "termId", name, "startsOn", "maxMarks", weight) VALUES (900001, 900001, NULL, 'Edge exam', '2026-06-01', 2147483647, -1.5e-10)`,
    );
    await client.query(
      `INSERT INTO "ExamResult" (id, "examId", "studentId", "subjectId", "marksObtained", grade, remarks, "gradedAt")
       VALUES (9223372036854775806, 900001, 'cedgestudent00000000000001', 900001, 999.99, NULL, $1, '2026-06-02 10:11:12.123')`,
      [NASTY],
    );
    await client.query(`SELECT setval(pg_get_serial_sequence('"ExamResult"', 'id'), 9223372036854775806)`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
