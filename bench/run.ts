/**
 * `npm run bench -- [--scale school|district] [--reuse] [--gzip-level N]`: backup, verify,
 * restore and a full restore preview (against the seeded database itself) of a seeded database, side by side with `pg_dump -Fc` / `pg_restore` of the same data
 * when a pg_dump of the server's major version is installed. Every step runs as its own process,
 * compiled to plain JavaScript first (as a deployment would run it; tsx's in-process compiler
 * alone adds ~40 MB of RSS), and is timed from the outside (wall seconds, peak RSS via GNU
 * time). Prints a table and the ratios against the targets, and saves the result as JSON under
 * bench/results/.
 *
 * The server: BENCH_DATABASE_URL (any database on it; e.g. the system PostgreSQL 15:
 * postgresql://postgres:postgres@127.0.0.1:5432/postgres), else DATABASE_URL, else the embedded one.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import pg from 'pg';
import { generateKeyHex } from '../src/lib/backup/crypto/keys';
import { ensureDatabase } from '../src/lib/db/database-url';
import { urlWithDatabase } from '../src/lib/db/connection-url';
import { migrate } from '../src/lib/db/migrations';
import { seedDatabase } from '../src/lib/seed/index';
import { measure, type Measurement } from './measure';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'school' }, reuse: { type: 'boolean', default: false }, 'gzip-level': { type: 'string', default: '6' } },
});
const scale = values.scale as 'school' | 'district' | 'demo';
const STEPS = ['backup', 'verify', 'restore', 'preview'] as const;

/** Compiles the step scripts to plain ESM JavaScript in `dir`; returns the command for a step. */
async function compileSteps(dir: string): Promise<(step: (typeof STEPS)[number]) => string> {
  await build({
    entryPoints: STEPS.map((s) => `bench/steps/${s}.ts`),
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  return (step) => path.join(dir, `${step}.mjs`);
}

async function admin<T>(serverUrl: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlWithDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function freshDatabase(serverUrl: string, name: string, migrated: boolean): Promise<string> {
  await admin(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  });
  const url = urlWithDatabase(serverUrl, name);
  if (migrated) await migrate(url);
  return url;
}

const external = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const db = external ? { url: external, stop: async () => undefined } : await ensureDatabase();
const serverUrl = db.url;
const sourceName = `erp_bench_${scale}`;
const sourceUrl = urlWithDatabase(serverUrl, sourceName);
const work = await mkdtemp(path.join(tmpdir(), 'erp-bench-'));
const env = { ...process.env, BACKUP_ENCRYPTION_KEY: generateKeyHex(), BACKUP_GZIP_LEVEL: values['gzip-level'] };
// Compiled inside the project, so the steps resolve the project's node_modules.
const stepDir = await mkdtemp(path.resolve('.bench-build-'));
const stepScript = await compileSteps(stepDir);

try {
  const exists = await admin(serverUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [sourceName])).rowCount);
  let seedSeconds: number | null = null;
  if (!values.reuse || !exists) {
    await freshDatabase(serverUrl, sourceName, true);
    const seeded = await seedDatabase(sourceUrl, scale, { log: (line: string) => console.error(line) });
    seedSeconds = seeded.ms / 1000;
    console.error(`seeded ${scale}: ${seeded.totalRows} rows in ${seedSeconds.toFixed(1)} s`);
  }
  const info = await admin(serverUrl, async (c) => {
    await c.query('CHECKPOINT');
    const { rows } = await c.query(`SELECT current_setting('server_version') AS version, current_setting('server_version_num')::int / 10000 AS major, pg_database_size($1)::bigint AS bytes`, [sourceName]);
    return rows[0] as { version: string; major: number; bytes: string };
  });

  console.error('backup…');
  const backup = await measure(process.execPath, [stepScript('backup'), sourceUrl, path.join(work, 'ours')], env);
  const backupInfo = JSON.parse(backup.stdout) as { file: string; size: number; rows: number; payloadBytes: number };
  console.error('verify…');
  const verify = await measure(process.execPath, [stepScript('verify'), backupInfo.file], env);
  console.error('restore…');
  const restoreUrl = await freshDatabase(serverUrl, 'erp_bench_restore', true);
  const restore = await measure(process.execPath, [stepScript('restore'), restoreUrl, backupInfo.file], env);
  console.error('preview…');
  const preview = await measure(process.execPath, [stepScript('preview'), sourceUrl, backupInfo.file], env);

  const pgDumpVersion = (() => {
    try {
      return execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  })();
  const sameMajor = pgDumpVersion !== null && new RegExp(`\\s${info.major}\\.`).test(pgDumpVersion);
  let pgDump: Measurement | null = null;
  let pgRestore: Measurement | null = null;
  let pgDumpSize: number | null = null;
  if (sameMajor) {
    const dumpFile = path.join(work, 'bench.dump');
    console.error('pg_dump -Fc…');
    pgDump = await measure('pg_dump', ['-Fc', '-f', dumpFile, sourceUrl]);
    pgDumpSize = (await stat(dumpFile)).size;
    console.error('pg_restore…');
    const pgRestoreUrl = await freshDatabase(serverUrl, 'erp_bench_pg_restore', false);
    pgRestore = await measure('pg_restore', ['--no-owner', '-d', pgRestoreUrl, dumpFile]);
  } else {
    console.error(`pg_dump/pg_restore skipped: ${pgDumpVersion ?? 'not installed'}, server is ${info.version}`);
  }

  const mb = (bytes: number) => bytes / 1e6;
  const table = [
    { step: 'backup (ours)', seconds: backup.seconds, peakRssMiB: backup.peakRssMiB, outputBytes: backupInfo.size },
    { step: 'verify (ours)', seconds: verify.seconds, peakRssMiB: verify.peakRssMiB, outputBytes: null },
    { step: 'restore (ours)', seconds: restore.seconds, peakRssMiB: restore.peakRssMiB, outputBytes: null },
    { step: 'preview (ours)', seconds: preview.seconds, peakRssMiB: preview.peakRssMiB, outputBytes: null },
    ...(pgDump ? [{ step: 'pg_dump -Fc', seconds: pgDump.seconds, peakRssMiB: pgDump.peakRssMiB, outputBytes: pgDumpSize }] : []),
    ...(pgRestore ? [{ step: 'pg_restore', seconds: pgRestore.seconds, peakRssMiB: pgRestore.peakRssMiB, outputBytes: null }] : []),
  ].map((r) => ({ ...r, mbPerSecond: Math.round(mb(backupInfo.payloadBytes) / r.seconds) }));
  const ratios = {
    backupVsPgDump: pgDump ? backup.seconds / pgDump.seconds : null,
    sizeVsPgDump: pgDumpSize ? backupInfo.size / pgDumpSize : null,
    restoreVsPgRestore: pgRestore ? restore.seconds / pgRestore.seconds : null,
    verifyVsBackup: verify.seconds / backup.seconds,
    previewVsRestore: preview.seconds / restore.seconds,
  };
  const targets = { backupVsPgDump: 0.5, sizeVsPgDump: 1.1, restoreVsPgRestore: 1.0, verifyVsBackup: 0.3, previewVsRestore: 2.0, peakRssMiB: 150 };
  const result = {
    date: new Date().toISOString(),
    scale,
    gzipLevel: Number(values['gzip-level']),
    server: info.version,
    databaseBytes: Number(info.bytes),
    rows: backupInfo.rows,
    payloadBytes: backupInfo.payloadBytes,
    seedSeconds,
    machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version },
    steps: table,
    ratios,
    targets,
  };

  console.log(`\n${scale} (gzip level ${result.gzipLevel}): ${backupInfo.rows.toLocaleString('en')} rows, database ${(Number(info.bytes) / 1e6).toFixed(0)} MB, COPY payload ${mb(backupInfo.payloadBytes).toFixed(0)} MB, PostgreSQL ${info.version}`);
  console.log('| step | seconds | payload MB/s | output MB | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of table) {
    console.log(`| ${r.step} | ${r.seconds.toFixed(2)} | ${r.mbPerSecond} | ${r.outputBytes === null ? '' : mb(r.outputBytes).toFixed(1)} | ${r.peakRssMiB ?? 'n/a'} |`);
  }
  const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
  console.log(`\nbackup/pg_dump ${fmt(ratios.backupVsPgDump)} (target ≤ 0.5) · size/pg_dump ${fmt(ratios.sizeVsPgDump)} (≤ 1.1) · restore/pg_restore ${fmt(ratios.restoreVsPgRestore)} (≤ 1.0) · verify/backup ${fmt(ratios.verifyVsBackup)} (≤ 0.3) · preview/restore ${fmt(ratios.previewVsRestore)} (≤ 2.0)`);

  await mkdir('bench/results', { recursive: true });
  const out = path.join('bench/results', `${result.date.slice(0, 10)}-${scale}-gzip${result.gzipLevel}.json`);
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`saved ${out}`);
} finally {
  await rm(work, { recursive: true, force: true });
  await rm(stepDir, { recursive: true, force: true });
  await db.stop();
}
