/**
 * Writes AuditLog rows. Every attempt on a backup — success, failure or denial — gets one.
 * An audit write that fails is logged and never replaces the error of the operation it records.
 */
import type { PrismaClient } from '../../db/prisma';
import type { AuditAction, AuditOutcome, Prisma } from '../../../generated/prisma/client';
import { actorEmail, actorId, type Actor, type RequestMeta } from './actor';

export interface AuditEntry {
  actor: Actor | null;
  action: AuditAction;
  outcome: AuditOutcome;
  resourceId?: string | null;
  details?: Prisma.InputJsonValue;
  meta?: RequestMeta;
  resource?: string;
}

export async function writeAudit(prisma: PrismaClient, entry: AuditEntry): Promise<void> {
  try {
    await prisma.auditLog.create({
      data: {
        actorId: entry.actor ? actorId(entry.actor) : null,
        actorEmail: entry.actor ? actorEmail(entry.actor) : null,
        action: entry.action,
        outcome: entry.outcome,
        resource: entry.resource ?? 'backup',
        resourceId: entry.resourceId ?? null,
        details: entry.details,
        ip: entry.meta?.ip ?? null,
        userAgent: entry.meta?.userAgent?.slice(0, 500) ?? null,
      },
    });
  } catch (error) {
    console.error(`audit log write failed for ${entry.action}:`, (error as Error).message);
  }
}
