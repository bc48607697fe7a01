import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, NotifyError } from '../errors';
import type { NotificationEvent } from './events';
import { startHttpTestServer, type HttpTestServer, type Responder } from '../../../../tests/helpers/http-test-server';
import { renderNotification } from './message';
import { createWebhookNotifier, WEBHOOK_TIMEOUT_MS } from './webhook';

const KEY = 'be'.repeat(32);
const SECRET_PATH = '/services/T000/B000/XXXXSECRETXXXX';
const event: NotificationEvent = {
  kind: 'verify.failed',
  occurredAt: new Date('2026-04-05T03:00:00Z'),
  backupId: 'clx7',
  backupName: 'backup-2026-04-05',
  error: { code: 'CORRUPT', message: `tag mismatch using key ${KEY}` },
};
const message = renderNotification(event, { appName: 'ERP' });

const servers: HttpTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function httpServer(respond?: Responder): Promise<HttpTestServer> {
  const server = await startHttpTestServer(respond);
  servers.push(server);
  return server;
}

describe('createWebhookNotifier', () => {
  it('POSTs a Slack-compatible JSON body with the event, without secrets', async () => {
    const server = await httpServer();
    const webhook = createWebhookNotifier({ url: `${server.url}${SECRET_PATH}` });
    await webhook.send(message, event);

    expect(server.received).toHaveLength(1);
    const request = server.received[0]!;
    expect(request).toMatchObject({ method: 'POST', path: SECRET_PATH, contentType: 'application/json' });
    expect(request.body).toEqual({
      text: message.text,
      kind: 'verify.failed',
      occurredAt: '2026-04-05T03:00:00.000Z',
      backupId: 'clx7',
      error: { code: 'CORRUPT', message: 'tag mismatch using key [redacted]' },
    });
    expect(JSON.stringify(request.body)).not.toContain(KEY);
    expect((request.body as { text: string }).text).toContain('What to do: Do not restore from this backup.');
  });

  it('sends null for a missing backup id and error', async () => {
    const server = await httpServer();
    const bare: NotificationEvent = { kind: 'restore.completed', occurredAt: new Date('2026-04-05T03:00:00Z') };
    await createWebhookNotifier({ url: server.url }).send(renderNotification(bare, { appName: 'ERP' }), bare);
    expect(server.received[0]?.body).toMatchObject({ backupId: null, error: null });
  });

  it('fails with a NotifyError on a non-2xx answer, naming the host but not the secret path', async () => {
    const server = await httpServer((_request, response) => {
      response.statusCode = 500;
      response.end('boom');
    });
    const error = await createWebhookNotifier({ url: `${server.url}${SECRET_PATH}` })
      .send(message, event)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyError);
    expect((error as Error).message).toMatch(/^The webhook at 127\.0\.0\.1:\d+ answered HTTP 500 Internal Server Error\.$/);
    expect((error as Error).message).not.toContain('SECRET');
  });

  it('gives up after the timeout', async () => {
    const server = await httpServer(() => {
      // never answers
    });
    const started = Date.now();
    await expect(createWebhookNotifier({ url: server.url, timeoutMs: 200 }).send(message, event)).rejects.toThrow(
      /^The notification could not be posted to the webhook at 127\.0\.0\.1:\d+: no answer within 0\.2 s\.$/,
    );
    expect(Date.now() - started).toBeLessThan(WEBHOOK_TIMEOUT_MS);
  });

  it('uses a 5 s timeout signal by default', async () => {
    expect(WEBHOOK_TIMEOUT_MS).toBe(5_000);
    const fetchImpl = vi.fn<typeof fetch>(async () => new Response(null, { status: 204 }));
    await createWebhookNotifier({ url: 'https://hooks.example/x', fetchImpl }).send(message, event);
    const init = fetchImpl.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('fails with a NotifyError when nothing listens', async () => {
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    probe.close();
    await once(probe, 'close');
    await expect(createWebhookNotifier({ url: `http://127.0.0.1:${port}/hook` }).send(message, event)).rejects.toThrow(
      /could not be posted to the webhook at 127\.0\.0\.1:\d+: ECONNREFUSED/,
    );
  });

  it('rejects an invalid URL with a ConfigError', () => {
    expect(() => createWebhookNotifier({ url: 'not a url' })).toThrow(ConfigError);
    expect(() => createWebhookNotifier({ url: 'ftp://example.com/x' })).toThrow(ConfigError);
  });
});
