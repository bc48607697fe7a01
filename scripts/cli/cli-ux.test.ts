/**
 * The CLI tells the truth, each case run as a child process on a seeded test database:
 * `--json` errors are one JSON document on stdout; `decrypt … | head` exits 0 (a closed pipe is
 * not a database error); `list` names the pre-restore trigger in words; `export` writes one CSV
 * per table that psql's \copy loads back into the same rows, and leaves nothing behind on a
 * tampered file.
 */
import { spawn } from 'node:child_process';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupView } from '@/lib/backup';
import { createCliFixture, parseJson, seedAndCreateBackup, type CliFixture } from '../../tests/helpers/cli';

const ROOT = path.resolve(import.meta.dirname, '../..');
let fx: CliFixture;
let backup: BackupView;

function sh(script: string, env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH, HOME: process.env.HOME, ...env };
  const child = spawn('bash', ['-c', script], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  fx = await createCliFixture();
  backup = await seedAndCreateBackup(fx);
});

afterAll(async () => {
  await fx?.cleanup();
});

describe('CLI truthfulness', () => {
  it('with --json, an error is one JSON document on stdout and nothing on stderr', async () => {
    const run = await fx.run(['verify', 'no-such-backup.erpbak', '--json']);
    expect(run.code).toBe(10);
    expect(run.stderr).toBe('');
    expect(parseJson(run.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('decrypt | head exits 0 and blames no database', async () => {
    const file = path.join(fx.backupDir, backup.filename);
    const run = await sh(`node_modules/.bin/tsx scripts/backup.ts decrypt '${file}' | head -c 100 > /dev/null; echo "decrypt exit \${PIPESTATUS[0]}" >&2`, fx.env);
    expect(run.stderr).toContain('decrypt exit 0');
    expect(run.stderr).not.toMatch(/database is unreachable/i);
    expect(run.stderr).toMatch(/the reader closed stdout .* the authentication tag was not checked/);
  });

  it('list names a pre-restore backup "pre-restore"', async () => {
    const restored = await fx.run(['restore', backup.id, '--yes']);
    expect(restored.code, restored.stderr).toBe(0);
    const list = await fx.run(['list']);
    expect(list.stdout).toMatch(/^\S+ +\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC +pre-restore +completed/m);
    expect(list.stdout).not.toContain('pre_restore');
  });

  it('export writes one CSV per table that psql loads back into the same rows', async () => {
    const dir = path.join(fx.dir, 'export');
    const run = await fx.run(['export', backup.id, '--out', dir]);
    expect(run.code, run.stderr).toBe(0);
    const files = await readdir(dir);
    expect(files).toContain('manifest.json');
    expect(files).toContain('public.Student.csv'); // tables are named schema.table (FORMAT.md §6.3)
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { tables: { table: string; rows: number; columns: { name: string }[] }[] };
    expect(manifest.tables.reduce((n, t) => n + t.rows, 0)).toBe(backup.rowCount);
    const student = manifest.tables.find((t) => t.table === 'public.Student')!;
    const header = (await readFile(path.join(dir, 'public.Student.csv'), 'utf8')).split('\n')[0];
    expect(header).toBe(student.columns.map((c) => c.name).join(','));

    await fx.query('CREATE TABLE "StudentFromCsv" (LIKE "Student")');
    const load = await sh(`psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -c "\\\\copy \\"StudentFromCsv\\" FROM '${path.join(dir, 'public.Student.csv')}' WITH (FORMAT csv, HEADER true)"`, fx.env);
    expect(load.code, load.stderr).toBe(0);
    const [diff] = await fx.query<{ missing: number; extra: number; n: number }>(
      `SELECT (SELECT count(*)::int FROM (SELECT * FROM "Student" EXCEPT SELECT * FROM "StudentFromCsv") a) AS missing,
              (SELECT count(*)::int FROM (SELECT * FROM "StudentFromCsv" EXCEPT SELECT * FROM "Student") b) AS extra,
              (SELECT count(*)::int FROM "StudentFromCsv") AS n`,
    );
    expect(diff).toEqual({ missing: 0, extra: 0, n: student.rows });
  });

  it('export of a tampered file fails with 13 and leaves no directory', async () => {
    const copy = path.join(fx.dir, 'tampered.erpbak');
    await copyFile(path.join(fx.backupDir, backup.filename), copy);
    const bytes = await readFile(copy);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    await writeFile(copy, bytes);
    const dir = path.join(fx.dir, 'tampered-export');
    const run = await fx.run(['export', copy, '--out', dir]);
    expect(run.code).toBe(13);
    expect(existsSync(dir)).toBe(false);
    expect((await readdir(fx.dir)).filter((f) => f.startsWith('tampered-export'))).toEqual([]);
  });
});
