/**
 * Sends notification events to every channel, at most once per repeat
 * interval for an ongoing problem, and never throws: the caller is usually
 * handling another error already, which a failing mail server must not hide.
 * Channel failures go to `onChannelError` and into the result, and so do
 * failures of the throttle store (reported as channel "throttle"; the
 * message is then sent anyway) and of rendering (reported as "render").
 *
 * Throttling, per kind:
 *   - 'backup.failed', 'cleanup.failed', 'health.unhealthy', 'verify.failed'
 *     describe a condition that tends to persist. The condition key is the
 *     kind alone (not the backup id): a second event of the same kind within
 *     `repeatIntervalMs` (24 h) of the last one sent is suppressed.
 *   - 'restore.completed', 'restore.failed' and 'backup.succeeded' are
 *     one-off facts about an action someone took: never throttled.
 * A send counts (and is recorded) only when at least one channel delivered,
 * so a notification that reached no one is tried again next time.
 */
import { ConfigError, NotifyError, toBackupError } from '../errors';
import type { NotificationChannel } from './channel';
import { NOTIFICATION_KINDS, type NotificationEvent, type NotificationKind } from './events';
import { validateTimeZone } from '../schedule';
import { renderNotification, type RenderedNotification, type RenderOptions } from './message';
import { redactEvent, redactSecrets } from './redact';

export interface NotificationThrottle {
  lastSentAt(conditionKey: string): Promise<Date | null>;
  recordSent(conditionKey: string, at: Date): Promise<void>;
}

export interface NotifierOptions {
  channels: readonly NotificationChannel[];
  /** Default: every kind except 'backup.succeeded'. */
  enabledKinds?: ReadonlySet<NotificationKind>;
  throttle: NotificationThrottle;
  /** Default DEFAULT_REPEAT_INTERVAL_MS (24 h). */
  repeatIntervalMs?: number;
  onChannelError: (channelName: string, error: NotifyError) => Promise<void> | void;
  clock?: () => Date;
  appName: string;
  adminUrl?: string;
  /** IANA zone for times in words; default UTC. */
  timeZone?: string;
}

export interface NotifyResult {
  /** Names of the channels that accepted the message. */
  sent: string[];
  /** True when nothing was attempted, because the kind is disabled or throttled. */
  suppressed: boolean;
  suppressedBecause?: 'disabled' | 'throttled';
  failed: { channel: string; message: string }[];
}

export interface Notifier {
  notify(event: NotificationEvent): Promise<NotifyResult>;
}

export const DEFAULT_REPEAT_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_ENABLED_KINDS: ReadonlySet<NotificationKind> = new Set(
  NOTIFICATION_KINDS.filter((kind) => kind !== 'backup.succeeded'),
);
export const THROTTLED_KINDS: ReadonlySet<NotificationKind> = new Set([
  'backup.failed',
  'cleanup.failed',
  'health.unhealthy',
  'verify.failed',
]);
const THROTTLE_REPORT_NAME = 'throttle';
const RENDER_REPORT_NAME = 'render';

/** The throttle key of an event, or null when its kind is never throttled. */
export function conditionKey(event: Pick<NotificationEvent, 'kind'>): string | null {
  return THROTTLED_KINDS.has(event.kind) ? event.kind : null;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const repeatIntervalMs = options.repeatIntervalMs ?? DEFAULT_REPEAT_INTERVAL_MS;
  if (!Number.isFinite(repeatIntervalMs) || repeatIntervalMs < 0) {
    throw new ConfigError('The notification repeat interval must be a number of milliseconds of 0 or more.');
  }
  const names = options.channels.map((c) => c.name);
  if (new Set(names).size !== names.length) throw new ConfigError(`Notification channel names must be unique: ${names.join(', ')}.`);
  if (options.timeZone !== undefined) validateTimeZone(options.timeZone);
  const enabledKinds = options.enabledKinds ?? DEFAULT_ENABLED_KINDS;
  const clock = options.clock ?? (() => new Date());
  const renderOptions: RenderOptions = { appName: options.appName, adminUrl: options.adminUrl, timeZone: options.timeZone };

  async function report(name: string, error: unknown): Promise<{ channel: string; message: string }> {
    const notifyError = asNotifyError(name, error);
    try {
      await options.onChannelError(name, notifyError);
    } catch {
      // The reporter failing must not turn into an exception of notify().
    }
    return { channel: name, message: notifyError.message };
  }

  return {
    async notify(event) {
      if (!enabledKinds.has(event.kind)) return { sent: [], suppressed: true, suppressedBecause: 'disabled', failed: [] };
      const failed: NotifyResult['failed'] = [];
      const key = conditionKey(event);
      const now = clock();

      if (key !== null) {
        try {
          const lastSentAt = await options.throttle.lastSentAt(key);
          if (lastSentAt && now.getTime() - lastSentAt.getTime() < repeatIntervalMs) {
            return { sent: [], suppressed: true, suppressedBecause: 'throttled', failed: [] };
          }
        } catch (error) {
          // Unknown state: better a repeated message than a missed one.
          failed.push(await report(THROTTLE_REPORT_NAME, error));
        }
      }

      let safe: NotificationEvent;
      let message: RenderedNotification;
      try {
        safe = redactEvent(event);
        message = renderNotification(safe, renderOptions);
      } catch (error) {
        failed.push(await report(RENDER_REPORT_NAME, error));
        return { sent: [], suppressed: false, failed };
      }

      const outcomes = await Promise.allSettled(options.channels.map((channel) => channel.send(message, safe)));
      const sent: string[] = [];
      for (const [index, outcome] of outcomes.entries()) {
        const name = options.channels[index]!.name;
        if (outcome.status === 'fulfilled') sent.push(name);
        else failed.push(await report(name, outcome.reason));
      }

      if (key !== null && sent.length > 0) {
        try {
          await options.throttle.recordSent(key, now);
        } catch (error) {
          failed.push(await report(THROTTLE_REPORT_NAME, error));
        }
      }
      return { sent, suppressed: false, failed };
    },
  };
}

function asNotifyError(name: string, error: unknown): NotifyError {
  if (error instanceof NotifyError) return error;
  const message = error instanceof Error ? error.message : toBackupError(error).message;
  return new NotifyError(`Notification ${name} failed: ${redactSecrets(message)}`, { cause: error });
}
