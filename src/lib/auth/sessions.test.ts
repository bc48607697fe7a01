/** Sessions against a real PostgreSQL: lookup, expiry, revocation (one, all, by the User trigger), lastSeenAt, pruning. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/database';
import { createPrisma, type PrismaClient } from '../db/prisma';
import { seedDatabase, DEMO_ADMIN } from '../seed';
import { createSession, findSession, listActiveSessions, revokeSession, revokeUserSessions, SESSION_MAX_AGE_SECONDS } from './sessions';

let db: TestDatabase;
let prisma: PrismaClient;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase('erp_sessions_');
  await seedDatabase(db.url, 'demo');
  prisma = createPrisma(db.url);
  userId = (await prisma.user.findUniqueOrThrow({ where: { email: DEMO_ADMIN.email } })).id;
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe('sessions', () => {
  it('find the user for a live token, and nothing once expired or for a malformed token', async () => {
    const now = Date.now();
    const { token, sessionId } = await createSession(prisma, { userId, ip: '192.0.2.1', userAgent: 'test' }, now);
    expect(await findSession(prisma, token, now + 1000)).toEqual({ sessionId, user: expect.objectContaining({ id: userId, role: 'ADMIN' }) });
    expect(await findSession(prisma, token, now + SESSION_MAX_AGE_SECONDS * 1000 + 1)).toBeNull();
    expect(await findSession(prisma, `${token}=`, now)).toBeNull();
  });

  it('refresh lastSeenAt only every few minutes', async () => {
    const now = Date.now();
    const { token, sessionId } = await createSession(prisma, { userId }, now);
    await findSession(prisma, token, now + 60_000);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt.getTime()).toBe(now);
    await findSession(prisma, token, now + 6 * 60_000);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt.getTime()).toBe(now + 6 * 60_000);
  });

  it('end one, all, or all through the User trigger on a password change', async () => {
    const one = await createSession(prisma, { userId });
    const two = await createSession(prisma, { userId });
    await revokeSession(prisma, one.sessionId);
    expect(await findSession(prisma, one.token)).toBeNull();
    expect(await findSession(prisma, two.token)).not.toBeNull();
    expect(await revokeUserSessions(prisma, userId)).toBeGreaterThanOrEqual(1);
    expect(await listActiveSessions(prisma, userId)).toEqual([]);

    const three = await createSession(prisma, { userId });
    await prisma.user.update({ where: { id: userId }, data: { passwordHash: 'scrypt$changed' } });
    expect(await findSession(prisma, three.token)).toBeNull();
    const four = await createSession(prisma, { userId });
    await prisma.user.update({ where: { id: userId }, data: { name: 'Renamed admin' } }); // not a security change
    expect(await findSession(prisma, four.token)).not.toBeNull();
  });

  it('delete a user\'s sessions that ended more than 30 days ago when a new one starts', async () => {
    const now = Date.now();
    const old = await createSession(prisma, { userId }, now - 31 * 86_400_000);
    await createSession(prisma, { userId }, now);
    expect(await prisma.session.findUnique({ where: { id: old.sessionId } })).toBeNull();
  });
});
