import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, NotifyError } from '../errors';
import type { NotificationChannel } from './channel';
import { createEmailNotifier } from './email';
import type { NotificationEvent } from './events';
import { startHttpTestServer, type HttpTestServer } from '../../../../tests/helpers/http-test-server';
import {
  conditionKey,
  createNotifier,
  DEFAULT_REPEAT_INTERVAL_MS,
  type NotificationThrottle,
  type NotifierOptions,
} from './notifier';
import { smtpError, startSmtpTestServer, type SmtpTestServer } from '../../../../tests/helpers/smtp-test-server';
import { createWebhookNotifier } from './webhook';

const HOUR_MS = 60 * 60 * 1000;
const T0 = new Date('2026-04-03T02:00:00Z');

function memoryThrottle(): NotificationThrottle & { store: Map<string, Date> } {
  const store = new Map<string, Date>();
  return {
    store,
    lastSentAt: async (key) => store.get(key) ?? null,
    recordSent: async (key, at) => void store.set(key, at),
  };
}

function recordingChannel(name: string): NotificationChannel & { sent: { subject: string; event: NotificationEvent }[] } {
  const sent: { subject: string; event: NotificationEvent }[] = [];
  return { name, sent, send: async (message, event) => void sent.push({ subject: message.subject, event }) };
}

function failingChannel(name: string, error: unknown): NotificationChannel {
  return { name, send: () => Promise.reject(error) };
}

function failure(kind: NotificationEvent['kind'] = 'backup.failed'): NotificationEvent {
  return { kind, occurredAt: T0, error: { code: 'DISK_FULL', message: 'The disk is full.' } };
}

function setup(overrides: Partial<NotifierOptions> = {}) {
  let now = T0;
  const channel = recordingChannel('memory');
  const throttle = memoryThrottle();
  const onChannelError = vi.fn<NotifierOptions['onChannelError']>();
  const notifier = createNotifier({
    channels: [channel],
    throttle,
    onChannelError,
    clock: () => now,
    appName: 'ERP',
    ...overrides,
  });
  return { notifier, channel, throttle, onChannelError, advance: (ms: number) => void (now = new Date(now.getTime() + ms)) };
}

describe('createNotifier: throttling and kinds', () => {
  it('suppresses a repeated failure within 24 h and sends it again after', async () => {
    const { notifier, channel, throttle, advance } = setup();
    expect(await notifier.notify(failure())).toEqual({ sent: ['memory'], suppressed: false, failed: [] });
    expect(throttle.store.get('backup.failed')).toEqual(T0);

    advance(23 * HOUR_MS);
    expect(await notifier.notify(failure())).toEqual({
      sent: [],
      suppressed: true,
      suppressedBecause: 'throttled',
      failed: [],
    });

    advance(HOUR_MS);
    expect(await notifier.notify(failure())).toMatchObject({ sent: ['memory'], suppressed: false });
    expect(channel.sent).toHaveLength(2);
  });

  it('throttles each kind separately, whatever the backup', async () => {
    const { notifier, advance } = setup();
    await notifier.notify({ ...failure(), backupId: 'a' });
    advance(HOUR_MS);
    expect((await notifier.notify({ ...failure(), backupId: 'b' })).suppressed).toBe(true);
    expect((await notifier.notify(failure('verify.failed'))).suppressed).toBe(false);
    expect((await notifier.notify(failure('verify.failed'))).suppressed).toBe(true);
  });

  it('never throttles restores', async () => {
    const { notifier, channel } = setup();
    for (const kind of ['restore.completed', 'restore.completed', 'restore.failed', 'restore.failed'] as const) {
      expect((await notifier.notify({ kind, occurredAt: T0 })).sent).toEqual(['memory']);
    }
    expect(channel.sent).toHaveLength(4);
    expect(conditionKey({ kind: 'restore.failed' })).toBeNull();
    expect(conditionKey({ kind: 'health.unhealthy' })).toBe('health.unhealthy');
  });

  it('skips disabled kinds: by default only backup.succeeded', async () => {
    const { notifier, channel } = setup();
    expect(await notifier.notify({ kind: 'backup.succeeded', occurredAt: T0 })).toEqual({
      sent: [],
      suppressed: true,
      suppressedBecause: 'disabled',
      failed: [],
    });
    expect(channel.sent).toHaveLength(0);

    const custom = setup({ enabledKinds: new Set(['backup.succeeded']) });
    expect((await custom.notifier.notify({ kind: 'backup.succeeded', occurredAt: T0 })).sent).toEqual(['memory']);
    expect((await custom.notifier.notify(failure())).suppressedBecause).toBe('disabled');
  });

  it('honours a custom repeat interval', async () => {
    const { notifier, advance } = setup({ repeatIntervalMs: HOUR_MS });
    await notifier.notify(failure());
    advance(HOUR_MS);
    expect((await notifier.notify(failure())).suppressed).toBe(false);
    expect(DEFAULT_REPEAT_INTERVAL_MS).toBe(24 * HOUR_MS);
  });

  it('passes channels the redacted event', async () => {
    const { notifier, channel } = setup();
    await notifier.notify({ ...failure(), error: { code: 'DB_UNAVAILABLE', message: 'postgres://u:pw@h/db down' } });
    expect(channel.sent[0]?.event.error?.message).toBe('postgres://[redacted]@h/db down');
    expect(channel.sent[0]?.subject).toBe('[ERP] Backup failed (DB_UNAVAILABLE)');
  });
});

describe('createNotifier: failures never escape', () => {
  it('reports a failing channel, keeps delivering to the others, and does not record the send if none delivered', async () => {
    const onChannelError = vi.fn<NotifierOptions['onChannelError']>();
    const throttle = memoryThrottle();
    const good = recordingChannel('good');
    const notifier = createNotifier({
      channels: [failingChannel('bad', new Error('socket hang up, password=hunter2')), good],
      throttle,
      onChannelError,
      clock: () => T0,
      appName: 'ERP',
    });
    const result = await notifier.notify(failure());
    expect(result.sent).toEqual(['good']);
    expect(result.failed).toEqual([{ channel: 'bad', message: 'Notification bad failed: socket hang up, password=[redacted]' }]);
    expect(onChannelError).toHaveBeenCalledWith('bad', expect.any(NotifyError));

    const allBad = createNotifier({
      channels: [failingChannel('bad', new NotifyError('down'))],
      throttle,
      onChannelError,
      clock: () => T0,
      appName: 'ERP',
    });
    expect(await allBad.notify(failure('cleanup.failed'))).toEqual({
      sent: [],
      suppressed: false,
      failed: [{ channel: 'bad', message: 'down' }],
    });
    expect(throttle.store.has('cleanup.failed')).toBe(false);
  });

  it('resolves even when onChannelError and the throttle store throw', async () => {
    const notifier = createNotifier({
      channels: [failingChannel('bad', 'not even an Error'), recordingChannel('good')],
      throttle: {
        lastSentAt: () => Promise.reject(new Error('db down')),
        recordSent: () => Promise.reject(new Error('db still down')),
      },
      onChannelError: () => {
        throw new Error('logger broken');
      },
      clock: () => T0,
      appName: 'ERP',
    });
    const result = await notifier.notify(failure());
    expect(result.sent).toEqual(['good']);
    expect(result.failed.map((f) => f.channel)).toEqual(['throttle', 'bad', 'throttle']);
  });

  it('rejects invalid options at creation, not at notify time', () => {
    const base = { channels: [], throttle: memoryThrottle(), onChannelError: () => undefined, appName: 'ERP' };
    expect(() => createNotifier({ ...base, timeZone: 'Nowhere/Land' })).toThrow(ConfigError);
    expect(() => createNotifier({ ...base, repeatIntervalMs: -1 })).toThrow(ConfigError);
    expect(() => createNotifier({ ...base, channels: [recordingChannel('x'), recordingChannel('x')] })).toThrow(ConfigError);
  });
});

describe('createNotifier with real SMTP and webhook servers', () => {
  const closers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((c) => c.close()));
  });
  async function servers(smtpOptions?: Parameters<typeof startSmtpTestServer>[0]): Promise<[SmtpTestServer, HttpTestServer]> {
    const smtp = await startSmtpTestServer(smtpOptions);
    const http = await startHttpTestServer();
    closers.push(smtp, http);
    return [smtp, http];
  }
  const secretEvent: NotificationEvent = {
    kind: 'backup.failed',
    occurredAt: T0,
    backupName: 'backup-2026-04-03',
    error: { code: 'DB_UNAVAILABLE', message: 'lost postgres://erp:TopSecret99@db/erp' },
  };

  it('delivers to both channels without leaking the secret', async () => {
    const [smtp, http] = await servers();
    const onChannelError = vi.fn();
    const notifier = createNotifier({
      channels: [
        createEmailNotifier({ transport: { host: '127.0.0.1', port: smtp.port, ignoreTLS: true }, from: 'b@s.example', to: ['it@s.example'] }),
        createWebhookNotifier({ url: `${http.url}/hook` }),
      ],
      throttle: memoryThrottle(),
      onChannelError,
      clock: () => T0,
      appName: 'ERP',
    });
    expect(await notifier.notify(secretEvent)).toEqual({ sent: ['email', 'webhook'], suppressed: false, failed: [] });
    expect(onChannelError).not.toHaveBeenCalled();
    expect(smtp.received[0]?.mail.text).toContain('DB_UNAVAILABLE');
    expect(smtp.received[0]?.mail.text).not.toContain('TopSecret99');
    expect(JSON.stringify(http.received[0]?.body)).not.toContain('TopSecret99');
  });

  it('reports an SMTP server that rejects with 550 while the webhook still delivers', async () => {
    const [smtp, http] = await servers({
      onRcptTo: (_address, _session, callback) => callback(smtpError(550, 'Mailbox unavailable')),
    });
    const onChannelError = vi.fn<NotifierOptions['onChannelError']>();
    const notifier = createNotifier({
      channels: [
        createEmailNotifier({ transport: { host: '127.0.0.1', port: smtp.port, ignoreTLS: true }, from: 'b@s.example', to: ['it@s.example'] }),
        createWebhookNotifier({ url: `${http.url}/hook` }),
      ],
      throttle: memoryThrottle(),
      onChannelError,
      clock: () => T0,
      appName: 'ERP',
    });
    const result = await notifier.notify(secretEvent);
    expect(result.sent).toEqual(['webhook']);
    expect(result.failed).toEqual([{ channel: 'email', message: expect.stringMatching(/550 Mailbox unavailable/) }]);
    expect(onChannelError).toHaveBeenCalledTimes(1);
    expect(onChannelError.mock.calls[0]?.[0]).toBe('email');
    expect(onChannelError.mock.calls[0]?.[1]).toBeInstanceOf(NotifyError);
    expect(http.received).toHaveLength(1);
    expect(smtp.received).toHaveLength(0);
  });

  it('reports a closed SMTP port while the webhook still delivers', async () => {
    const [smtp, http] = await servers();
    const port = smtp.port;
    await smtp.close();
    const onChannelError = vi.fn<NotifierOptions['onChannelError']>();
    const notifier = createNotifier({
      channels: [
        createEmailNotifier({ transport: { host: '127.0.0.1', port, ignoreTLS: true }, from: 'b@s.example', to: ['it@s.example'] }),
        createWebhookNotifier({ url: `${http.url}/hook` }),
      ],
      throttle: memoryThrottle(),
      onChannelError,
      clock: () => T0,
      appName: 'ERP',
    });
    const result = await notifier.notify(secretEvent);
    expect(result.sent).toEqual(['webhook']);
    expect(result.failed).toEqual([{ channel: 'email', message: expect.stringMatching(/ECONNREFUSED/) }]);
    expect(onChannelError).toHaveBeenCalledWith('email', expect.any(NotifyError));
  });
});
