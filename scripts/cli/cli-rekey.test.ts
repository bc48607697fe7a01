/**
 * `rekey`: a backup made with key A is re-encrypted under key B (with A as a previous key),
 * atomically per file, and afterwards verifies with only B configured. Without A it fails with
 * the wrong-key exit code and leaves the file as it was.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyHex, keyFingerprint } from '@/lib/backup/crypto/keys';
import type { BackupView } from '@/lib/backup';
import { createCliFixture, parseJson, type CliFixture } from '../../tests/helpers/cli';

let fx: CliFixture;
let keyA: string;
const keyB = generateKeyHex();
const fingerprintOf = (hex: string) => keyFingerprint(Buffer.from(hex, 'hex'));
const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

async function theBackup(): Promise<BackupView & { file: string }> {
  const listed = parseJson<{ backups: BackupView[] }>((await fx.run(['list', '--json'])).stdout);
  const backup = listed.backups[0]!;
  return { ...backup, file: path.join(fx.backupDir, backup.filename) };
}

beforeAll(async () => {
  fx = await createCliFixture();
  keyA = fx.env.BACKUP_ENCRYPTION_KEY!;
  await fx.query(`INSERT INTO "School" (code, name, "foundedOn") VALUES ('RK1', 'Rekey School', '2001-09-01')`);
  const created = await fx.run(['create']);
  expect(created.code, created.stderr).toBe(0);
});

afterAll(async () => {
  await fx?.cleanup();
});

describe('rekey', () => {
  it('fails with exit 12 and keeps the file when the old key is not configured', async () => {
    const before = await theBackup();
    const run = await fx.run(['rekey'], { BACKUP_ENCRYPTION_KEY: keyB });
    expect(run.code).toBe(12);
    expect(run.stdout).toContain(`failed  ${before.filename}`);
    expect(run.stdout).toContain(`fingerprint ${fingerprintOf(keyA)}`);
    expect(await sha256(before.file)).toBe(before.checksum);
  });

  it('--dry-run lists what it would re-encrypt and changes nothing', async () => {
    const before = await theBackup();
    const run = await fx.run(['rekey', '--dry-run'], { BACKUP_ENCRYPTION_KEY: keyB, BACKUP_PREVIOUS_KEYS: keyA });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`would re-encrypt  ${before.filename}  ${fingerprintOf(keyA)} -> ${fingerprintOf(keyB)}`);
    expect(await sha256(before.file)).toBe(before.checksum);
  });

  it('re-encrypts with the current key; the backup then verifies with only that key', async () => {
    const before = await theBackup();
    const run = await fx.run(['rekey'], { BACKUP_ENCRYPTION_KEY: keyB, BACKUP_PREVIOUS_KEYS: keyA });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`re-encrypted  ${before.filename}`);

    const after = await theBackup();
    expect(after.keyFingerprint).toBe(fingerprintOf(keyB));
    expect(after.size).toBe(before.size);
    expect(after.checksum).toBe(await sha256(after.file));
    expect(after.checksum).not.toBe(before.checksum);

    const onlyB = { BACKUP_ENCRYPTION_KEY: keyB };
    const [byId, byFile, withA] = await Promise.all([
      fx.run(['verify', after.id], onlyB),
      fx.run(['verify', after.file], onlyB),
      fx.run(['verify', after.file], { BACKUP_ENCRYPTION_KEY: keyA }),
    ]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byFile.code, byFile.stderr).toBe(0);
    expect(withA.code).toBe(12);
  });

  it('audit-logs each attempt as the CLI: the failure without the old key, then the re-encryption', async () => {
    const rows = await fx.query<{ outcome: string; actorEmail: string; details: { from: string; to: string; code?: string } }>(
      `SELECT outcome, "actorEmail", details FROM "AuditLog" WHERE action = 'BACKUP_REKEY' ORDER BY "createdAt"`,
    );
    expect(rows.map((r) => [r.outcome, r.actorEmail])).toEqual([
      ['FAILURE', 'system:cli'],
      ['SUCCESS', 'system:cli'],
    ]);
    expect(rows[0]!.details).toMatchObject({ from: fingerprintOf(keyA), to: fingerprintOf(keyB), code: 'WRONG_KEY' });
    expect(rows[1]!.details).toMatchObject({ from: fingerprintOf(keyA), to: fingerprintOf(keyB) });
  });

  it('has nothing left to do afterwards', async () => {
    const run = await fx.run(['rekey', '--json'], { BACKUP_ENCRYPTION_KEY: keyB });
    expect(run.code, run.stderr).toBe(0);
    expect(parseJson(run.stdout)).toMatchObject({ ok: true, rekey: { currentKey: fingerprintOf(keyB), items: [] } });
  });
});
