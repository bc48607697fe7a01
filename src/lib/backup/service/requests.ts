/**
 * Requests for long work: each creates its rows and hands the operation to the job queue,
 * returning at once. Creates and restores are exclusive: the check "nothing else is queued or
 * running" and the insert happen under a transaction-level advisory lock, so of two concurrent
 * requests exactly one is accepted and the other gets OperationInProgressError. (The worker then
 * takes the session-level operation lock while it runs, which also excludes the CLI.)
 */
import { randomBytes } from 'node:crypto';
import type { BackupTrigger, OperationKind, Prisma } from '../../../generated/prisma/client';
import { InvalidInputError, NotFoundError, OperationInProgressError, StorageError } from '../errors';
import { OPERATION_LOCK_KEY } from '../database/operation-lock';
import { actorEmail, actorId, type Actor } from './actor';
import type { BackupContext } from './context';
import { parseSelection, type RestoreSelection } from '../restore/selective/selection';

/** Serialises request admission; distinct from the operation lock the worker holds. */
const REQUEST_LOCK_KEY = '7310876340744303985';

export const LABEL_MAX_LENGTH = 120;

export function backupFilename(createdAt: Date, suffix: string): string {
  const stamp = createdAt.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `erp-backup-${stamp}-${suffix}.erpbak`;
}

export interface RequestedOperation {
  backupId: string;
  operationId: string;
}

async function admitExclusive<T>(ctx: BackupContext, create: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REQUEST_LOCK_KEY}::bigint)`;
    const busy = await tx.backupOperation.count({ where: { status: { in: ['QUEUED', 'RUNNING'] }, kind: { in: ['CREATE', 'RESTORE'] } } });
    const [{ held } = { held: false }] = await tx.$queryRaw<{ held: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
        AND ((classid::bigint << 32) | objid::bigint) = ${OPERATION_LOCK_KEY}::bigint
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS held`;
    if (busy > 0 || held) throw new OperationInProgressError();
    return create(tx);
  });
}

async function enqueue(ctx: BackupContext, operationId: string): Promise<void> {
  if (ctx.jobs) await ctx.jobs.enqueue(operationId);
}

export async function requestBackup(
  ctx: BackupContext,
  request: { actor: Actor; label?: string; trigger?: BackupTrigger },
): Promise<RequestedOperation> {
  const label = request.label?.trim() || undefined;
  if (label && label.length > LABEL_MAX_LENGTH) throw new InvalidInputError(`The label can be at most ${LABEL_MAX_LENGTH} characters.`);
  ctx.keyring(); // fail now, not in the worker, when no key is configured
  const now = ctx.clock();
  const created = await admitExclusive(ctx, async (tx) => {
    const backup = await tx.backup.create({
      data: {
        filename: backupFilename(now, randomBytes(6).toString('hex')),
        label,
        status: 'QUEUED',
        trigger: request.trigger ?? 'MANUAL',
        size: 0,
        createdAt: now,
        createdBy: actorId(request.actor),
        createdByEmail: actorEmail(request.actor),
      },
    });
    const operation = await tx.backupOperation.create({
      data: { backupId: backup.id, kind: 'CREATE', requestedBy: actorId(request.actor), requestedEmail: actorEmail(request.actor), createdAt: now },
    });
    return { backupId: backup.id, operationId: operation.id };
  });
  await enqueue(ctx, created.operationId);
  return created;
}

async function requestOnBackup(ctx: BackupContext, kind: OperationKind, backupId: string, actor: Actor, exclusive: boolean, selection?: RestoreSelection) {
  const make = async (tx: Prisma.TransactionClient) => {
    const backup = await tx.backup.findUnique({ where: { id: backupId } });
    if (!backup) throw new NotFoundError('The backup');
    if (backup.status !== 'COMPLETED') throw new InvalidInputError('Only a completed backup can be used.');
    const operation = await tx.backupOperation.create({
      data: { backupId, kind, requestedBy: actorId(actor), requestedEmail: actorEmail(actor), createdAt: ctx.clock(), ...(selection ? { selection } : {}) },
    });
    return { backupId, operationId: operation.id };
  };
  const created = exclusive ? await admitExclusive(ctx, make) : await make(ctx.prisma);
  await enqueue(ctx, created.operationId);
  return created;
}

/**
 * The caller has already checked the step-up confirmation (password and typed name). With a
 * `selection`, only those tables are restored (checked for shape here, against the backup when it runs).
 */
export async function requestRestore(ctx: BackupContext, request: { actor: Actor; backupId: string; selection?: RestoreSelection }): Promise<RequestedOperation> {
  ctx.keyring();
  const selection = request.selection ? parseSelection(request.selection) : undefined;
  return requestOnBackup(ctx, 'RESTORE', request.backupId, request.actor, true, selection);
}

export async function requestUpload(ctx: BackupContext, request: { actor: Actor; backupId: string }): Promise<RequestedOperation> {
  if (!ctx.cloud) throw new StorageError('Cloud storage is not configured (set BACKUP_S3_BUCKET and its credentials).');
  return requestOnBackup(ctx, 'UPLOAD', request.backupId, request.actor, false);
}
