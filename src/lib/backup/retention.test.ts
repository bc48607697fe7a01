import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import {
  DEFAULT_RETENTION_POLICY,
  isoWeek,
  planRetention,
  type RetentionCandidate,
  type RetentionDecision,
} from './retention';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const MB = 1024 * 1024;
const GB = 1024 * MB;
const BACKUP_SIZE = 10 * MB;

function backup(id: string, createdAt: string | number, overrides: Partial<RetentionCandidate> = {}): RetentionCandidate {
  return {
    id,
    createdAt: new Date(createdAt),
    size: BACKUP_SIZE,
    status: 'COMPLETED',
    trigger: 'SCHEDULED',
    verified: true,
    ...overrides,
  };
}

function byId(decisions: RetentionDecision[]): Map<string, RetentionDecision> {
  return new Map(decisions.map((d) => [d.id, d]));
}

function keptIds(decisions: RetentionDecision[]): Set<string> {
  return new Set(decisions.filter((d) => d.action === 'keep').map((d) => d.id));
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function utcWeek(date: Date): string {
  const { isoYear, week } = isoWeek({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
  return `${isoYear}-W${week}`;
}

function minusUtcMonths(ms: number, months: number): number {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.getTime();
}

/**
 * Like the scheduler: a verified scheduled backup every day at 02:00 UTC, the
 * policy run right after it on the survivors, and some noise during the day
 * (manual backups, failures, pre-restore safety backups, unverified ones).
 */
function simulate(days: number) {
  const start = Date.UTC(2024, 0, 1, 2, 0);
  const created: RetentionCandidate[] = [];
  let survivors: RetentionCandidate[] = [];
  const violations: string[] = [];
  let now = new Date(start);
  const add = (b: RetentionCandidate) => {
    created.push(b);
    survivors.push(b);
  };

  for (let day = 0; day < days; day++) {
    const dayMs = start + day * DAY_MS;
    add(backup(`scheduled-${day}`, dayMs, { verified: day % 13 !== 5 }));
    now = new Date(dayMs + 30 * MINUTE_MS);

    const decisions = planRetention(survivors, now);
    const kept = keptIds(decisions);
    if (decisions.length !== survivors.length) violations.push(`day ${day}: not one decision per backup`);
    if (!kept.has(`scheduled-${day}`)) violations.push(`day ${day}: the newest backup was deleted`);
    for (const b of survivors) {
      if (b.createdAt.getTime() >= now.getTime() - 7 * DAY_MS && !kept.has(b.id)) {
        violations.push(`day ${day}: ${b.id} deleted inside the keep-all window`);
      }
    }
    survivors = survivors.filter((b) => kept.has(b.id));

    if (day % 5 === 0) add(backup(`manual-${day}`, dayMs + 12 * HOUR_MS, { trigger: 'MANUAL' }));
    if (day % 11 === 0) add(backup(`failed-${day}`, dayMs + HOUR_MS, { status: 'FAILED', verified: false }));
    if (day % 17 === 0) add(backup(`pre-restore-${day}`, dayMs + 8 * HOUR_MS, { trigger: 'PRE_RESTORE' }));
  }
  // The noise added after the last run has not been through the policy yet.
  survivors = survivors.filter((b) => b.createdAt.getTime() <= now.getTime());
  return { created, survivors, violations, now };
}

/** Checks the final shape against windows computed here, independently of the module. */
function expectDefaultShape({ created, survivors, now }: ReturnType<typeof simulate>) {
  const nowMs = now.getTime();
  const keepAllStart = nowMs - 7 * DAY_MS;
  const dailyStart = keepAllStart - 16 * DAY_MS;
  const weeklyStart = dailyStart - 8 * 7 * DAY_MS;
  const monthlyStart = minusUtcMonths(weeklyStart, 4);
  const yearlyStart = minusUtcMonths(monthlyStart, 24);
  const survivorIds = new Set(survivors.map((b) => b.id));
  const inRange = (from: number, to: number) =>
    survivors.filter((b) => b.createdAt.getTime() >= from && b.createdAt.getTime() < to);
  const countPer = (list: RetentionCandidate[], key: (d: Date) => string) => {
    const counts = new Map<string, number>();
    for (const b of list) counts.set(key(b.createdAt), (counts.get(key(b.createdAt)) ?? 0) + 1);
    return [...counts.values()];
  };

  const recent = created.filter((b) => b.createdAt.getTime() >= keepAllStart && b.createdAt.getTime() <= nowMs);
  expect(recent.length).toBeGreaterThanOrEqual(7);
  for (const b of recent) expect(survivorIds.has(b.id), b.id).toBe(true);

  const daily = inRange(dailyStart, keepAllStart);
  const dailyCounts = countPer(daily, utcDay);
  expect(dailyCounts.every((n) => n === 1)).toBe(true);
  expect(dailyCounts.length).toBeGreaterThanOrEqual(16); // every day had a backup

  const weekly = inRange(weeklyStart, dailyStart);
  const weeklyCounts = countPer(weekly, utcWeek);
  expect(weeklyCounts.every((n) => n === 1)).toBe(true);
  expect(weeklyCounts.length).toBeGreaterThanOrEqual(8);

  const monthly = inRange(monthlyStart, weeklyStart);
  const monthlyCounts = countPer(monthly, (d) => d.toISOString().slice(0, 7));
  expect(monthlyCounts.every((n) => n === 1)).toBe(true);
  expect(monthlyCounts.length).toBeGreaterThanOrEqual(4);

  const yearly = inRange(yearlyStart, monthlyStart);
  const yearlyCounts = countPer(yearly, (d) => String(d.getUTCFullYear()));
  expect(yearlyCounts.every((n) => n === 1)).toBe(true);

  expect(inRange(Number.NEGATIVE_INFINITY, yearlyStart)).toEqual([]);
  const oldNoise = survivors.filter(
    (b) => b.createdAt.getTime() < keepAllStart && (b.status === 'FAILED' || b.trigger === 'PRE_RESTORE'),
  );
  expect(oldNoise).toEqual([]);
  expect(survivors).toHaveLength(recent.length + daily.length + weekly.length + monthly.length + yearly.length);
  return { daily, weekly, monthly, yearly };
}

describe('planRetention over simulated years of nightly backups', () => {
  it('after two years keeps exactly the expected shape, and never touches the keep-all window', () => {
    const run = simulate(730);
    expect(run.violations).toEqual([]);
    const shape = expectDefaultShape(run);
    // Two years of data all fit inside the yearly window, which reaches back ~2.5 years.
    expect(shape.yearly.map((b) => b.createdAt.getUTCFullYear())).toEqual([2024, 2025]);
    expect(run.survivors.length).toBeLessThan(50);
  });

  it('after three years has deleted everything older than the yearly window', () => {
    const run = simulate(3 * 365);
    expect(run.violations).toEqual([]);
    const shape = expectDefaultShape(run);
    expect(shape.yearly.length).toBeGreaterThanOrEqual(2);
    expect(run.survivors.every((b) => b.createdAt.getUTCFullYear() >= 2024)).toBe(true);
    expect(run.survivors.some((b) => b.createdAt.getTime() < Date.UTC(2024, 6, 1))).toBe(false);
  });
});

describe('planRetention rules', () => {
  const now = new Date('2026-04-10T12:00:00Z');
  const newest = backup('newest', '2026-04-10T02:00:00Z');

  it('returns nothing for no backups', () => {
    expect(planRetention([], now)).toEqual([]);
  });

  it('returns one decision per backup, in input order, with readable reasons', () => {
    const input = [backup('old', '2026-02-03T02:00:00Z'), newest, backup('recent', '2026-04-08T02:00:00Z')];
    const decisions = planRetention(input, now);
    expect(decisions.map((d) => d.id)).toEqual(['old', 'newest', 'recent']);
    expect(decisions.map((d) => d.reason)).toEqual([
      'kept: newest backup of week 2026-W06',
      'kept: newest successful backup (never deleted)',
      'kept: within the keep-all window (7 days)',
    ]);
  });

  it('keeps the newest backup of each period, deleting older ones of the same period', () => {
    const decisions = byId(
      planRetention(
        [
          newest,
          backup('day-early', '2026-03-25T02:00:00Z'),
          backup('day-late', '2026-03-25T14:00:00Z'),
          backup('month-early', '2025-11-03T02:00:00Z'),
          backup('month-late', '2025-11-20T02:00:00Z'),
          backup('year-early', '2024-03-01T02:00:00Z'),
          backup('year-late', '2024-12-01T02:00:00Z'),
          backup('ancient', '2023-01-01T02:00:00Z'),
        ],
        now,
      ),
    );
    expect(decisions.get('day-late')?.reason).toBe('kept: newest backup of day 2026-03-25');
    expect(decisions.get('day-early')?.reason).toBe('deleted: day 2026-03-25 already keeps a newer backup');
    expect(decisions.get('month-late')?.reason).toBe('kept: newest backup of month 2025-11');
    expect(decisions.get('month-early')?.action).toBe('delete');
    expect(decisions.get('year-late')?.reason).toBe('kept: newest backup of year 2024');
    expect(decisions.get('year-early')?.action).toBe('delete');
    expect(decisions.get('ancient')?.reason).toBe('deleted: older than the yearly window (2 years)');
  });

  it('never lets a failed, unverified or pre-restore backup take the slot of an older verified one', () => {
    // ISO week 2026-W06 runs Monday 2 to Sunday 8 February 2026, inside the weekly window.
    const decisions = byId(
      planRetention(
        [
          newest,
          backup('verified-monday', '2026-02-02T02:00:00Z'),
          backup('unverified-thursday', '2026-02-05T02:00:00Z', { verified: false }),
          backup('failed-friday', '2026-02-06T02:00:00Z', { status: 'FAILED', verified: false }),
          backup('pre-restore-saturday', '2026-02-07T09:00:00Z', { trigger: 'PRE_RESTORE' }),
        ],
        now,
      ),
    );
    expect(decisions.get('verified-monday')).toMatchObject({ action: 'keep', reason: 'kept: newest backup of week 2026-W06' });
    expect(decisions.get('unverified-thursday')).toMatchObject({
      action: 'delete',
      reason: 'deleted: not verified, and week 2026-W06 keeps a verified backup',
    });
    expect(decisions.get('failed-friday')?.reason).toBe('deleted: failed backup older than the keep-all window (7 days)');
    expect(decisions.get('pre-restore-saturday')?.reason).toBe(
      'deleted: pre-restore safety backup older than the keep-all window (7 days)',
    );
  });

  it('keeps the newest unverified backup of a period that has no verified one', () => {
    const decisions = byId(
      planRetention(
        [
          newest,
          backup('unverified-old', '2026-02-03T02:00:00Z', { verified: false }),
          backup('unverified-new', '2026-02-04T02:00:00Z', { verified: false }),
        ],
        now,
      ),
    );
    expect(decisions.get('unverified-new')).toMatchObject({
      action: 'keep',
      reason: 'kept: newest backup of week 2026-W06 (not verified, but week 2026-W06 has no verified backup)',
    });
    expect(decisions.get('unverified-old')?.action).toBe('delete');
  });

  it('keeps failed and pre-restore backups inside the keep-all window', () => {
    const kept = keptIds(
      planRetention(
        [
          newest,
          backup('failed', '2026-04-09T02:00:00Z', { status: 'FAILED', verified: false }),
          backup('pre-restore', '2026-04-05T02:00:00Z', { trigger: 'PRE_RESTORE' }),
        ],
        now,
      ),
    );
    expect(kept).toEqual(new Set(['newest', 'failed', 'pre-restore']));
  });

  it('never touches backups in progress, however old, and does not count their size', () => {
    const decisions = byId(
      planRetention(
        [
          newest,
          backup('running', '2020-01-01T00:00:00Z', { status: 'RUNNING', size: 100 * GB }),
          backup('queued', '2020-01-01T00:00:00Z', { status: 'QUEUED', size: 0 }),
          backup('recent', '2026-04-09T02:00:00Z'),
        ],
        now,
        { ...DEFAULT_RETENTION_POLICY, maxTotalBytes: 50 * MB },
      ),
    );
    expect(decisions.get('running')).toMatchObject({ action: 'keep', reason: 'kept: still in progress (RUNNING)' });
    expect(decisions.get('queued')?.action).toBe('keep');
    expect(decisions.get('recent')?.action).toBe('keep');
  });

  it('keeps a backup whose creation time is unknown', () => {
    const decisions = byId(planRetention([newest, backup('no-date', Number.NaN)], now));
    expect(decisions.get('no-date')).toMatchObject({ action: 'keep', reason: 'kept: its creation time is unknown' });
  });

  it('never deletes the newest successful backup, however old, and ignores newer failures', () => {
    const decisions = byId(
      planRetention(
        [
          backup('only-success', '2022-01-01T02:00:00Z'),
          backup('failed-later', '2026-01-01T02:00:00Z', { status: 'FAILED', verified: false }),
        ],
        now,
      ),
    );
    expect(decisions.get('only-success')).toMatchObject({
      action: 'keep',
      reason: 'kept: newest successful backup (never deleted)',
    });
    expect(decisions.get('failed-later')?.action).toBe('delete');
  });

  it('also keeps the newest verified backup when the newest one is unverified', () => {
    const decisions = byId(
      planRetention(
        [backup('unverified-newest', '2026-04-10T02:00:00Z', { verified: false }), backup('verified', '2026-04-09T02:00:00Z', { size: 6000 * MB })],
        now,
      ),
    );
    expect(decisions.get('verified')).toMatchObject({ action: 'keep', reason: 'kept: newest verified backup (never deleted)' });
  });

  describe('size cap', () => {
    it('deletes the oldest first until the rest fit, even inside the keep-all window', () => {
      const input = [0, 1, 2, 3, 4].map((i) => backup(`b${i}`, Date.UTC(2026, 3, 6 + i, 2), { size: 2 * GB }));
      const decisions = byId(planRetention(input, now, { ...DEFAULT_RETENTION_POLICY, maxTotalBytes: 5000 * MB }));
      expect(decisions.get('b0')?.reason).toBe('deleted: total size 10.0 GB over the 5000 MB cap');
      expect(decisions.get('b1')?.reason).toBe('deleted: total size 8.0 GB over the 5000 MB cap');
      expect(decisions.get('b2')?.reason).toBe('deleted: total size 6.0 GB over the 5000 MB cap');
      expect(decisions.get('b3')?.action).toBe('keep');
      expect(decisions.get('b4')?.action).toBe('keep');
    });

    it('never deletes the newest successful backup, even when it alone is over the cap', () => {
      const decisions = byId(
        planRetention(
          [
            backup('huge-newest', '2026-04-10T02:00:00Z', { size: 6000 * MB }),
            backup('older', '2026-04-09T02:00:00Z', { size: 1 * MB }),
            backup('failed-newer', '2026-04-10T03:00:00Z', { status: 'FAILED', verified: false, size: 1 * MB }),
          ],
          now,
        ),
      );
      expect(decisions.get('huge-newest')?.action).toBe('keep');
      expect(decisions.get('older')?.action).toBe('delete');
      expect(decisions.get('failed-newer')?.action).toBe('delete');
    });

    it('keeps a single old backup over the cap: it is the newest successful one', () => {
      const decisions = planRetention([backup('lonely', '2023-01-01T02:00:00Z', { size: 8000n * BigInt(MB) })], now);
      expect(decisions).toEqual([{ id: 'lonely', action: 'keep', reason: 'kept: newest successful backup (never deleted)' }]);
    });
  });

  describe('time zones', () => {
    // 17:00 UTC is 22:30 in Kolkata on the 25th; 23:30 UTC is 05:00 on the 26th.
    const evening = backup('evening', '2026-03-25T17:00:00Z');
    const lateNight = backup('late-night', '2026-03-25T23:30:00Z');

    it('groups by the UTC date by default', () => {
      const decisions = byId(planRetention([newest, evening, lateNight], now));
      expect(decisions.get('late-night')?.reason).toBe('kept: newest backup of day 2026-03-25');
      expect(decisions.get('evening')?.action).toBe('delete');
    });

    it('counts a backup at 23:30 UTC to the next local day in Asia/Kolkata', () => {
      const decisions = byId(planRetention([newest, evening, lateNight], now, DEFAULT_RETENTION_POLICY, 'Asia/Kolkata'));
      expect(decisions.get('late-night')?.reason).toBe('kept: newest backup of day 2026-03-26');
      expect(decisions.get('evening')?.reason).toBe('kept: newest backup of day 2026-03-25');
    });

    it('rejects an unknown time zone with a ConfigError', () => {
      expect(() => planRetention([newest], now, DEFAULT_RETENTION_POLICY, 'Mars/Olympus')).toThrow(ConfigError);
    });
  });

  it('rejects a negative or fractional policy number with a ConfigError', () => {
    expect(() => planRetention([], now, { ...DEFAULT_RETENTION_POLICY, keepAllForDays: -1 })).toThrow(ConfigError);
    expect(() => planRetention([], now, { ...DEFAULT_RETENTION_POLICY, keepDailyForDays: 1.5 })).toThrow(/whole number/);
  });

  it('computes ISO weeks across year boundaries', () => {
    expect(isoWeek({ year: 2026, month: 1, day: 1 })).toEqual({ isoYear: 2026, week: 1 });
    expect(isoWeek({ year: 2027, month: 1, day: 1 })).toEqual({ isoYear: 2026, week: 53 });
    expect(isoWeek({ year: 2024, month: 12, day: 30 })).toEqual({ isoYear: 2025, week: 1 });
    expect(isoWeek({ year: 2026, month: 4, day: 3 })).toEqual({ isoYear: 2026, week: 14 });
  });
});
