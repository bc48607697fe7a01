/** The CLI without a database: keygen, help, version, usage errors, configuration errors, an unreachable database. */
import { describe, expect, it } from 'vitest';
import { generateKeyHex } from '@/lib/backup/crypto/keys';
import { parseJson, runCli } from '../../tests/helpers/cli';

const UNREACHABLE = 'postgresql://postgres:postgres@127.0.0.1:1/erp';

describe('backup CLI without a database', () => {
  it('keygen prints a fresh 64-hex key on stdout and a hint on stderr', async () => {
    const [a, b] = await Promise.all([runCli(['keygen'], {}), runCli(['keygen'], {})]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(a.stderr).toContain('BACKUP_ENCRYPTION_KEY');
    expect(b.stdout).not.toBe(a.stdout);
  });

  it('--help lists every command and the exit codes; help <command> shows its options', async () => {
    const [overview, restore, viaFlag] = await Promise.all([runCli(['--help'], {}), runCli(['help', 'restore'], {}), runCli(['decrypt', '-h'], {})]);
    expect(overview.code).toBe(0);
    for (const name of ['create', 'list', 'verify', 'restore', 'delete', 'decrypt', 'rekey', 'keygen', 'prune', 'health', 'rescan', 'recover', 'diff', 'export']) {
      expect(overview.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    expect(overview.stdout).toMatch(/^ +130 +cancelled/m);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('restore <id|file> [--tables A,B [--only-missing [--revert-changed]]] [--yes]');
    expect(restore.stdout).toContain('--only-missing');
    expect(restore.stdout).toContain('--yes');
    expect(viaFlag.stdout).toContain('--out FILE');
  });

  it('--version prints the version', async () => {
    const run = await runCli(['--version'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 on an unknown command, an unknown option or a missing argument', async () => {
    const [command, option, argument] = await Promise.all([
      runCli(['frobnicate'], {}),
      runCli(['keygen', '--bogus'], {}),
      runCli(['verify'], {}),
    ]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^error: Unknown command "frobnicate"/);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--bogus'");
    expect(argument.code).toBe(2);
    expect(argument.stderr).toContain('verify <id|file>');
  });

  it('with --json, errors are one JSON document on stdout', async () => {
    const run = await runCli(['frobnicate', '--json'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    expect(parseJson(run.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('exits 3 when the key is malformed or missing', async () => {
    const [malformed, missing] = await Promise.all([
      runCli(['verify', 'some.erpbak'], { BACKUP_ENCRYPTION_KEY: 'abc' }),
      runCli(['decrypt', 'some.erpbak', '--out', 'x.gz'], {}),
    ]);
    expect(malformed.code).toBe(3);
    expect(malformed.stderr).toContain('BACKUP_ENCRYPTION_KEY must be exactly 64 hexadecimal characters');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('BACKUP_ENCRYPTION_KEY is not set');
  });

  it('exits 10 for a backup file that does not exist', async () => {
    const run = await runCli(['verify', '/nonexistent/backup.erpbak'], { BACKUP_ENCRYPTION_KEY: generateKeyHex() });
    expect(run.code).toBe(10);
    expect(run.stderr).toContain('was not found');
  });

  it('exits 16 when the database is unreachable', async () => {
    const run = await runCli(['list'], { DATABASE_URL: UNREACHABLE, BACKUP_ENCRYPTION_KEY: generateKeyHex() });
    expect(run.code).toBe(16);
    expect(run.stderr).toContain('The database is unreachable');
  });

  it('refuses decrypt --json without --out (stdout carries the JSON)', async () => {
    const run = await runCli(['decrypt', 'x.erpbak', '--json'], {});
    expect(run.code).toBe(2);
  });
});
