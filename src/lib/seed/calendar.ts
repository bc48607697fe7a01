/**
 * The school calendar the generated data lives in, as day numbers (days since 1970-01-01, UTC).
 * A school year runs from September to June in three terms with breaks between them; its school
 * days are the weekdays inside the terms except the staff-development days. The newest year is the
 * current one, and the data set is "as of" the last day of it, so every date is fixed in advance
 * and nothing reads the clock.
 */

export const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_MINUTE = 60_000;
export const SECONDS_PER_HOUR = 3600;

/** The school year that is current in the generated data starts in this calendar year. */
export const CURRENT_SCHOOL_YEAR_START = 2025;

/** 1970-01-01 was a Thursday; with Sunday = 0, day 0 has weekday 4. */
const WEEKDAY_OF_DAY_ZERO = 4;
const SATURDAY = 6;
const SUNDAY = 0;

export const WEEKDAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const;

/** Term boundaries as [month, day] pairs, relative to the year the school year starts in (+1 = next). */
const TERM_LAYOUT = [
  { name: 'Term 1', start: [0, 9, 1], end: [0, 12, 19] },
  { name: 'Term 2', start: [1, 1, 6], end: [1, 3, 27] },
  { name: 'Term 3', start: [1, 4, 13], end: [1, 6, 26] },
] as const;
/** Staff-development days (no lessons): [year offset, month, day]. */
const NON_TEACHING_DAYS = [
  [0, 10, 13],
  [1, 2, 16],
  [1, 5, 25],
] as const;
const YEAR_END: readonly [number, number, number] = [1, 6, 30];

export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (((day + WEEKDAY_OF_DAY_ZERO) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === SATURDAY || weekday === SUNDAY;
}

export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export interface TermDates {
  name: string;
  start: number;
  end: number;
}

export interface SchoolYearDates {
  startYear: number;
  name: string;
  start: number;
  end: number;
  terms: TermDates[];
  /** Days with lessons, ascending. */
  schoolDays: number[];
}

export function schoolYearDates(startYear: number): SchoolYearDates {
  const at = ([offset, month, day]: readonly [number, number, number]) => dayNumber(startYear + offset, month, day);
  const terms = TERM_LAYOUT.map((t) => ({ name: t.name, start: at(t.start), end: at(t.end) }));
  const closed = new Set(NON_TEACHING_DAYS.map(at));
  const schoolDays: number[] = [];
  for (const term of terms) {
    for (let day = term.start; day <= term.end; day++) if (!isWeekend(day) && !closed.has(day)) schoolDays.push(day);
  }
  return {
    startYear,
    name: `${startYear}-${startYear + 1}`,
    start: at(TERM_LAYOUT[0].start),
    end: at(YEAR_END),
    terms,
    schoolDays,
  };
}

/** The school years of the data set, oldest first, ending with the current one. */
export function schoolYears(count: number): SchoolYearDates[] {
  return Array.from({ length: count }, (_, i) => schoolYearDates(CURRENT_SCHOOL_YEAR_START - count + 1 + i));
}

/** Each school went live on the ERP this many days before its first year of history. */
export const GO_LIVE_DAYS_BEFORE_HISTORY = 75;

/** The day the generated data describes: nothing is dated after it. */
export const AS_OF_DAY = schoolYearDates(CURRENT_SCHOOL_YEAR_START).end;

/** Epoch milliseconds of a wall-clock time on `day` (read as UTC, for TIMESTAMP without time zone). */
export function instant(day: number, hour: number, minute = 0, second = 0, millisecond = 0): number {
  return day * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millisecond;
}
