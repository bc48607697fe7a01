/** Public API of the notifications: events, rendering, channels and the notifier. */
export type { NotificationChannel } from './channel';
export { createEmailNotifier, type EmailNotifier, type EmailNotifierOptions } from './email';
export {
  isNotificationKind,
  notificationErrorFrom,
  NOTIFICATION_KINDS,
  type FailedCheck,
  type NotificationError,
  type NotificationEvent,
  type NotificationKind,
} from './events';
export { renderNotification, type RenderedNotification, type RenderOptions } from './message';
export {
  conditionKey,
  createNotifier,
  DEFAULT_ENABLED_KINDS,
  DEFAULT_REPEAT_INTERVAL_MS,
  THROTTLED_KINDS,
  type NotificationThrottle,
  type Notifier,
  type NotifierOptions,
  type NotifyResult,
} from './notifier';
export { redactEvent, redactSecrets } from './redact';
export { createWebhookNotifier, WEBHOOK_TIMEOUT_MS, type WebhookNotifierOptions, type WebhookPayload } from './webhook';
