/**
 * The database that the SQL migrations build must match prisma/schema.prisma exactly, since
 * the migrations are written by hand here (Prisma's schema engine cannot be downloaded).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { shapeFromDatabase, shapeFromPrismaSchema, type SchemaShape } from './helpers/schema-drift';

const schemaPath = path.resolve(import.meta.dirname, '../prisma/schema.prisma');

describe('schema drift between schema.prisma and the migrations', () => {
  let db: TestDatabase;
  let live: SchemaShape;
  let schemaText: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    live = await shapeFromDatabase(client);
    await client.end();
    schemaText = await readFile(schemaPath, 'utf8');
  });
  afterAll(() => db?.drop());

  it('has the same tables, columns, types and nullability', () => {
    expect(live.tables).toEqual(shapeFromPrismaSchema(schemaText).tables);
    expect(Object.keys(live.tables).length).toBeGreaterThanOrEqual(20);
  });

  it('has the same enums, keys, indexes and foreign keys', () => {
    const expected = shapeFromPrismaSchema(schemaText);
    expect(live.enums).toEqual(expected.enums);
    expect(live.indexes).toEqual(expected.indexes);
    expect(live.foreignKeys).toEqual(expected.foreignKeys);
  });

  it('notices a column added to schema.prisma without a migration', () => {
    const drifted = schemaText.replace(/model Student \{\n/, 'model Student {\n  nickname String?\n');
    expect(drifted).not.toEqual(schemaText);
    expect(live.tables).not.toEqual(shapeFromPrismaSchema(drifted).tables);
    expect(shapeFromPrismaSchema(drifted).tables.Student?.nickname).toEqual({ type: 'text', nullable: true });
  });

  it('notices a changed referential action', () => {
    const drifted = schemaText.replace(
      '@relation(fields: [invoiceId], references: [id], onDelete: Restrict)',
      '@relation(fields: [invoiceId], references: [id], onDelete: Cascade)',
    );
    expect(drifted).not.toEqual(schemaText);
    expect(live.foreignKeys).not.toEqual(shapeFromPrismaSchema(drifted).foreignKeys);
  });
});
