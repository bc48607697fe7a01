/**
 * Cron and time-zone checks for the backup and verify schedules (croner).
 * Only standard five-field patterns (minute hour day-of-month month
 * day-of-week) and croner's nicknames (@daily, @weekly, …) are accepted: a
 * seconds field could schedule a backup every second. Day-of-month and
 * day-of-week combine with OR, as in Vixie cron. Everything that is wrong
 * throws a ConfigError whose message tells the admin how to fix it.
 */
import { Cron } from 'croner';
import { ConfigError } from './errors';

/** Every night at 02:00. */
export const DEFAULT_BACKUP_SCHEDULE = '0 2 * * *';
/** Sundays at 03:00, after that night's backup. */
export const DEFAULT_VERIFY_SCHEDULE = '0 3 * * 0';

const CRON_HELP =
  'Use five fields "minute hour day-of-month month day-of-week", e.g. "0 2 * * *" for every night at 02:00.';

export function validateTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch (error) {
    throw new ConfigError(`"${timeZone}" is not a valid IANA time zone (for example "UTC" or "Asia/Kolkata").`, {
      cause: error,
    });
  }
}

/** Throws ConfigError for an invalid pattern or zone, or for a pattern that never fires. */
export function validateCron(expr: string, timeZone: string): void {
  if (parse(expr, timeZone).nextRun(new Date()) === null) {
    throw new ConfigError(`The schedule "${expr}" never runs (for example, 30 February). ${CRON_HELP}`);
  }
}

/** The first run strictly after `from`, or null if the pattern never fires. Throws ConfigError like validateCron. */
export function nextRun(expr: string, timeZone: string, from: Date): Date | null {
  return parse(expr, timeZone).nextRun(from);
}

function parse(expr: string, timeZone: string): Cron {
  validateTimeZone(timeZone);
  const pattern = expr.trim();
  if (!pattern.startsWith('@') && pattern.split(/\s+/).length !== 5) {
    throw new ConfigError(`The schedule "${expr}" is not a valid cron expression. ${CRON_HELP}`);
  }
  let cron: Cron;
  try {
    cron = new Cron(pattern, { timezone: timeZone, mode: '5-part' });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    throw new ConfigError(`The schedule "${expr}" is not a valid cron expression (${reason}). ${CRON_HELP}`, {
      cause: error,
    });
  }
  return cron;
}
