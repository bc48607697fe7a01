/**
 * The restore use case — the one path every door takes (the worker's RESTORE operation, the
 * CLI's restore of a recorded backup or of a file alone):
 * 1. refuse, before anything is written, what the restore would refuse (`rehearseRestore`, the
 *    same engine writing nothing): the key, the manifest against the catalog and the selection's
 *    tables from the file's first frames; for a selective replace also its foreign keys, from a
 *    rehearsal of the whole load rolled back (it reads the whole file once more);
 * 2. take a safety backup (trigger PRE_RESTORE), so the restore can be undone by restoring it —
 *    if that fails, nothing is restored;
 * 3. restore the file (`restoreDatabase`: one transaction that commits only after the file's tag,
 *    counts and hashes all verified), reporting progress in the operation's terms — the whole
 *    database, or with a selection only the chosen tables (replaced, or their missing rows
 *    brought back); the outcome then says what was inserted, updated and deleted.
 * Progress names its step (`rehearsal` for a selective replace, `safety-backup`, then `restore`); the restore step keeps the engine's
 * phases (checking, loading, indexing, committing), loading with the file's bytes read (of its
 * size, when known) and the rows loaded (of the backup's row count, when known).
 * `performRestore` runs a recorded backup's RESTORE operation (runOperation holds the lock and
 * records the outcome); `restoreBackupFile` restores a file with no row, under the operation lock,
 * audit-logged as its actor.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Backup, BackupOperation } from '../../../generated/prisma/client';
import { acquireOperationLock } from '../database/operation-lock';
import { toBackupError } from '../errors';
import { rehearseRestore, restoreDatabase, type RehearsalOptions, type RestoreProgress } from '../restore/restore-database';
import type { SelectiveReport } from '../restore/selective/report';
import { parseSelection, restoreSelectionSchema, type RestoreSelection } from '../restore/selective/selection';
import { ByteCounter } from '../storage/byte-counter';
import { actorEmail, actorId, type Actor } from './actor';
import { writeAudit } from './audit';
import { streamBackupFile, streamRecordedBackup, requireCompletedBackup } from './backup-source';
import type { OperationProgress } from './backup-view';
import type { BackupContext } from './context';
import { produceBackup } from './produce-backup';
import { backupFilename } from './requests';

export interface RestoreOutcome {
  safetyBackupId: string;
  tables: number;
  rows: number;
  durationMs: number;
  selective?: SelectiveReport;
}

interface RestoreRun {
  onProgress?(p: OperationProgress): void;
  signal?: AbortSignal;
}

interface Selected {
  /** Only these tables; absent: the whole database. */
  selection?: RestoreSelection;
}

interface RestoreRequest extends RestoreRun, Selected {
  /** Opens the backup's bytes; called once for the checks before writing and once for the restore. */
  open(): Promise<Readable>;
  /** The backup's name, for the safety backup's label. */
  name: string;
  /** The file's size and row count, when recorded: what the restore's progress counts towards. */
  size?: number;
  rows?: number;
  expectedFingerprint?: string;
  /** The RESTORE operation, whose commit marker the restore writes in its own transaction. */
  operationId?: string;
  requestedBy: string | null;
  requestedEmail: string | null;
  /** Told the safety backup's id as soon as it exists. */
  onSafetyBackup?(id: string): Promise<void>;
}

/** A selective restore's selection and counts, as the audit rows record them (nothing for a full restore). */
export function selectionAuditDetails(selection: unknown, report?: SelectiveReport): Record<string, string | number> {
  const parsed = restoreSelectionSchema.safeParse(selection);
  if (!parsed.success) return {};
  const { tables, mode, revertChanged } = parsed.data;
  const counts: Record<string, number> = report ? { inserted: report.inserted, updated: report.updated, deleted: report.deleted, withoutParent: report.withoutParent } : {};
  return { selection: tables.join(','), mode: revertChanged ? `${mode}+revert-changed` : mode, ...counts };
}

/** What a restore has read of its file so far, and what it counts towards. */
interface FileRead {
  bytes: number;
  bytesTotal?: number;
  rowsTotal?: number;
}

/** A restore's progress as the operation row, the page and the CLI show it (step `restore`). */
export function restoreProgressView(p: RestoreProgress, read: FileRead): OperationProgress {
  const byBytes = read.bytesTotal ? Math.floor((read.bytes / read.bytesTotal) * 100) : p.tablesTotal ? Math.floor((p.tablesDone / p.tablesTotal) * 100) : 0;
  return {
    step: 'restore',
    phase: p.phase,
    table: p.table,
    tablesDone: p.tablesDone,
    tablesTotal: p.tablesTotal,
    rows: p.rows,
    rowsTotal: read.rowsTotal,
    bytes: read.bytes,
    bytesTotal: read.bytesTotal,
    percent: p.phase === 'loading' || p.phase === 'checking' ? Math.min(99, byBytes) : 99,
  };
}

/** Backs up the database as it is now (trigger PRE_RESTORE), so a restore can be undone. */
export async function takeSafetyBackup(
  ctx: BackupContext,
  options: { label: string; requestedBy: string | null; requestedEmail: string | null } & RestoreRun,
): Promise<Backup> {
  const now = ctx.clock();
  const safety = await ctx.prisma.backup.create({
    data: {
      filename: backupFilename(now, randomBytes(6).toString('hex')),
      label: options.label,
      status: 'QUEUED',
      trigger: 'PRE_RESTORE',
      createdAt: now,
      createdBy: options.requestedBy,
      createdByEmail: options.requestedEmail,
    },
  });
  return produceBackup(ctx, safety.id, { onProgress: options.onProgress, signal: options.signal, phase: 'safety-backup' });
}

/**
 * Runs the one restore engine on the backup's bytes, its progress in the operation's terms:
 * the restore itself, or its rehearsal (which writes nothing; shown as step `rehearsal`, phase
 * `checking`).
 */
async function runEngine<T>(ctx: BackupContext, request: RestoreRequest, run: 'restore' | 'rehearsal', engine: (options: RehearsalOptions) => Promise<T>): Promise<T> {
  const read: FileRead = { bytes: 0, bytesTotal: request.size, rowsTotal: request.rows };
  let last: RestoreProgress | undefined;
  const report = (p: RestoreProgress) => {
    last = p;
    const view = restoreProgressView(run === 'restore' ? p : { ...p, phase: 'checking' }, read);
    request.onProgress?.(run === 'restore' ? view : { ...view, step: 'rehearsal' });
  };
  // The engine reports at table boundaries; the file's bytes move the bar inside a large table too.
  const counter = new ByteCounter((bytes) => {
    read.bytes = bytes;
    if (last?.phase === 'loading') report(last);
  });
  const reading = pipeline(await request.open(), counter).catch(() => undefined); // errors reach the reader through `counter`
  const options: RehearsalOptions = {
    targetUrl: ctx.databaseUrl,
    source: counter,
    keyring: ctx.keyring(),
    expectedFingerprint: request.expectedFingerprint,
    selection: request.selection,
    timeouts: ctx.config.restoreTimeouts,
    signal: request.signal,
    onProgress: report,
  };
  try {
    return await engine(options);
  } finally {
    await reading;
  }
}

/**
 * Refuses, before anything is written, whatever the restore itself would refuse: the key
 * (WRONG_KEY), a damaged start (CORRUPT), a manifest that does not fit the database
 * (SCHEMA_MISMATCH), a selection naming a table the backup lacks (NOT_FOUND) or one without a
 * primary key — from the file's first frames; and for a selective replace, which needs the
 * backup's rows to know, a selection that would break a foreign key (CONSTRAINT_VIOLATION) —
 * by rehearsing the whole restore in a transaction that is rolled back.
 */
async function refuseBeforeWriting(ctx: BackupContext, request: RestoreRequest): Promise<void> {
  if (request.selection?.mode === 'replace') return runEngine(ctx, request, 'rehearsal', (options) => rehearseRestore(options, 'load'));
  await rehearseRestore(
    { targetUrl: ctx.databaseUrl, source: await request.open(), keyring: ctx.keyring(), expectedFingerprint: request.expectedFingerprint, selection: request.selection, signal: request.signal },
    'manifest',
  );
}

async function restoreWithSafetyBackup(ctx: BackupContext, request: RestoreRequest): Promise<RestoreOutcome> {
  await refuseBeforeWriting(ctx, request);
  const safety = await takeSafetyBackup(ctx, {
    label: `Before restoring ${request.name}`,
    requestedBy: request.requestedBy,
    requestedEmail: request.requestedEmail,
    onProgress: (p) => request.onProgress?.({ ...p, step: 'safety-backup' }),
    signal: request.signal,
  });
  await request.onSafetyBackup?.(safety.id);
  // The restore checks everything again: the database may have changed since the rehearsal.
  const result = await runEngine(ctx, request, 'restore', (options) => restoreDatabase({ ...options, operationId: request.operationId }));
  return { safetyBackupId: safety.id, tables: result.tables, rows: result.rows, durationMs: result.durationMs, ...(result.selective ? { selective: result.selective } : {}) };
}

/** Runs a RESTORE operation of a recorded backup; the caller (runOperation) holds the lock. */
export async function performRestore(ctx: BackupContext, operation: BackupOperation, options: RestoreRun = {}): Promise<RestoreOutcome> {
  const target = requireCompletedBackup(await ctx.prisma.backup.findUnique({ where: { id: operation.backupId } }));
  return restoreWithSafetyBackup(ctx, {
    ...options,
    open: async () => (await streamRecordedBackup(ctx, target)).stream,
    name: target.filename,
    size: Number(target.size),
    rows: target.rowCount === null ? undefined : Number(target.rowCount),
    expectedFingerprint: target.keyFingerprint ?? undefined,
    operationId: operation.id,
    selection: operation.selection === null ? undefined : parseSelection(operation.selection),
    requestedBy: operation.requestedBy,
    requestedEmail: operation.requestedEmail,
    onSafetyBackup: async (id) => {
      await ctx.prisma.backupOperation.update({ where: { id: operation.id }, data: { safetyBackupId: id } });
    },
  });
}

/** Restores a backup file that has no row (disaster recovery: the file and the key alone). */
export async function restoreBackupFile(ctx: BackupContext, request: { file: string; actor: Actor } & RestoreRun & Selected): Promise<RestoreOutcome> {
  const name = path.basename(request.file);
  const open = () => streamBackupFile(request.file);
  const lock = await acquireOperationLock(ctx.databaseUrl);
  let safetyBackupId: string | undefined;
  try {
    const outcome = await restoreWithSafetyBackup(ctx, {
      ...request,
      open,
      name,
      requestedBy: actorId(request.actor),
      requestedEmail: actorEmail(request.actor),
      onSafetyBackup: async (id) => void (safetyBackupId = id),
    });
    await writeAudit(ctx.prisma, { actor: request.actor, action: 'BACKUP_RESTORE', outcome: 'SUCCESS', resourceId: outcome.safetyBackupId, details: { source: request.file, safetyBackupId: outcome.safetyBackupId, tables: outcome.tables, rows: outcome.rows, durationMs: outcome.durationMs, ...selectionAuditDetails(request.selection, outcome.selective) } });
    return outcome;
  } catch (error) {
    const failure = toBackupError(error);
    const details = { source: request.file, code: failure.code, message: failure.message, ...(safetyBackupId ? { safetyBackupId } : {}), ...selectionAuditDetails(request.selection) };
    await writeAudit(ctx.prisma, { actor: request.actor, action: 'BACKUP_RESTORE', outcome: 'FAILURE', resourceId: safetyBackupId ?? null, details });
    throw failure;
  } finally {
    await lock.release();
  }
}
