/**
 * Webhook channel: POSTs the notification as JSON
 * `{ text, kind, occurredAt, backupId, error }`. `text` makes it a valid
 * Slack (and Mattermost, Rocket.Chat, Teams-workflow) incoming-webhook body.
 * Anything but a 2xx answer, a network error, or no answer within the timeout
 * rejects with a NotifyError that names only the host: webhook URLs often
 * carry their secret in the path or query.
 */
import { ConfigError, NotifyError } from '../errors';
import type { NotificationChannel } from './channel';
import type { NotificationError, NotificationEvent } from './events';
import type { RenderedNotification } from './message';
import { redactEvent, redactSecrets } from './redact';

export interface WebhookNotifierOptions {
  url: string;
  fetchImpl?: typeof fetch;
  /** Default WEBHOOK_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Channel name in results and logs; default "webhook". */
  name?: string;
}

export interface WebhookPayload {
  text: string;
  kind: NotificationEvent['kind'];
  occurredAt: string;
  backupId: string | null;
  error: NotificationError | null;
}

export const WEBHOOK_TIMEOUT_MS = 5_000;
const DEFAULT_CHANNEL_NAME = 'webhook';
const MS_PER_SECOND = 1000;

export function createWebhookNotifier(options: WebhookNotifierOptions): NotificationChannel {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch (error) {
    throw new ConfigError('The notification webhook URL is not a valid URL.', { cause: error });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('The notification webhook URL must start with https:// or http://.');
  }
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const target = `the webhook at ${url.host}`;

  return {
    name: options.name ?? DEFAULT_CHANNEL_NAME,
    async send(message: RenderedNotification, event: NotificationEvent) {
      const safe = redactEvent(event);
      const payload: WebhookPayload = {
        text: message.text,
        kind: safe.kind,
        occurredAt: safe.occurredAt.toISOString(),
        backupId: safe.backupId ?? null,
        error: safe.error ?? null,
      };
      let response: Response;
      try {
        response = await fetchImpl(url.href, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new NotifyError(`The notification could not be posted to ${target}: ${describeFetchError(error, timeoutMs)}.`, {
          cause: error,
        });
      }
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) {
        throw new NotifyError(`${capitalize(target)} answered HTTP ${response.status}${statusText(response)}.`);
      }
    },
  };
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `no answer within ${timeoutMs / MS_PER_SECOND} s`;
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.message : String(error);
  return redactSecrets(detail);
}

function statusText(response: Response): string {
  return response.statusText ? ` ${redactSecrets(response.statusText)}` : '';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
