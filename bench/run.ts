/**
 * `npm run bench -- [--scale school|district] [--runs N] [--only backup|restore|selective] [--reuse] [--gzip-level N] [--prefix P]`
 *
 * Times our backup, "Back up now", verify and restore of a seeded database against `pg_dump -Fc`
 * and `pg_restore` of the same data. Each side runs N times (default 5), alternately — ours,
 * theirs, ours, … — so the load of a shared machine hits both alike; the report gives the
 * medians, and each ratio as the median of the per-pair ratios. Every step is its own process,
 * compiled to plain JavaScript first, measured from the outside: wall seconds, CPU seconds and
 * peak RSS via GNU time. A CHECKPOINT runs before every timed step (outside the timing).
 *
 * Per round:
 *  - backup:     createBackupFile (the file writer)            vs pg_dump -Fc
 *  - backup-now: requestBackup + runOperation, i.e. dump, read-back verify, metadata and audit
 *                rows: what the admin waits for after "Back up now"   vs the same round's pg_dump.
 *                Its ratio uses the time from the request to the COMPLETED row inside the process
 *                (the app is running when the admin clicks); the process's wall time is reported too.
 *  - verify:     verifyBackupStream of the round's file (ratio: over the round's backup)
 *  - restore:    restoreDatabase into a fresh copy of a migrated, empty database
 *                vs pg_restore --single-transaction --clean --if-exists into another such copy
 *                (both atomic and both replace what is there), and plain pg_restore (not atomic)
 *                into a fresh empty database.
 *  - preview:    a full restore preview of the round's file against the seeded database
 *                (ratio: over the round's restore; target ≤ 2).
 *  - selective (selective.ts; each in a fresh copy of the seeded database; ratios over the
 *    round's full restore, which `--only selective` runs too):
 *    restore-deleted-rows  one section's pupils and everything under them deleted, brought back
 *                          by an `--only-missing` restore of those 8 tables;
 *    rehearse-replace      the rehearsal the service runs before a selective replace (same load
 *                          and key check, rolled back) of the scenario below;
 *    replace-tables        a month's invoices overwritten and their payments deleted, undone by
 *                          replacing `Invoice` and `Payment` (`--tables Invoice,Payment`).
 *    Each checks that the restore inserted/updated/deleted exactly what the scenario changed.
 *    They time the engine, as `restore` does; the service adds the safety backup before them.
 *
 * The server: BENCH_DATABASE_URL (any database on it; e.g. the system PostgreSQL 15:
 * postgresql://postgres:postgres@127.0.0.1:5432/postgres), else DATABASE_URL, else the embedded
 * one. pg_dump/pg_restore must be of the server's major version. Its databases are named
 * `<prefix>_<scale>`, `<prefix>_migrated`, `<prefix>_target`, `<prefix>_selective` (prefix `erp_bench` unless --prefix says
 * otherwise, for several people sharing one server). Results go to bench/results/.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateKeyHex } from '../src/lib/backup/crypto/keys';
import { GZIP_DEFAULT_LEVEL } from '../src/lib/backup/format/constants';
import { ensureDatabase } from '../src/lib/db/database-url';
import { urlWithDatabase } from '../src/lib/db/connection-url';
import { migrate } from '../src/lib/db/migrations';
import { seedDatabase } from '../src/lib/seed/index';
import { compileSteps, type StepName } from './compile-steps';
import { admin, checkpoint, databaseExists, dropDatabase, freshDatabase } from './databases';
import { measure, type Measurement } from './measure';
import { checkOutcome, deletedRowsScenario, replacedTablesScenario } from './selective';
import { median, pairedRatios } from './stats';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'school' },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    'gzip-level': { type: 'string', default: String(GZIP_DEFAULT_LEVEL) },
    prefix: { type: 'string', default: 'erp_bench' },
  },
});
const scale = values.scale as 'school' | 'district' | 'demo';
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1');
const GROUPS = ['backup', 'restore', 'selective'] as const;
if (values.only !== undefined && !(GROUPS as readonly string[]).includes(values.only)) throw new Error(`--only takes one of ${GROUPS.join(', ')}`);
const groups = Object.fromEntries(GROUPS.map((g) => [g, values.only === undefined || values.only === g])) as Record<(typeof GROUPS)[number], boolean>;

const TARGETS = { backup: 0.5, backupNow: 0.7, restore: 0.8, verify: 0.3, preview: 2.0, size: 1.0, peakRssMiB: 120 };

type Side =
  | 'backup' | 'backup-now' | 'verify' | 'restore' | 'preview' | 'restore-deleted-rows' | 'rehearse-replace' | 'replace-tables'
  | 'pg_dump' | 'pg_restore-1' | 'pg_restore';
const series = new Map<Side, Measurement[]>();
const record = (side: Side, m: Measurement) => {
  series.set(side, [...(series.get(side) ?? []), m]);
  console.error(`  ${side.padEnd(20)} ${m.seconds.toFixed(2)} s  ${m.peakRssMiB ?? '?'} MiB`);
  return m;
};

const external = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const db = external ? { url: external, stop: async () => undefined } : await ensureDatabase();
const serverUrl = db.url;
if (!/^[a-z_][a-z0-9_]{0,40}$/.test(values.prefix)) throw new Error('--prefix takes lower-case letters, digits and _');
const sourceName = `${values.prefix}_${scale}`;
const templateName = `${values.prefix}_migrated`;
const targetName = `${values.prefix}_target`;
const selectiveName = `${values.prefix}_selective`;
const sourceUrl = urlWithDatabase(serverUrl, sourceName);
const work = await mkdtemp(path.join(tmpdir(), 'erp-bench-'));
const env = { ...process.env, BACKUP_ENCRYPTION_KEY: generateKeyHex(), BACKUP_GZIP_LEVEL: values['gzip-level'] };
const steps = await compileSteps();

/** Runs one of our compiled steps after a checkpoint. */
async function ours(step: StepName, args: string[]): Promise<Measurement> {
  await checkpoint(serverUrl);
  return measure(process.execPath, [steps.script(step), ...args], env);
}

async function theirs(command: string, args: string[]): Promise<Measurement> {
  await checkpoint(serverUrl);
  return measure(command, args);
}

try {
  let seedSeconds: number | null = null;
  if (!values.reuse || !(await databaseExists(serverUrl, sourceName))) {
    await freshDatabase(serverUrl, sourceName, { migrated: true });
    const seeded = await seedDatabase(sourceUrl, scale, { log: (line: string) => console.error(line) });
    seedSeconds = seeded.ms / 1000;
    console.error(`seeded ${scale}: ${seeded.totalRows} rows in ${seedSeconds.toFixed(1)} s`);
  } else {
    await migrate(sourceUrl); // a reused database gets the migrations added since it was seeded
  }
  await freshDatabase(serverUrl, templateName, { migrated: true });
  const info = await admin(serverUrl, async (c) => {
    const { rows } = await c.query(`SELECT current_setting('server_version') AS version, current_setting('server_version_num')::int / 10000 AS major, pg_database_size($1)::bigint AS bytes`, [sourceName]);
    return rows[0] as { version: string; major: number; bytes: string };
  });
  const pgDumpVersion = execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }).trim();
  if (!new RegExp(`\\s${info.major}\\.`).test(pgDumpVersion)) throw new Error(`${pgDumpVersion} does not match the server (${info.version})`);

  const ourFile = path.join(work, 'ours', 'bench.erpbak');
  const dumpFile = path.join(work, 'bench.dump');
  let backupInfo = { size: 0, rows: 0, payloadBytes: 0 };
  for (let round = 1; round <= runs; round += 1) {
    console.error(`round ${round}/${runs}`);
    if (groups.backup || round === 1) {
      await rm(path.join(work, 'ours'), { recursive: true, force: true });
      backupInfo = JSON.parse(record('backup', await ours('backup', [sourceUrl, path.join(work, 'ours')])).stdout) as typeof backupInfo;
      record('pg_dump', await theirs('pg_dump', ['-Fc', '-f', dumpFile, sourceUrl]));
    }
    if (groups.backup) {
      const nowDir = path.join(work, 'now');
      record('backup-now', await ours('backup-now', [sourceUrl, nowDir]));
      await rm(nowDir, { recursive: true, force: true });
      record('verify', await ours('verify', [ourFile]));
    }
    const target = () => freshDatabase(serverUrl, targetName, { template: templateName });
    if (groups.restore || groups.selective) record('restore', await ours('restore', [await target(), ourFile]));
    if (groups.restore) {
      record('pg_restore-1', await theirs('pg_restore', ['--single-transaction', '--clean', '--if-exists', '--no-owner', '-d', await target(), dumpFile]));
      const empty = await freshDatabase(serverUrl, targetName);
      record('pg_restore', await theirs('pg_restore', ['--no-owner', '-d', empty, dumpFile]));
      await dropDatabase(serverUrl, targetName);
      // A full restore preview of the round's file against the seeded database itself.
      record('preview', await ours('preview', [sourceUrl, ourFile]));
    }
    if (groups.selective) {
      const deleted = await deletedRowsScenario(serverUrl, selectiveName, sourceName);
      console.error(`  (deleted: ${deleted.expected.inserted} rows)`);
      const restored = record('restore-deleted-rows', await ours('restore', [deleted.url, ourFile, JSON.stringify(deleted.selection)]));
      checkOutcome('restore-deleted-rows', deleted, restored.stdout);
      const replaced = await replacedTablesScenario(serverUrl, selectiveName, sourceName);
      console.error(`  (overwritten: ${replaced.expected.updated} invoices, ${replaced.expected.inserted} payments deleted)`);
      record('rehearse-replace', await ours('restore', [replaced.url, ourFile, JSON.stringify(replaced.selection), 'rehearse']));
      checkOutcome('replace-tables', replaced, record('replace-tables', await ours('restore', [replaced.url, ourFile, JSON.stringify(replaced.selection)])).stdout);
      await dropDatabase(serverUrl, selectiveName);
    }
  }
  const pgDumpSize = (await stat(dumpFile)).size;

  const seconds = (side: Side) => (series.get(side) ?? []).map((m) => m.seconds);
  const summary = [...series.entries()].map(([side, ms]) => ({
    step: side,
    medianSeconds: median(ms.map((m) => m.seconds)),
    minSeconds: Math.min(...ms.map((m) => m.seconds)),
    maxSeconds: Math.max(...ms.map((m) => m.seconds)),
    medianPeakRssMiB: median(ms.map((m) => m.peakRssMiB ?? Number.NaN)),
    maxPeakRssMiB: Math.max(...ms.map((m) => m.peakRssMiB ?? Number.NaN)),
    medianCpuSeconds: median(ms.map((m) => m.cpuSeconds ?? Number.NaN)),
    details: ms.map((m) => (m.stdout.trim().startsWith('{') ? JSON.parse(m.stdout) : null)),
    runs: ms.map((m) => ({ seconds: m.seconds, peakRssMiB: m.peakRssMiB, cpuSeconds: m.cpuSeconds })),
  }));
  // The admin's wait after "Back up now": from the request to the COMPLETED row, in the app's running process.
  const adminWait = (series.get('backup-now') ?? []).map((m) => (JSON.parse(m.stdout) as { waitMs: number }).waitMs / 1000);
  const ratio = (a: Side | number[], b: Side) => {
    const per = pairedRatios(Array.isArray(a) ? a : seconds(a), seconds(b));
    return per.length === 0 || seconds(b).length < per.length ? null : { perPair: per, median: median(per) };
  };
  const ratios = {
    backup: ratio('backup', 'pg_dump'),
    backupNow: ratio(adminWait, 'pg_dump'),
    backupNowProcess: ratio('backup-now', 'pg_dump'),
    restore: ratio('restore', 'pg_restore-1'),
    restoreVsPlainPgRestore: ratio('restore', 'pg_restore'),
    verify: ratio('verify', 'backup'),
    preview: ratio('preview', 'restore'),
    restoreDeletedRows: ratio('restore-deleted-rows', 'restore'),
    rehearseReplace: ratio('rehearse-replace', 'restore'),
    replaceTables: ratio('replace-tables', 'restore'),
    size: backupInfo.size / pgDumpSize,
  };
  const result = {
    date: new Date().toISOString(),
    scale,
    runs,
    gzipLevel: Number(values['gzip-level']),
    server: info.version,
    pgDump: pgDumpVersion,
    databaseBytes: Number(info.bytes),
    rows: backupInfo.rows,
    payloadBytes: backupInfo.payloadBytes,
    outputBytes: { ours: backupInfo.size, pgDump: pgDumpSize },
    seedSeconds,
    machine: { cpus: availableParallelism(), node: process.version },
    steps: summary,
    backupNowWaitSeconds: { median: median(adminWait), runs: adminWait },
    ratios,
    targets: TARGETS,
  };

  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  console.log(`\n${scale}, ${runs} alternating runs, gzip level ${result.gzipLevel}: ${backupInfo.rows.toLocaleString('en')} rows, database ${mb(Number(info.bytes))} MB, COPY payload ${mb(backupInfo.payloadBytes)} MB, PostgreSQL ${info.version}`);
  console.log(`output: ours ${mb(backupInfo.size)} MB, pg_dump -Fc ${mb(pgDumpSize)} MB\n`);
  console.log('| step | median s | min–max s | CPU s (user + sys, median) | peak RSS MiB (median / max) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const s of summary) {
    console.log(`| ${s.step} | ${s.medianSeconds.toFixed(2)} | ${s.minSeconds.toFixed(2)}–${s.maxSeconds.toFixed(2)} | ${s.medianCpuSeconds.toFixed(2)} | ${s.medianPeakRssMiB} / ${s.maxPeakRssMiB} |`);
  }
  if (adminWait.length > 0) console.log(`| backup-now: request → COMPLETED | ${median(adminWait).toFixed(2)} | ${Math.min(...adminWait).toFixed(2)}–${Math.max(...adminWait).toFixed(2)} | | |`);
  const row = (name: string, r: { perPair: number[]; median: number } | null, target: number) =>
    r && console.log(`| ${name} | ${r.perPair.map((v) => v.toFixed(2)).join(' ')} | **${r.median.toFixed(2)}** | ${Number.isFinite(target) ? `≤ ${target} | ${r.median <= target ? 'met' : 'missed'}` : ' |'} |`);
  console.log('\n| ratio | per pair | median | target | |');
  console.log('|---|---|---:|---:|---|');
  row('backup / pg_dump -Fc', ratios.backup, TARGETS.backup);
  row('Back up now: request → COMPLETED, verify included / pg_dump -Fc', ratios.backupNow, TARGETS.backupNow);
  row('Back up now, whole process (node start, Prisma) / pg_dump -Fc', ratios.backupNowProcess, Number.POSITIVE_INFINITY);
  row('restore / pg_restore -1 --clean --if-exists', ratios.restore, TARGETS.restore);
  row('restore / pg_restore (plain, fresh db)', ratios.restoreVsPlainPgRestore, Number.POSITIVE_INFINITY);
  row('verify / backup', ratios.verify, TARGETS.verify);
  row('restore preview / restore', ratios.preview, TARGETS.preview);
  row('restore deleted rows (one section\'s pupils, 8 tables, --only-missing) / restore', ratios.restoreDeletedRows, Number.POSITIVE_INFINITY);
  row('rehearsal of the replace below / restore', ratios.rehearseReplace, Number.POSITIVE_INFINITY);
  row('replace Invoice + Payment (--tables) / restore', ratios.replaceTables, Number.POSITIVE_INFINITY);
  console.log(`| output size / pg_dump -Fc | | **${ratios.size.toFixed(2)}** | ≤ ${TARGETS.size} | ${ratios.size <= TARGETS.size ? 'met' : 'missed'} |`);

  await mkdir('bench/results', { recursive: true });
  // A partial run (`--only`) is saved apart, so that it never replaces a full one.
  const out = path.join('bench/results', `${result.date.slice(0, 10)}-${scale}-gzip${result.gzipLevel}${values.only ? `-${values.only}` : ''}.json`);
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nsaved ${out}`);
} finally {
  await rm(work, { recursive: true, force: true });
  await rm(steps.dir, { recursive: true, force: true });
  await dropDatabase(serverUrl, targetName).catch(() => undefined);
  await dropDatabase(serverUrl, selectiveName).catch(() => undefined);
  await db.stop();
}
