/**
 * Which backups to keep and which to delete: a pure function of the backups,
 * the current time, a policy and a time zone. It deletes nothing itself.
 *
 * The strategy is spatie/laravel-backup's DefaultStrategy, with every number
 * configurable. Counting back from `now`:
 *   1. keep-all window (`keepAllForDays`): every backup is kept;
 *   2. daily window (`keepDailyForDays`, after the keep-all window): one backup per local day;
 *   3. weekly window (`keepWeeklyForWeeks`): one per ISO week;
 *   4. monthly window (`keepMonthlyForMonths`): one per month;
 *   5. yearly window (`keepYearlyForYears`): one per year;
 *   6. anything older than the yearly window is deleted;
 *   7. then, while the kept backups together exceed `maxTotalBytes`, the oldest is deleted.
 * As in spatie (its collections are sorted newest first and it keeps the first
 * of each group), the backup kept for a day/week/month/year is the NEWEST one
 * of that period that lies inside the window. Windows are rolling (day = 24 h,
 * months and years are calendar steps, clamped at month ends); the period a
 * backup belongs to is its local calendar date in `timeZone`.
 *
 * Safety rules that go beyond spatie:
 *   - The newest COMPLETED backup is never deleted, whatever its age, trigger,
 *     verification or size; neither is the newest verified one (so an unverified
 *     newest backup cannot push the last known-good one out under the size cap).
 *   - Backups in any other state than COMPLETED or FAILED (RUNNING, QUEUED, …)
 *     are in progress: always kept, and not counted in the total size.
 *   - FAILED backups are kept inside the keep-all window (so they stay visible),
 *     deleted after it, and never fill a period slot.
 *   - PRE_RESTORE safety backups are kept inside the keep-all window and
 *     deleted after it; they never fill a period slot.
 *   - An unverified backup never takes a slot from a verified one: a period
 *     keeps its newest verified backup. Only when a period has no verified
 *     backup at all is its newest unverified backup kept, so that a period is
 *     not left empty merely because verification had not run yet.
 */
import { ConfigError } from './errors';
import { validateTimeZone } from './schedule';

export interface RetentionPolicy {
  keepAllForDays: number;
  keepDailyForDays: number;
  keepWeeklyForWeeks: number;
  keepMonthlyForMonths: number;
  keepYearlyForYears: number;
  maxTotalBytes: number;
}

export const BYTES_PER_MB = 1024 * 1024;
const BYTES_PER_GB = 1024 * BYTES_PER_MB;
export const DEFAULT_MAX_TOTAL_MB = 5000;

export const DEFAULT_RETENTION_POLICY: Readonly<RetentionPolicy> = Object.freeze({
  keepAllForDays: 7,
  keepDailyForDays: 16,
  keepWeeklyForWeeks: 8,
  keepMonthlyForMonths: 4,
  keepYearlyForYears: 2,
  maxTotalBytes: DEFAULT_MAX_TOTAL_MB * BYTES_PER_MB,
});

/** What made a backup: the same values as the Backup row's `trigger` (Prisma's BackupTrigger). */
export type RetentionTrigger = 'MANUAL' | 'SCHEDULED' | 'PRE_RESTORE';

/** The known statuses; any other one is treated as in progress. */
export type BackupStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | (string & {});

export interface RetentionCandidate {
  id: string;
  createdAt: Date;
  size: number | bigint;
  status: BackupStatus;
  trigger: RetentionTrigger;
  /** A verify passed, or the backup was checked when it was created. */
  verified: boolean;
}

export interface RetentionDecision {
  id: string;
  action: 'keep' | 'delete';
  /** A readable sentence for the admin page and the audit log. */
  reason: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS_PER_WEEK = 7;
const MONTHS_PER_YEAR = 12;
const DEFAULT_TIME_ZONE = 'UTC';

type PeriodUnit = 'day' | 'week' | 'month' | 'year';

interface PeriodWindow {
  unit: PeriodUnit;
  /** Inclusive lower bound (ms since epoch); the window ends where the newer one starts. */
  startMs: number;
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

interface Rule {
  applies(backup: RetentionCandidate): boolean;
  action: RetentionDecision['action'];
  reason(backup: RetentionCandidate): string;
}

interface Slot {
  verifiedId?: string;
  unverifiedIds: string[];
}

export function planRetention(
  backups: readonly RetentionCandidate[],
  now: Date,
  policy: RetentionPolicy = DEFAULT_RETENTION_POLICY,
  timeZone: string = DEFAULT_TIME_ZONE,
): RetentionDecision[] {
  assertValidPolicy(policy);
  const localDateOf = localDateReader(timeZone);
  const keepAllStartMs = now.getTime() - policy.keepAllForDays * DAY_MS;
  const windows = periodWindows(keepAllStartMs, policy);
  const oldestKeptMs = windows[windows.length - 1]!.startMs;

  const newestFirst = [...backups].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  const completed = newestFirst.filter((b) => b.status === 'COMPLETED');
  const newestCompleted = completed[0];
  const newestVerified = completed.find((b) => b.verified);

  const decisions = new Map<string, RetentionDecision>();
  const keep = (id: string, reason: string) => decisions.set(id, { id, action: 'keep', reason: `kept: ${reason}` });
  const remove = (id: string, reason: string) => decisions.set(id, { id, action: 'delete', reason: `deleted: ${reason}` });
  const slots = new Map<string, Slot>();

  const keepAll = plural(policy.keepAllForDays, 'day');
  // The rules before the period slots, in order: the first that applies decides.
  const rules: readonly Rule[] = [
    { applies: (b) => isInProgress(b), action: 'keep', reason: (b) => `still in progress (${b.status})` },
    { applies: (b) => Number.isNaN(b.createdAt.getTime()), action: 'keep', reason: () => 'its creation time is unknown' },
    { applies: (b) => b === newestCompleted, action: 'keep', reason: () => 'newest successful backup (never deleted)' },
    { applies: (b) => b === newestVerified, action: 'keep', reason: () => 'newest verified backup (never deleted)' },
    { applies: (b) => b.createdAt.getTime() >= keepAllStartMs, action: 'keep', reason: () => `within the keep-all window (${keepAll})` },
    { applies: (b) => b.status === 'FAILED', action: 'delete', reason: () => `failed backup older than the keep-all window (${keepAll})` },
    { applies: (b) => b.trigger === 'PRE_RESTORE', action: 'delete', reason: () => `pre-restore safety backup older than the keep-all window (${keepAll})` },
    { applies: (b) => b.createdAt.getTime() < oldestKeptMs, action: 'delete', reason: () => `older than the yearly window (${plural(policy.keepYearlyForYears, 'year')})` },
  ];

  for (const backup of newestFirst) {
    const createdMs = backup.createdAt.getTime();
    const rule = rules.find((r) => r.applies(backup));
    if (rule) {
      (rule.action === 'keep' ? keep : remove)(backup.id, rule.reason(backup));
    } else {
      const window = windows.find((w) => createdMs >= w.startMs)!;
      const label = periodLabel(window.unit, localDateOf(backup.createdAt));
      const slot = slots.get(label) ?? { unverifiedIds: [] };
      slots.set(label, slot);
      if (!backup.verified) {
        slot.unverifiedIds.push(backup.id);
      } else if (slot.verifiedId === undefined) {
        slot.verifiedId = backup.id;
        keep(backup.id, `newest backup of ${label}`);
      } else {
        remove(backup.id, `${label} already keeps a newer backup`);
      }
    }
  }

  for (const [label, slot] of slots) {
    slot.unverifiedIds.forEach((id, index) => {
      if (slot.verifiedId !== undefined) remove(id, `not verified, and ${label} keeps a verified backup`);
      else if (index === 0) keep(id, `newest backup of ${label} (not verified, but ${label} has no verified backup)`);
      else remove(id, `${label} already keeps a newer backup`);
    });
  }

  applySizeCap(newestFirst, decisions, policy.maxTotalBytes, new Set([newestCompleted?.id, newestVerified?.id]));
  return backups.map((b) => decisions.get(b.id)!);
}

/** Deletes the oldest kept backups until the rest fit under the cap; protected and in-progress ones stay. */
function applySizeCap(
  newestFirst: readonly RetentionCandidate[],
  decisions: Map<string, RetentionDecision>,
  maxTotalBytes: number,
  protectedIds: ReadonlySet<string | undefined>,
): void {
  const counted = newestFirst.filter((b) => !isInProgress(b) && decisions.get(b.id)?.action === 'keep');
  let totalBytes = counted.reduce((sum, b) => sum + Number(b.size), 0);
  for (const backup of [...counted].reverse()) {
    if (totalBytes <= maxTotalBytes) return;
    if (protectedIds.has(backup.id)) continue;
    decisions.set(backup.id, {
      id: backup.id,
      action: 'delete',
      reason: `deleted: total size ${formatBytes(totalBytes)} over the ${Math.round(maxTotalBytes / BYTES_PER_MB)} MB cap`,
    });
    totalBytes -= Number(backup.size);
  }
}

function isInProgress(backup: RetentionCandidate): boolean {
  return backup.status !== 'COMPLETED' && backup.status !== 'FAILED';
}

/** The period windows, newest first; each starts where the previous (newer) one ends. */
function periodWindows(keepAllStartMs: number, policy: RetentionPolicy): PeriodWindow[] {
  const dailyStartMs = keepAllStartMs - policy.keepDailyForDays * DAY_MS;
  const weeklyStartMs = dailyStartMs - policy.keepWeeklyForWeeks * DAYS_PER_WEEK * DAY_MS;
  const monthlyStartMs = subtractMonths(weeklyStartMs, policy.keepMonthlyForMonths);
  const yearlyStartMs = subtractMonths(monthlyStartMs, policy.keepYearlyForYears * MONTHS_PER_YEAR);
  return [
    { unit: 'day', startMs: dailyStartMs },
    { unit: 'week', startMs: weeklyStartMs },
    { unit: 'month', startMs: monthlyStartMs },
    { unit: 'year', startMs: yearlyStartMs },
  ];
}

/** Calendar months back, keeping the day of month where it exists (31 March − 1 month = 28/29 February). */
function subtractMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const dayOfMonth = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  const daysInTargetMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(dayOfMonth, daysInTargetMonth));
  return date.getTime();
}

function periodLabel(unit: PeriodUnit, date: LocalDate): string {
  const month = pad2(date.month);
  switch (unit) {
    case 'day':
      return `day ${date.year}-${month}-${pad2(date.day)}`;
    case 'week': {
      const { isoYear, week } = isoWeek(date);
      return `week ${isoYear}-W${pad2(week)}`;
    }
    case 'month':
      return `month ${date.year}-${month}`;
    case 'year':
      return `year ${date.year}`;
  }
}

/** ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: LocalDate): { isoYear: number; week: number } {
  const dayMs = Date.UTC(date.year, date.month - 1, date.day);
  const mondayBasedWeekday = (new Date(dayMs).getUTCDay() + 6) % DAYS_PER_WEEK;
  const thursdayMs = dayMs + (3 - mondayBasedWeekday) * DAY_MS;
  const isoYear = new Date(thursdayMs).getUTCFullYear();
  const week = Math.floor((thursdayMs - Date.UTC(isoYear, 0, 1)) / DAY_MS / DAYS_PER_WEEK) + 1;
  return { isoYear, week };
}

/** Returns a reader of the local calendar date in `timeZone`; throws ConfigError for an unknown zone. */
function localDateReader(timeZone: string): (instant: Date) => LocalDate {
  validateTimeZone(timeZone);
  const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  return (instant) => {
    const parts = format.formatToParts(instant);
    const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
    return { year: part('year'), month: part('month'), day: part('day') };
  };
}

function assertValidPolicy(policy: RetentionPolicy): void {
  for (const [name, value] of Object.entries(policy)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new ConfigError(`Retention setting ${name} must be a number of 0 or more, got ${String(value)}.`);
    }
    if (name !== 'maxTotalBytes' && !Number.isInteger(value)) {
      throw new ConfigError(`Retention setting ${name} must be a whole number, got ${value}.`);
    }
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= BYTES_PER_GB) return `${(bytes / BYTES_PER_GB).toFixed(1)} GB`;
  if (bytes >= BYTES_PER_MB) return `${(bytes / BYTES_PER_MB).toFixed(1)} MB`;
  return `${bytes} bytes`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
