/**
 * A delivery channel (e-mail, webhook, …). `send` resolves once the message
 * was accepted, and rejects with a NotifyError whose message carries no
 * credentials. It receives the rendered message and the (redacted) event,
 * for channels that send structured data.
 */
import type { NotificationEvent } from './events';
import type { RenderedNotification } from './message';

export interface NotificationChannel {
  /** Short and stable: it appears in results, logs and audit rows, e.g. "email". */
  readonly name: string;
  send(message: RenderedNotification, event: NotificationEvent): Promise<void>;
}
