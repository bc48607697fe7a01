/** The throttle against a real PostgreSQL: growing waits, forgetting, success, parallel attempts, two clients (instances). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/database';
import { TooManyAttemptsError } from '../backup/errors';
import { createPrisma, type PrismaClient } from '../db/prisma';
import { beginAttempt, FORGET_AFTER_SECONDS, MAX_DELAY_SECONDS, type ThrottleKey } from './throttle';

let db: TestDatabase;
let prisma: PrismaClient;
let other: PrismaClient;
const key: ThrottleKey = { key: 'test:account:a', freeFailures: 2, clearOnSuccess: true };
const client: ThrottleKey = { key: 'test:client:1', freeFailures: 4, clearOnSuccess: false };

beforeAll(async () => {
  db = await createTestDatabase('erp_throttle_');
  prisma = createPrisma(db.url);
  other = createPrisma(db.url);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await other?.$disconnect();
  await db?.drop();
});
beforeEach(async () => {
  await prisma.$executeRaw`DELETE FROM "AuthThrottle"`;
});

const fail = (now: number, keys = [key], via = prisma) => beginAttempt(via, keys, now);
const retryAt = async (now: number, keys = [key]) => {
  const error = await beginAttempt(prisma, keys, now).then(() => null, (e: unknown) => e);
  return error instanceof TooManyAttemptsError ? error.retryAt.getTime() : null;
};

describe('the throttle', () => {
  it('lets the free failures through, then waits 1 s, 2 s, 4 s… up to the cap', async () => {
    let now = 1_800_000_000_000;
    await fail(now);
    await fail(now); // the free failures
    await fail(now); // the third failure: waits begin
    expect(await retryAt(now)).toBe(now + 1000);
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      now = (await retryAt(now))!;
      await fail(now);
      waits.push((await retryAt(now))! - now);
    }
    expect(waits.slice(0, 4)).toEqual([2000, 4000, 8000, 16000]);
    expect(waits.at(-1)).toBe(MAX_DELAY_SECONDS * 1000);
  });

  it('forgets failures an hour after the last one', async () => {
    const now = 1_800_000_000_000;
    for (let i = 0; i < 3; i++) await fail(now);
    const later = now + FORGET_AFTER_SECONDS * 1000 + 1;
    await fail(later);
    const [row] = await prisma.authThrottle.findMany({ where: { key: key.key } });
    expect(row?.failures).toBe(1);
  });

  it('a success clears the account key and takes back only its own count from the client key', async () => {
    const now = 1_800_000_000_000;
    await fail(now, [client, key]);
    const attempt = await fail(now, [client, key]);
    await attempt.succeeded();
    const rows = await prisma.authThrottle.findMany({ orderBy: { key: 'asc' } });
    expect(rows.map((r) => [r.key, r.failures])).toEqual([[client.key, 1]]);
  });

  it('a success deletes keys whose failures are forgotten', async () => {
    const now = 1_800_000_000_000;
    await fail(now - FORGET_AFTER_SECONDS * 1000 - 1, [{ key: 'test:account:old', freeFailures: 2, clearOnSuccess: true }]);
    await (await fail(now, [client])).succeeded();
    expect(await prisma.authThrottle.findUnique({ where: { key: 'test:account:old' } })).toBeNull();
  });

  it('a refusal by a later key takes back the count of the earlier ones', async () => {
    const now = 1_800_000_000_000;
    for (let i = 0; i < 3; i++) await fail(now, [key]);
    expect(await retryAt(now, [client, key])).toBe(now + 1000);
    expect(await prisma.authThrottle.findUnique({ where: { key: client.key } })).toMatchObject({ failures: 0 });
  });

  it('parallel attempts from two connections (two instances) are counted exactly', async () => {
    const now = 1_800_000_000_000;
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => fail(now, [key], i % 2 ? other : prisma)));
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(3);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof TooManyAttemptsError)).toBe(true);
  });
});
