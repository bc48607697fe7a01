/**
 * Restores the CLI refuses, with their own codes in `--json` too: a file made with another key
 * (WRONG_KEY, exit 12, before any safety backup is written), and data that violates a constraint
 * of the target database (CONSTRAINT_VIOLATION, exit 14, naming the table and the constraint).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyHex } from '@/lib/backup/crypto/keys';
import { seedDatabase } from '@/lib/seed';
import type { BackupView } from '@/lib/backup';
import { createCliFixture, parseJson, type CliFixture } from '../../tests/helpers/cli';

let fx: CliFixture;
let backup: BackupView;

interface CliFailure {
  ok: false;
  error: { code: string; message: string };
}

const safetyBackups = async () => (await fx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Backup" WHERE trigger = 'PRE_RESTORE'`))[0]!.n;

beforeAll(async () => {
  fx = await createCliFixture();
  await seedDatabase(fx.db.url, 'demo');
  await fx.query(`UPDATE "Guardian" SET phone = 'forbidden' WHERE id = (SELECT min(id) FROM "Guardian")`);
  const created = await fx.run(['create', '--json']);
  expect(created.code, created.stderr).toBe(0);
  backup = parseJson<{ backup: BackupView }>(created.stdout).backup;
  await fx.query(`UPDATE "Guardian" SET phone = 'allowed' WHERE phone = 'forbidden'`);
});

afterAll(async () => {
  await fx?.cleanup();
});

describe('restores the CLI refuses', () => {
  it('a file made with another key: exit 12 and no safety backup', async () => {
    const file = path.join(fx.backupDir, backup.filename);
    for (const target of [backup.id, file]) {
      const run = await fx.run(['restore', target, '--yes', '--json'], { BACKUP_ENCRYPTION_KEY: generateKeyHex() });
      expect(run.code, run.stderr).toBe(12);
      expect(parseJson<CliFailure>(run.stderr).error.code).toBe('WRONG_KEY');
    }
    expect(await safetyBackups()).toBe(0);
  });

  it('data that violates a constraint: exit 14 naming the table and the constraint, nothing changed', async () => {
    await fx.query(`ALTER TABLE "Guardian" ADD CONSTRAINT "Guardian_phone_not_forbidden" CHECK (phone IS DISTINCT FROM 'forbidden')`);
    const run = await fx.run(['restore', backup.id, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(14);
    const { error } = parseJson<CliFailure>(run.stderr);
    expect(error.code).toBe('CONSTRAINT_VIOLATION');
    expect(error.message).toContain('"Guardian"');
    expect(error.message).toContain('"Guardian_phone_not_forbidden"');
    expect(await fx.query(`SELECT 1 FROM "Guardian" WHERE phone = 'forbidden'`)).toHaveLength(0);
  });
});
