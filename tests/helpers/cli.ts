/**
 * Runs the real CLI (`tsx scripts/backup.ts …`) as a child process for the CLI tests, with a
 * clean environment (only NODE_ENV, PATH, HOME, TMPDIR and what the test passes) and stdin that is not a terminal.
 * Also: a per-file fixture of a migrated test database plus a temp backup directory and a key,
 * small SQL helpers, and the demo seed plus one backup made by `create --json` for the tests that
 * start from a backup.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import type { BackupView } from '../../src/lib/backup';
import { generateKeyHex } from '../../src/lib/backup/crypto/keys';
import { seedDatabase } from '../../src/lib/seed';
import { createTestDatabase, type TestDatabase } from './database';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const ENTRY = path.join(ROOT, 'scripts', 'backup.ts');

export interface CliRun {
  code: number | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

export type CliEnv = Record<string, string | undefined>;

export function runCli(args: readonly string[], env: CliEnv): Promise<CliRun> {
  const child = spawn(TSX, [ENTRY, ...args], {
    cwd: ROOT,
    env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Parses a `--json` document, failing with the run's output when it is not JSON. */
export function parseJson<T = Record<string, unknown>>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`not JSON:\n${text}`);
  }
}

export interface CliFixture {
  db: TestDatabase;
  dir: string;
  backupDir: string;
  /** DATABASE_URL, BACKUP_DIR and a fresh BACKUP_ENCRYPTION_KEY. */
  env: CliEnv;
  run(args: readonly string[], env?: CliEnv): Promise<CliRun>;
  query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<R[]>;
  cleanup(): Promise<void>;
}

export async function createCliFixture(): Promise<CliFixture> {
  const db = await createTestDatabase('erp_cli_');
  const dir = await mkdtemp(path.join(tmpdir(), 'erp-cli-'));
  const backupDir = path.join(dir, 'backups');
  const env: CliEnv = { DATABASE_URL: db.url, BACKUP_DIR: backupDir, BACKUP_ENCRYPTION_KEY: generateKeyHex() };
  return {
    db,
    dir,
    backupDir,
    env,
    run: (args, extra = {}) => runCli(args, { ...env, ...extra }),
    async query<R extends pg.QueryResultRow>(sql: string, values?: unknown[]) {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        return (await client.query<R>(sql, values)).rows;
      } finally {
        await client.end();
      }
    },
    async cleanup() {
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Seeds the fixture's database with the demo data, then makes one backup with `create --json`. */
export async function seedAndCreateBackup(fx: CliFixture): Promise<BackupView> {
  await seedDatabase(fx.db.url, 'demo');
  const created = await fx.run(['create', '--json']);
  expect(created.code, created.stderr).toBe(0);
  return parseJson<{ backup: BackupView }>(created.stdout).backup;
}
