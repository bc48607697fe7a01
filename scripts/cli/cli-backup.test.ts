/**
 * The CLI's backup life cycle against a real, seeded test database, each step run as a child
 * process: create, list, verify (id, file, trial), health, decrypt | gunzip, tampered files,
 * a wrong key, restore (refused without --yes; by id; from the file alone), prune, delete.
 */
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyHex } from '@/lib/backup/crypto/keys';
import { seedDatabase } from '@/lib/seed';
import type { BackupView } from '@/lib/backup';
import { createCliFixture, parseJson, type CliFixture } from '../../tests/helpers/cli';

let fx: CliFixture;
let backup: BackupView;
let file: string;

const firstStudent = async () => (await fx.query<{ id: string; firstName: string }>('SELECT id, "firstName" FROM "Student" ORDER BY id LIMIT 1'))[0]!;
const renameStudent = (id: string, name: string) => fx.query('UPDATE "Student" SET "firstName" = $1 WHERE id = $2', [name, id]);

async function tamperedCopy(position: (size: number) => number, name: string): Promise<string> {
  const copy = path.join(fx.dir, name);
  await copyFile(file, copy);
  const bytes = await readFile(copy);
  const at = position(bytes.length);
  bytes[at] = bytes[at]! ^ 0xff;
  await writeFile(copy, bytes);
  return copy;
}

beforeAll(async () => {
  fx = await createCliFixture();
  await seedDatabase(fx.db.url, 'demo');
});

afterAll(async () => {
  await fx?.cleanup();
});

describe('backup CLI life cycle', () => {
  it('create writes a backup and prints what it is; list shows it', async () => {
    const created = await fx.run(['create', '--label', 'cli test']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^created erp-backup-\S+\.erpbak$/m);
    expect(created.stdout).toMatch(/rows +[\d,]+ in \d+ tables/);
    expect(created.stdout).toContain(`path         ${fx.backupDir}`);

    const [table, json] = await Promise.all([fx.run(['list']), fx.run(['list', '--json'])]);
    expect(table.code).toBe(0);
    const listed = parseJson<{ ok: boolean; backups: BackupView[] }>(json.stdout);
    expect(listed.ok).toBe(true);
    backup = listed.backups[0]!;
    expect(backup).toMatchObject({ status: 'COMPLETED', trigger: 'MANUAL', label: 'cli test' });
    expect(backup.rowCount).toBeGreaterThan(0);
    expect(table.stdout).toMatch(new RegExp(`^${backup.id} .* manual +completed .* yes .*cli test$`, 'm'));
    file = path.join(fx.backupDir, backup.filename);
    expect((await stat(file)).size).toBe(backup.size);
  });

  it('verify succeeds by id and by file', async () => {
    const [byId, byFile] = await Promise.all([fx.run(['verify', backup.id]), fx.run(['verify', file, '--json'])]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.stdout).toContain(`verified ${backup.filename}: ${backup.tableCount} tables`);
    expect(byFile.code, byFile.stderr).toBe(0);
    expect(parseJson(byFile.stdout)).toMatchObject({ ok: true, verify: { rows: backup.rowCount, tables: backup.tableCount } });
  });

  it('verify --trial restores the file into a scratch database', async () => {
    const run = await fx.run(['verify', file, '--trial']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('trial restore succeeded');
  });

  it('health after a fresh backup: every check passes but the worker, which no process runs here (exit 15)', async () => {
    const run = await fx.run(['health', '--json']);
    expect(run.code, run.stderr).toBe(15);
    const report = parseJson<{ health: { healthy: boolean; status: string; checks: { name: string; ok: boolean }[] } }>(run.stdout).health;
    expect(report).toMatchObject({ healthy: false, status: 'red' });
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['worker']);
  });

  it('decrypt writes the plain gzip stream: it gunzips to the payload, which starts with the manifest frame', async () => {
    const [piped, toFile] = await Promise.all([fx.run(['decrypt', file]), fx.run(['decrypt', backup.id, '--out', path.join(fx.dir, 'plain.gz')])]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(toFile.code, toFile.stderr).toBe(0);
    expect(piped.stdoutBytes.length).toBe(backup.size - 32);
    expect(await readFile(path.join(fx.dir, 'plain.gz'))).toEqual(piped.stdoutBytes);
    const payload = gunzipSync(piped.stdoutBytes);
    expect(String.fromCharCode(payload[0]!)).toBe('M');
    expect(payload.readUInt32BE(1)).toBeGreaterThan(8);
    expect(payload.subarray(5, 13).toString('ascii')).toBe('ERPBAKUP');
  });

  it('exits 13 ("modified or corrupt") for a tampered copy, and decrypt leaves no partial output', async () => {
    const inTag = await tamperedCopy(() => 20, 'tag.erpbak');
    const nearEnd = await tamperedCopy((size) => size - 10, 'end.erpbak');
    const out = path.join(fx.dir, 'tampered.gz');
    const runs = await Promise.all([fx.run(['verify', inTag]), fx.run(['verify', nearEnd]), fx.run(['decrypt', inTag, '--out', out])]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(13);
      expect(run.stderr).toContain('the file was modified or is corrupt');
    }
    expect(existsSync(out)).toBe(false);
  });

  it('exits 12 ("different key") when the key that made the backup is not configured', async () => {
    const other = { BACKUP_ENCRYPTION_KEY: generateKeyHex() };
    const [byFile, byId] = await Promise.all([fx.run(['verify', file], other), fx.run(['verify', backup.id], other)]);
    expect(byFile.code).toBe(12);
    expect(byFile.stderr).toContain('different key');
    expect(byId.code).toBe(12);
    expect(byId.stderr).toContain(`different key (fingerprint ${backup.keyFingerprint})`);
  });

  it('restore without --yes and without a terminal is a usage error that changes nothing', async () => {
    const student = await firstStudent();
    await renameStudent(student.id, 'Not restored');
    const run = await fx.run(['restore', backup.id]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect((await firstStudent()).firstName).toBe('Not restored');
    await renameStudent(student.id, student.firstName);
  });

  it('restore --yes by id brings back a changed row and names the safety backup', async () => {
    const student = await firstStudent();
    await renameStudent(student.id, 'Changed after the backup');
    const run = await fx.run(['restore', backup.id, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect((await firstStudent()).firstName).toBe(student.firstName);
    expect(run.stdout).toMatch(/^safety backup of the data before: erp-backup-\S+\.erpbak \(id \S+\)$/m);
    const safety = await fx.query<{ label: string }>(`SELECT label FROM "Backup" WHERE trigger = 'PRE_RESTORE' AND status = 'COMPLETED'`);
    expect(safety).toHaveLength(1);
  });

  it('restore --yes from the file alone brings back a changed row, audit-logged', async () => {
    const student = await firstStudent();
    await renameStudent(student.id, 'Changed again');
    const run = await fx.run(['restore', file, '--yes', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = parseJson<{ restore: { safetyBackup: BackupView; rows: number } }>(run.stdout);
    expect(result.restore.rows).toBe(backup.rowCount);
    expect(result.restore.safetyBackup.trigger).toBe('PRE_RESTORE');
    expect((await firstStudent()).firstName).toBe(student.firstName);
    // One row for the restore by id above and one for this one: both run by the CLI.
    const audit = await fx.query(`SELECT outcome FROM "AuditLog" WHERE action = 'BACKUP_RESTORE' AND "actorEmail" = 'system:cli' ORDER BY id`);
    expect(audit).toEqual([{ outcome: 'SUCCESS' }, { outcome: 'SUCCESS' }]);
  });

  it('prune --dry-run prints each decision with its reason and deletes nothing', async () => {
    const run = await fx.run(['prune', '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^keep +${backup.filename} .* kept: `, 'm'));
    expect(existsSync(file)).toBe(true);
  });

  it('delete --yes removes a backup; deleting it again is not found', async () => {
    const [safety] = await fx.query<{ id: string; filename: string }>(`SELECT id, filename FROM "Backup" WHERE trigger = 'PRE_RESTORE' ORDER BY "createdAt" LIMIT 1`);
    const run = await fx.run(['delete', safety!.id, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`deleted ${safety!.filename}`);
    expect(existsSync(path.join(fx.backupDir, safety!.filename))).toBe(false);
    expect((await fx.run(['delete', safety!.id, '--yes'])).code).toBe(10);
  });
});
