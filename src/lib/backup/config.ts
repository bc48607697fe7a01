/**
 * Settings of the backup module, read from the environment and validated with zod once, at
 * start-up (`loadBackupConfig()` throws a ConfigError listing every bad variable). Every
 * variable is documented in `.env.example`. Each default is written once, next to what it is
 * the default of (retention.ts, schedule.ts, format/constants.ts); the restore timeouts are
 * defined here.
 */
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors';
import { DEFAULT_DEFLATE, DEFLATE_CHOICES, GZIP_DEFAULT_LEVEL, type DeflateChoice } from './format/constants';
import { BYTES_PER_MB, DEFAULT_MAX_TOTAL_MB, DEFAULT_RETENTION_POLICY as RETENTION, type RetentionPolicy } from './retention';
import { DEFAULT_BACKUP_SCHEDULE, DEFAULT_VERIFY_SCHEDULE } from './schedule';

export interface RestoreTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
}

export const DEFAULT_RESTORE_TIMEOUTS: Readonly<RestoreTimeouts> = Object.freeze({ statementMs: 7_200_000, lockMs: 30_000, idleInTransactionMs: 600_000 });

const boolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['true', '1', 'yes'].includes(v)));

const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const emailList = optionalString.transform((v, ctx) => {
  if (!v) return [];
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const address of list) {
    if (!z.email().safeParse(address).success) {
      ctx.addIssue({ code: 'custom', message: `"${address}" is not an e-mail address` });
      return z.NEVER;
    }
  }
  return list;
});

/** A comma-separated list of names; empty when unset. */
const nameList = optionalString.transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

const url = optionalString.refine((v) => v === undefined || URL.canParse(v), 'must be a URL');

const envSchema = z.object({
  DATABASE_URL: url,
  BACKUP_SOURCE_URL: url,
  BACKUP_DIR: optionalString,
  BACKUP_ENCRYPTION_KEY: optionalString,
  BACKUP_PREVIOUS_KEYS: optionalString,
  BACKUP_GZIP_LEVEL: integer(GZIP_DEFAULT_LEVEL, 1, 9),
  BACKUP_DEFLATE: optionalString.pipe(z.enum(DEFLATE_CHOICES).optional()),
  BACKUP_EXCLUDE_SCHEMAS: nameList,
  BACKUP_EXCLUDE_TABLES: nameList,
  BACKUP_STATEMENT_TIMEOUT_MS: integer(DEFAULT_RESTORE_TIMEOUTS.statementMs, 0, 86_400_000),
  BACKUP_LOCK_TIMEOUT_MS: integer(DEFAULT_RESTORE_TIMEOUTS.lockMs, 0, 3_600_000),
  BACKUP_IDLE_TIMEOUT_MS: integer(DEFAULT_RESTORE_TIMEOUTS.idleInTransactionMs, 0, 86_400_000),
  BACKUP_SCHEDULE: optionalString,
  BACKUP_TIMEZONE: optionalString,
  BACKUP_VERIFY_SCHEDULE: optionalString,
  BACKUP_VERIFY_TRIAL: boolean(false),
  BACKUP_SCHEDULE_ENABLED: boolean(true),
  BACKUP_SCHEDULE_CHECK_SECONDS: integer(30, 1, 45),
  BACKUP_RETRY_LIMIT: integer(1, 0, 10),
  BACKUP_RETRY_DELAY_SECONDS: integer(300, 0, 86_400),
  BACKUP_KEEP_ALL_DAYS: integer(RETENTION.keepAllForDays, 0, 3650),
  BACKUP_KEEP_DAILY_DAYS: integer(RETENTION.keepDailyForDays, 0, 3650),
  BACKUP_KEEP_WEEKLY_WEEKS: integer(RETENTION.keepWeeklyForWeeks, 0, 520),
  BACKUP_KEEP_MONTHLY_MONTHS: integer(RETENTION.keepMonthlyForMonths, 0, 120),
  BACKUP_KEEP_YEARLY_YEARS: integer(RETENTION.keepYearlyForYears, 0, 100),
  BACKUP_MAX_STORAGE_MB: integer(DEFAULT_MAX_TOTAL_MB, 1, 100_000_000),
  BACKUP_MAX_AGE_HOURS: integer(24, 1, 8760),
  SMTP_URL: url,
  SMTP_HOST: optionalString,
  SMTP_PORT: integer(587, 1, 65535),
  SMTP_USER: optionalString,
  SMTP_PASS: optionalString,
  SMTP_SECURE: boolean(false),
  SMTP_FROM: optionalString,
  BACKUP_NOTIFY_EMAILS: emailList,
  BACKUP_NOTIFY_ON_SUCCESS: boolean(false),
  BACKUP_WEBHOOK_URL: url,
  BACKUP_S3_BUCKET: optionalString,
  BACKUP_S3_PREFIX: optionalString,
  BACKUP_S3_ENDPOINT: url,
  BACKUP_S3_REGION: optionalString,
  BACKUP_S3_ACCESS_KEY_ID: optionalString,
  BACKUP_S3_SECRET_ACCESS_KEY: optionalString,
  BACKUP_S3_FORCE_PATH_STYLE: boolean(false),
  BACKUP_CLOUD_AUTO_UPLOAD: boolean(false),
  APP_URL: url,
});

export interface S3Config {
  bucket: string;
  prefix: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

export interface SmtpConfig {
  url?: string;
  host?: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
}

export interface BackupConfig {
  databaseUrl?: string;
  /** Where dumps read from: a read replica when given, else the main database. */
  sourceUrl?: string;
  backupDir: string;
  encryptionKey?: string;
  previousKeys?: string;
  gzipLevel: number;
  /** Which deflate implementation compresses (BACKUP_DEFLATE; compression/deflate-backend.ts). */
  deflate: DeflateChoice;
  /** Left out of every backup on purpose, and listed in its manifest (BACKUP_EXCLUDE_*). */
  exclude: { schemas: string[]; tables: string[] };
  restoreTimeouts: RestoreTimeouts;
  schedule: {
    enabled: boolean;
    cron: string;
    timeZone: string;
    verifyCron: string;
    verifyTrial: boolean;
    retryLimit: number;
    retryDelaySeconds: number;
    /** How often each worker checks whether a schedule is due. */
    checkSeconds: number;
  };
  retention: RetentionPolicy;
  maxAgeHours: number;
  notify: { emails: string[]; onSuccess: boolean; webhookUrl?: string; smtp?: SmtpConfig };
  s3?: S3Config;
  cloudAutoUpload: boolean;
  appUrl?: string;
}

export function loadBackupConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): BackupConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const smtpConfigured = e.SMTP_URL !== undefined || e.SMTP_HOST !== undefined;
  return {
    databaseUrl: e.DATABASE_URL,
    sourceUrl: e.BACKUP_SOURCE_URL ?? e.DATABASE_URL,
    backupDir: path.resolve(cwd, e.BACKUP_DIR ?? 'backups'),
    encryptionKey: e.BACKUP_ENCRYPTION_KEY,
    previousKeys: e.BACKUP_PREVIOUS_KEYS,
    gzipLevel: e.BACKUP_GZIP_LEVEL,
    deflate: e.BACKUP_DEFLATE ?? DEFAULT_DEFLATE,
    exclude: { schemas: e.BACKUP_EXCLUDE_SCHEMAS, tables: e.BACKUP_EXCLUDE_TABLES },
    restoreTimeouts: {
      statementMs: e.BACKUP_STATEMENT_TIMEOUT_MS,
      lockMs: e.BACKUP_LOCK_TIMEOUT_MS,
      idleInTransactionMs: e.BACKUP_IDLE_TIMEOUT_MS,
    },
    schedule: {
      enabled: e.BACKUP_SCHEDULE_ENABLED,
      cron: e.BACKUP_SCHEDULE ?? DEFAULT_BACKUP_SCHEDULE,
      timeZone: e.BACKUP_TIMEZONE ?? 'UTC',
      verifyCron: e.BACKUP_VERIFY_SCHEDULE ?? DEFAULT_VERIFY_SCHEDULE,
      verifyTrial: e.BACKUP_VERIFY_TRIAL,
      retryLimit: e.BACKUP_RETRY_LIMIT,
      retryDelaySeconds: e.BACKUP_RETRY_DELAY_SECONDS,
      checkSeconds: e.BACKUP_SCHEDULE_CHECK_SECONDS,
    },
    retention: {
      keepAllForDays: e.BACKUP_KEEP_ALL_DAYS,
      keepDailyForDays: e.BACKUP_KEEP_DAILY_DAYS,
      keepWeeklyForWeeks: e.BACKUP_KEEP_WEEKLY_WEEKS,
      keepMonthlyForMonths: e.BACKUP_KEEP_MONTHLY_MONTHS,
      keepYearlyForYears: e.BACKUP_KEEP_YEARLY_YEARS,
      maxTotalBytes: e.BACKUP_MAX_STORAGE_MB * BYTES_PER_MB,
    },
    maxAgeHours: e.BACKUP_MAX_AGE_HOURS,
    notify: {
      emails: e.BACKUP_NOTIFY_EMAILS,
      onSuccess: e.BACKUP_NOTIFY_ON_SUCCESS,
      webhookUrl: e.BACKUP_WEBHOOK_URL,
      smtp: smtpConfigured
        ? {
            url: e.SMTP_URL,
            host: e.SMTP_HOST,
            port: e.SMTP_PORT,
            secure: e.SMTP_SECURE,
            user: e.SMTP_USER,
            pass: e.SMTP_PASS,
            from: e.SMTP_FROM ?? 'School ERP backups <backups@localhost>',
          }
        : undefined,
    },
    s3: e.BACKUP_S3_BUCKET
      ? {
          bucket: e.BACKUP_S3_BUCKET,
          prefix: e.BACKUP_S3_PREFIX ?? '',
          endpoint: e.BACKUP_S3_ENDPOINT,
          region: e.BACKUP_S3_REGION ?? 'us-east-1',
          accessKeyId: e.BACKUP_S3_ACCESS_KEY_ID,
          secretAccessKey: e.BACKUP_S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.BACKUP_S3_FORCE_PATH_STYLE,
        }
      : undefined,
    cloudAutoUpload: e.BACKUP_CLOUD_AUTO_UPLOAD,
    appUrl: e.APP_URL,
  };
}
