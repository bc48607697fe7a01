/**
 * What the backup module can notify about. An event is plain data: the
 * notifier renders it (see message.ts) and hands it to the channels. Error
 * messages and details in an event may still contain secrets; everything is
 * redacted before it is rendered or sent.
 */
import { toBackupError } from '../errors';

export const NOTIFICATION_KINDS = [
  'backup.failed',
  'backup.succeeded',
  'cleanup.failed',
  'health.unhealthy',
  'restore.completed',
  'restore.failed',
  'verify.failed',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationError {
  code: string;
  message: string;
}

/** One failed health check, as listed in a `health.unhealthy` message. */
export interface FailedCheck {
  name: string;
  message: string;
}

export interface NotificationEvent {
  kind: NotificationKind;
  occurredAt: Date;
  backupId?: string;
  backupName?: string;
  error?: NotificationError;
  details?: Record<string, string | number>;
  /** For `health.unhealthy`: the checks that failed. */
  failedChecks?: FailedCheck[];
}

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** The `error` of an event, from anything thrown: its stable code and its (not yet redacted) message. */
export function notificationErrorFrom(error: unknown): NotificationError {
  const backupError = toBackupError(error);
  return { code: backupError.code, message: backupError.message };
}
