/**
 * Server-side sessions in PostgreSQL (table "Session"), framework-free so tests and scripts use
 * them too. Every app instance reads the same rows, so a revocation anywhere applies everywhere
 * on the next request.
 * - `createSession`: a new random token (returned once, for the cookie) and its row, valid for
 *   SESSION_MAX_AGE_SECONDS; the user's rows that ended more than KEEP_ENDED_DAYS ago are deleted.
 * - `findSession`: the session and its user for a cookie token, in one query (unique index on
 *   tokenHash, primary key of User); null when the token is malformed, unknown, revoked, expired,
 *   or its user is gone or inactive. `lastSeenAt` is refreshed at most every LAST_SEEN_STEP_MS,
 *   so most requests write nothing.
 * - `revokeSession`, `revokeUserSessions` (sign out everywhere), `listActiveSessions`.
 * A trigger on "User" (migration 20261201100000_security_sessions) revokes all of a user's
 * sessions when the password, the role or the active flag changes, or the user is deleted.
 */
import type { Role } from '../../generated/prisma/client';
import type { PrismaClient } from '../db/prisma';
import { hashSessionToken, newSessionToken } from './session-token';

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
const LAST_SEEN_STEP_MS = 5 * 60_000;
/** Ended (expired) sessions stay listed this long, for investigations, then go. */
const KEEP_ENDED_DAYS = 30;
const MAX_USER_AGENT_LENGTH = 500;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface CurrentSession {
  sessionId: string;
  user: SessionUser;
}

export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export async function createSession(
  prisma: PrismaClient,
  input: { userId: string; ip?: string; userAgent?: string },
  now = Date.now(),
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = newSessionToken();
  await prisma.session.deleteMany({ where: { userId: input.userId, expiresAt: { lt: new Date(now - KEEP_ENDED_DAYS * 86_400_000) } } });
  const session = await prisma.session.create({
    data: {
      tokenHash: hashSessionToken(token)!,
      userId: input.userId,
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + SESSION_MAX_AGE_SECONDS * 1000),
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
    },
  });
  return { token, sessionId: session.id, expiresAt: session.expiresAt };
}

interface SessionRow {
  sessionId: string;
  lastSeenMs: number;
  id: string;
  email: string;
  name: string;
  role: Role;
}

export async function findSession(prisma: PrismaClient, token: string, now = Date.now()): Promise<CurrentSession | null> {
  const tokenHash = hashSessionToken(token);
  if (!tokenHash) return null;
  const nowSeconds = now / 1000;
  const [row] = await prisma.$queryRaw<SessionRow[]>`
    SELECT s."id" AS "sessionId", (extract(epoch FROM s."lastSeenAt") * 1000)::float8 AS "lastSeenMs",
           u."id", u."email", u."name", u."role"::text AS "role"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."tokenHash" = ${tokenHash} AND s."revokedAt" IS NULL AND u."isActive"
       AND s."expiresAt" > (to_timestamp(${nowSeconds}::float8) AT TIME ZONE 'UTC')`;
  if (!row) return null;
  if (now - row.lastSeenMs >= LAST_SEEN_STEP_MS) {
    await prisma.session.update({ where: { id: row.sessionId }, data: { lastSeenAt: new Date(now) } });
  }
  return { sessionId: row.sessionId, user: { id: row.id, email: row.email, name: row.name, role: row.role } };
}

export async function revokeSession(prisma: PrismaClient, sessionId: string, now = Date.now()): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date(now) } });
}

/** Ends every session of the user; returns how many were still active. */
export async function revokeUserSessions(prisma: PrismaClient, userId: string, now = Date.now()): Promise<number> {
  const { count } = await prisma.session.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date(now) } },
    data: { revokedAt: new Date(now) },
  });
  return count;
}

export async function listActiveSessions(prisma: PrismaClient, userId: string, now = Date.now()): Promise<SessionView[]> {
  return prisma.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date(now) } },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, ip: true, userAgent: true },
  });
}
