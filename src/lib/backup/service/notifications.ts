/**
 * Sends a notification through the configured channels (SMTP e-mail, webhook). Recipients are
 * BACKUP_NOTIFY_EMAILS, or else every active ADMIN user. Repeat alerts are throttled through the
 * audit log (the last NOTIFICATION_SENT row for the condition), which survives restores. Never
 * throws: a channel that fails is logged and audit-logged, and the original error stands.
 */
import { createEmailNotifier } from '../notify/email';
import type { NotificationEvent } from '../notify/events';
import { createNotifier, DEFAULT_ENABLED_KINDS } from '../notify/notifier';
import type { NotificationChannel } from '../notify/channel';
import { createWebhookNotifier } from '../notify/webhook';
import { writeAudit } from './audit';
import type { BackupContext } from './context';

export const APP_NAME = 'School ERP backups';

async function recipients(ctx: BackupContext): Promise<string[]> {
  if (ctx.config.notify.emails.length > 0) return ctx.config.notify.emails;
  const admins = await ctx.prisma.user.findMany({ where: { role: 'ADMIN', isActive: true }, select: { email: true } });
  return admins.map((a) => a.email);
}

async function channels(ctx: BackupContext): Promise<NotificationChannel[]> {
  const list: NotificationChannel[] = [];
  const smtp = ctx.config.notify.smtp;
  if (smtp) {
    const to = await recipients(ctx);
    if (to.length > 0) {
      const transport =
        smtp.url ??
        ({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
        } as const);
      list.push(createEmailNotifier({ transport, from: smtp.from, to }));
    }
  }
  if (ctx.config.notify.webhookUrl) list.push(createWebhookNotifier({ url: ctx.config.notify.webhookUrl }));
  return list;
}

export async function notify(ctx: BackupContext, event: NotificationEvent): Promise<void> {
  try {
    const enabledKinds = new Set(DEFAULT_ENABLED_KINDS);
    if (ctx.config.notify.onSuccess) enabledKinds.add('backup.succeeded');
    const notifier = createNotifier({
      channels: await channels(ctx),
      enabledKinds,
      appName: APP_NAME,
      adminUrl: ctx.config.appUrl ? new URL('/admin/backups', ctx.config.appUrl).toString() : undefined,
      timeZone: ctx.config.schedule.timeZone,
      clock: ctx.clock,
      throttle: {
        lastSentAt: async (condition) =>
          (
            await ctx.prisma.auditLog.findFirst({
              where: { action: 'NOTIFICATION_SENT', resource: 'notification', resourceId: condition },
              orderBy: { createdAt: 'desc' },
            })
          )?.createdAt ?? null,
        recordSent: async (condition, at) => {
          await ctx.prisma.auditLog.create({
            data: { action: 'NOTIFICATION_SENT', outcome: 'SUCCESS', resource: 'notification', resourceId: condition, actorEmail: 'system:notifier', createdAt: at, details: { kind: event.kind } },
          });
        },
      },
      onChannelError: async (channel, error) => {
        console.error(`notification via ${channel} failed: ${error.message}`);
        await writeAudit(ctx.prisma, {
          actor: { kind: 'system', name: 'worker' },
          action: 'NOTIFICATION_FAILED',
          outcome: 'FAILURE',
          resource: 'notification',
          resourceId: event.backupId ?? null,
          details: { channel, kind: event.kind, error: error.message },
        });
      },
    });
    await notifier.notify(event);
  } catch (error) {
    console.error(`notification ${event.kind} could not be sent: ${(error as Error).message}`);
  }
}
