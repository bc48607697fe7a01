/**
 * Audit rows for refused anonymous callers, bounded: one AuditLog row per action, client address
 * and minute (its `bucketKey`), whose `details.count` counts the refusals, so a flood of
 * unauthenticated requests adds at most one row per client and action each minute.
 */
import type { AuditAction } from '../../generated/prisma/client';
import type { RequestMeta } from '../backup';
import type { PrismaClient } from '../db/prisma';

const MINUTE_MS = 60_000;

export function denialBucketKey(action: AuditAction, ip: string | undefined, now: number): string {
  return `denied:${action}:${ip ?? 'unknown'}:${new Date(Math.floor(now / MINUTE_MS) * MINUTE_MS).toISOString()}`;
}

export async function recordAnonymousDenial(prisma: PrismaClient, action: AuditAction, meta: RequestMeta, resourceId?: string, now = Date.now()): Promise<void> {
  const details = JSON.stringify({ code: 'UNAUTHENTICATED', count: 1 });
  try {
    await prisma.$executeRaw`
      INSERT INTO "AuditLog" ("action", "outcome", "resource", "resourceId", "details", "ip", "userAgent", "createdAt", "bucketKey")
      VALUES (${action}::"AuditAction", 'DENIED', 'backup', ${resourceId ?? null}, ${details}::jsonb, ${meta.ip ?? null},
              ${meta.userAgent?.slice(0, 500) ?? null}, (to_timestamp(${now / 1000}::float8) AT TIME ZONE 'UTC'), ${denialBucketKey(action, meta.ip, now)})
      ON CONFLICT ("bucketKey") DO UPDATE
        SET "details" = jsonb_set("AuditLog"."details", '{count}', to_jsonb(coalesce(("AuditLog"."details"->>'count')::int, 1) + 1))`;
  } catch (error) {
    console.error(`audit log write failed for ${action}:`, (error as Error).message);
  }
}
