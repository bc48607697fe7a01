/**
 * Throttling of password guesses, shared by every app instance through the "AuthThrottle" table.
 * Each attempt is checked against several keys (per account and per client). For each key:
 * - the first `freeFailures` failures cost nothing; each further failure makes the next attempt
 *   wait BASE_DELAY_SECONDS · 2^(extra failures − 1), at most MAX_DELAY_SECONDS — the wait grows,
 *   and is never a permanent lockout;
 * - failures are forgotten FORGET_AFTER_SECONDS after the last one.
 * `beginAttempt` counts the attempt as a failure up front, atomically per key (INSERT … ON
 * CONFLICT takes the row lock), so parallel guesses cannot slip past the count; when any key is
 * still waiting it throws TooManyAttemptsError with the time to retry and nothing is counted.
 * `attempt.succeeded()` then takes the up-front count back: keys with `clearOnSuccess` (the
 * account's) are deleted, others lose that one failure; keys whose failures are forgotten are
 * deleted too, so the table stays small. A failure needs no second call.
 */
import { Prisma } from '../../generated/prisma/client';
import { TooManyAttemptsError } from '../backup/errors';
import type { PrismaClient } from '../db/prisma';

export const BASE_DELAY_SECONDS = 1;
export const MAX_DELAY_SECONDS = 15 * 60;
export const FORGET_AFTER_SECONDS = 60 * 60;
/** 2^MAX_DOUBLINGS · BASE_DELAY_SECONDS is already above MAX_DELAY_SECONDS. */
const MAX_DOUBLINGS = 12;

export interface ThrottleKey {
  key: string;
  freeFailures: number;
  clearOnSuccess: boolean;
}

export interface Attempt {
  succeeded(): Promise<void>;
}

const utc = (ms: number) => Prisma.sql`(to_timestamp(${ms / 1000}::float8) AT TIME ZONE 'UTC')`;

/** When the next attempt may come, as SQL, for a key that now has `failures` failures. */
function blockedUntilSql(failures: Prisma.Sql, freeFailures: number, now: number): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${failures} > ${freeFailures}
    THEN ${utc(now)} + least(${MAX_DELAY_SECONDS}, ${BASE_DELAY_SECONDS} * power(2, least(${failures} - ${freeFailures} - 1, ${MAX_DOUBLINGS}))) * interval '1 second'
    END`;
}

/** Counts one failure for the key unless it is waiting; returns until when it waits, if it does. */
async function reserve(prisma: PrismaClient, key: ThrottleKey, now: number): Promise<number | null> {
  const failures = Prisma.sql`(CASE WHEN t."lastFailureAt" < ${utc(now - FORGET_AFTER_SECONDS * 1000)} THEN 1 ELSE t."failures" + 1 END)`;
  const counted = await prisma.$executeRaw`
    INSERT INTO "AuthThrottle" AS t ("key", "failures", "lastFailureAt", "blockedUntil")
    VALUES (${key.key}, 1, ${utc(now)}, ${blockedUntilSql(Prisma.sql`1`, key.freeFailures, now)})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = ${failures},
      "blockedUntil" = ${blockedUntilSql(failures, key.freeFailures, now)},
      "lastFailureAt" = ${utc(now)}
    WHERE t."blockedUntil" IS NULL OR t."blockedUntil" <= ${utc(now)}`;
  if (counted === 1) return null;
  const [row] = await prisma.$queryRaw<{ blockedUntilMs: number }[]>`
    SELECT (extract(epoch FROM "blockedUntil") * 1000)::float8 AS "blockedUntilMs" FROM "AuthThrottle" WHERE "key" = ${key.key}`;
  return row?.blockedUntilMs ?? now;
}

async function release(prisma: PrismaClient, key: ThrottleKey, now: number): Promise<void> {
  if (key.clearOnSuccess) {
    await prisma.$executeRaw`DELETE FROM "AuthThrottle" WHERE "key" = ${key.key}`;
    return;
  }
  const failures = Prisma.sql`greatest("failures" - 1, 0)`;
  await prisma.$executeRaw`
    UPDATE "AuthThrottle" SET "failures" = ${failures}, "blockedUntil" = ${blockedUntilSql(failures, key.freeFailures, now)}
     WHERE "key" = ${key.key}`;
}

export async function beginAttempt(prisma: PrismaClient, keys: readonly ThrottleKey[], now = Date.now()): Promise<Attempt> {
  const counted: ThrottleKey[] = [];
  for (const key of keys) {
    const blockedUntil = await reserve(prisma, key, now);
    if (blockedUntil !== null) {
      await Promise.all(counted.map((k) => release(prisma, { ...k, clearOnSuccess: false }, now)));
      throw new TooManyAttemptsError(new Date(blockedUntil), now);
    }
    counted.push(key);
  }
  return {
    async succeeded() {
      await Promise.all(counted.map((k) => release(prisma, k, now)));
      await prisma.$executeRaw`
        DELETE FROM "AuthThrottle" WHERE "lastFailureAt" < ${utc(now - FORGET_AFTER_SECONDS * 1000)} AND ("blockedUntil" IS NULL OR "blockedUntil" < ${utc(now)})`;
    },
  };
}
