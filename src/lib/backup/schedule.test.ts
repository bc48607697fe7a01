import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { DEFAULT_BACKUP_SCHEDULE, DEFAULT_VERIFY_SCHEDULE, nextRun, validateCron, validateTimeZone } from './schedule';

describe('validateCron', () => {
  it('accepts the defaults and nicknames', () => {
    expect(() => validateCron(DEFAULT_BACKUP_SCHEDULE, 'UTC')).not.toThrow();
    expect(() => validateCron(DEFAULT_VERIFY_SCHEDULE, 'Asia/Kolkata')).not.toThrow();
    expect(() => validateCron('@daily', 'Europe/Berlin')).not.toThrow();
    expect(() => validateCron('30 1 * * MON-FRI', 'UTC')).not.toThrow();
  });

  it.each([
    ['61 2 * * *', /not a valid cron expression \(Invalid value for minute: 61\)/],
    ['0 2 * *', /not a valid cron expression\. Use five fields/],
    ['*/5 * * * * *', /not a valid cron expression\. Use five fields/],
    ['', /not a valid cron expression/],
    ['every night', /not a valid cron expression/],
    ['0 0 30 2 *', /never runs/],
  ])('rejects %j with a readable ConfigError', (expr, message) => {
    expect(() => validateCron(expr, 'UTC')).toThrow(ConfigError);
    expect(() => validateCron(expr, 'UTC')).toThrow(message);
  });

  it('rejects an unknown time zone', () => {
    expect(() => validateCron(DEFAULT_BACKUP_SCHEDULE, 'Mars/Olympus')).toThrow(ConfigError);
    expect(() => validateCron(DEFAULT_BACKUP_SCHEDULE, 'Mars/Olympus')).toThrow(/"Mars\/Olympus" is not a valid IANA time zone/);
    expect(() => validateTimeZone('')).toThrow(ConfigError);
  });
});

describe('nextRun', () => {
  it('returns the next run strictly after `from`, in UTC', () => {
    expect(nextRun(DEFAULT_BACKUP_SCHEDULE, 'UTC', new Date('2026-04-03T01:59:00Z'))).toEqual(new Date('2026-04-03T02:00:00Z'));
    expect(nextRun(DEFAULT_BACKUP_SCHEDULE, 'UTC', new Date('2026-04-03T02:00:00Z'))).toEqual(new Date('2026-04-04T02:00:00Z'));
  });

  it('reads the pattern in the given time zone', () => {
    // 02:00 in Kolkata (UTC+05:30) is 20:30 UTC the day before.
    expect(nextRun(DEFAULT_BACKUP_SCHEDULE, 'Asia/Kolkata', new Date('2026-04-03T00:00:00Z'))).toEqual(
      new Date('2026-04-03T20:30:00Z'),
    );
    // Sunday 5 April 2026, 03:00 in New York (EDT, UTC-4).
    expect(nextRun(DEFAULT_VERIFY_SCHEDULE, 'America/New_York', new Date('2026-04-01T00:00:00Z'))).toEqual(
      new Date('2026-04-05T07:00:00Z'),
    );
  });

  it('runs a 02:30 job once, just after the gap, on the night clocks spring forward', () => {
    // Europe/Berlin skipped 02:00-03:00 on 29 March 2026.
    expect(nextRun('30 2 * * *', 'Europe/Berlin', new Date('2026-03-28T12:00:00Z'))).toEqual(
      new Date('2026-03-29T01:00:00Z'),
    );
  });

  it('returns null for a pattern that never fires, and throws for an invalid one', () => {
    expect(nextRun('0 0 30 2 *', 'UTC', new Date('2026-01-01T00:00:00Z'))).toBeNull();
    expect(() => nextRun('nope', 'UTC', new Date())).toThrow(ConfigError);
  });
});
