import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, NotifyError } from '../errors';
import { createEmailNotifier } from './email';
import { renderNotification } from './message';
import { smtpError, startSmtpTestServer, type SmtpTestServer } from '../../../../tests/helpers/smtp-test-server';

const KEY = '0f'.repeat(32);
const servers: SmtpTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function smtpServer(options?: Parameters<typeof startSmtpTestServer>[0]): Promise<SmtpTestServer> {
  const server = await startSmtpTestServer(options);
  servers.push(server);
  return server;
}

const message = renderNotification(
  {
    kind: 'backup.failed',
    occurredAt: new Date('2026-04-03T02:00:00Z'),
    backupName: 'backup-2026-04-03',
    error: { code: 'DB_UNAVAILABLE', message: `dump failed on postgres://u:secret@h/erp, key ${KEY}` },
  },
  { appName: 'Springfield ERP' },
);

/** A port that was free a moment ago: nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

describe('createEmailNotifier', () => {
  it('delivers the rendered message to every recipient over real SMTP', async () => {
    const server = await smtpServer();
    const email = createEmailNotifier({
      transport: { host: '127.0.0.1', port: server.port, secure: false, ignoreTLS: true },
      from: 'ERP Backups <backups@school.example>',
      to: ['it@school.example', 'head@school.example'],
    });
    await email.send(message);

    expect(server.received).toHaveLength(1);
    const [{ envelopeTo, mail }] = server.received as [(typeof server.received)[number]];
    expect(envelopeTo).toEqual(['it@school.example', 'head@school.example']);
    expect(mail.from?.value).toEqual([{ name: 'ERP Backups', address: 'backups@school.example' }]);
    expect(mail.to).toMatchObject({ text: 'it@school.example, head@school.example' });
    expect(mail.subject).toBe('[Springfield ERP] Backup failed: backup-2026-04-03 (DB_UNAVAILABLE)');
    for (const body of [mail.text ?? '', String(mail.html)]) {
      expect(body).toContain('DB_UNAVAILABLE');
      expect(body).toContain('2026-04-03T02:00:00.000Z');
      expect(body).toContain("npm run backup -- create");
      expect(body).not.toContain('u:secret');
      expect(body).not.toContain(KEY);
    }
  });

  it('accepts a connection URL', async () => {
    const server = await smtpServer();
    const email = createEmailNotifier({
      transport: `smtp://127.0.0.1:${server.port}?ignoreTLS=true`,
      from: 'backups@school.example',
      to: ['it@school.example'],
    });
    await email.send(message);
    expect(server.received[0]?.mail.subject).toContain('Backup failed');
  });

  it('turns a 550 rejection into a NotifyError naming the server and the reason', async () => {
    const server = await smtpServer({
      onRcptTo: (_address, _session, callback) => callback(smtpError(550, 'No such mailbox here')),
    });
    const email = createEmailNotifier({
      transport: { host: '127.0.0.1', port: server.port, ignoreTLS: true },
      from: 'backups@school.example',
      to: ['nobody@school.example'],
    });
    const error = await email.send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyError);
    expect((error as NotifyError).code).toBe('NOTIFY_FAILED');
    expect((error as NotifyError).message).toMatch(/via 127\.0\.0\.1:\d+: .*550 No such mailbox here/);
    expect(server.received).toHaveLength(0);
  });

  it.each([
    ['options', (port: number) => ({ host: '127.0.0.1', port, ignoreTLS: true, auth: { user: 'mailer', pass: 'pw-S3cret!' } })],
    ['a URL', (port: number) => `smtp://mailer:pw-S3cret!@127.0.0.1:${port}?ignoreTLS=true`],
  ])('never puts the SMTP password (given as %s) into the error, even when the server echoes it', async (_how, transport) => {
    const server = await smtpServer({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => callback(smtpError(535, `bad credentials ${auth.username}/${auth.password}`)),
    });
    const email = createEmailNotifier({ transport: transport(server.port), from: 'b@school.example', to: ['it@school.example'] });
    const error = await email.send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyError);
    expect((error as Error).message).toContain('535');
    expect((error as Error).message).not.toContain('pw-S3cret!');
    expect((error as Error).message).not.toContain('S3cret');
  });

  it('fails with a NotifyError when nothing listens on the port', async () => {
    const port = await closedPort();
    const email = createEmailNotifier({
      transport: { host: '127.0.0.1', port, ignoreTLS: true },
      from: 'b@school.example',
      to: ['it@school.example'],
    });
    await expect(email.send(message)).rejects.toThrow(/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });

  it('rejects a configuration without recipients or sender', () => {
    expect(() => createEmailNotifier({ transport: 'smtp://localhost', from: 'a@b', to: [] })).toThrow(ConfigError);
    expect(() => createEmailNotifier({ transport: 'smtp://localhost', from: ' ', to: ['a@b'] })).toThrow(ConfigError);
  });
});
