/**
 * E-mail channel over SMTP (nodemailer). `transport` is nodemailer's SMTP
 * options or a connection URL such as "smtps://user:pass@mail.example:465".
 * A failed delivery rejects with a NotifyError naming the server (host and
 * port only) and the SMTP reason, never the credentials.
 */
import nodemailer from 'nodemailer';
import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import { ConfigError, NotifyError } from '../errors';
import type { NotificationChannel } from './channel';
import type { RenderedNotification } from './message';
import { REDACTED, redactSecrets } from './redact';

export interface EmailNotifierOptions {
  transport: SMTPTransportOptions | string;
  from: string;
  to: readonly string[];
  /** Channel name in results and logs; default "email". */
  name?: string;
}

export interface EmailNotifier extends NotificationChannel {
  send(message: RenderedNotification): Promise<void>;
}

const DEFAULT_CHANNEL_NAME = 'email';
/** Tighter than nodemailer's defaults (2 min / 30 s / 10 min): a notification must not hang a job. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

export function createEmailNotifier(options: EmailNotifierOptions): EmailNotifier {
  if (!options.from.trim()) throw new ConfigError('The e-mail notification sender (from) is empty.');
  if (options.to.length === 0 || options.to.some((address) => !address.trim())) {
    throw new ConfigError('E-mail notifications need at least one recipient, and no empty address.');
  }
  const transportOptions: SMTPTransportOptions =
    typeof options.transport === 'string'
      ? { ...SMTP_TIMEOUTS, url: options.transport }
      : { ...SMTP_TIMEOUTS, ...options.transport };
  const transporter = nodemailer.createTransport(transportOptions);
  const server = describeServer(options.transport);
  const knownSecrets = secretsOf(options.transport);
  const name = options.name ?? DEFAULT_CHANNEL_NAME;

  return {
    name,
    async send(message) {
      try {
        await transporter.sendMail({
          from: options.from,
          to: [...options.to],
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new NotifyError(
          `The e-mail notification could not be sent via ${server}: ${scrub(reason, knownSecrets)}`,
          { cause: error },
        );
      }
    },
  };
}

/** "host:port" (or the well-known service name), without credentials. */
function describeServer(transport: SMTPTransportOptions | string): string {
  if (typeof transport === 'string') {
    try {
      const url = new URL(transport);
      return url.port ? `${url.hostname}:${url.port}` : url.hostname;
    } catch {
      return 'the configured SMTP server';
    }
  }
  if (transport.host) return transport.port ? `${transport.host}:${transport.port}` : transport.host;
  return transport.service ?? 'the configured SMTP server';
}

/** Shorter strings are not scrubbed verbatim: removing them would mangle ordinary words. */
const MIN_SCRUBBED_SECRET_LENGTH = 4;

/** The configured password (as written and decoded), so it can be removed verbatim from error text. */
function secretsOf(transport: SMTPTransportOptions | string): string[] {
  let passwords: unknown[];
  if (typeof transport === 'string') {
    try {
      const { password } = new URL(transport);
      passwords = [password, decodeURIComponent(password)];
    } catch {
      return [];
    }
  } else {
    passwords = [(transport.auth as { pass?: unknown } | undefined)?.pass];
  }
  return passwords.filter((p): p is string => typeof p === 'string' && p.length >= MIN_SCRUBBED_SECRET_LENGTH);
}

function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join(REDACTED), redactSecrets(text));
}
