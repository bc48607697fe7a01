/**
 * Turns a notification event into a message for people: a subject, a plain
 * text body and an HTML body. The message says what happened, when (ISO 8601
 * and in words), which backup, the error code and message, and what to do.
 * Every free-text field of the event is passed through `redactSecrets` first,
 * so no key, password or credential-bearing URL reaches a mailbox or a chat.
 */
import { validateTimeZone } from '../schedule';
import type { NotificationEvent, NotificationKind } from './events';
import { redactEvent } from './redact';

export { redactSecrets } from './redact';

export interface RenderOptions {
  /** Shown in the subject, e.g. "Springfield School ERP". */
  appName: string;
  /** Link to the admin backups page; shown only when it is an http(s) URL. */
  adminUrl?: string;
  /** IANA zone for the time in words; default UTC. */
  timeZone?: string;
}

export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
}

interface KindCopy {
  title: string;
  summary: string;
  whatToDo: string;
}

const COPY: Record<NotificationKind, KindCopy> = {
  'backup.failed': {
    title: 'Backup failed',
    summary: 'A database backup failed. The data is not protected by a new backup until one succeeds.',
    whatToDo:
      "Check free disk space and database connectivity, then run 'npm run backup -- create' or press Back up now on the Backups page.",
  },
  'backup.succeeded': {
    title: 'Backup completed',
    summary: 'A database backup completed.',
    whatToDo: 'Nothing. This message is for your records.',
  },
  'cleanup.failed': {
    title: 'Cleanup of old backups failed',
    summary: 'Old backups could not be removed. They stay, and keep using disk space, until a cleanup succeeds.',
    whatToDo:
      'Check that the backup folder (and the S3 bucket, if one is configured) is reachable and writable, and keep an eye on free disk space.',
  },
  'health.unhealthy': {
    title: 'Backups are unhealthy',
    summary: 'The backup health check found problems.',
    whatToDo:
      'Fix the failed checks listed above, then open the Backups page and confirm the status is healthy again. If the last backup is too old, press Back up now.',
  },
  'restore.completed': {
    title: 'Restore completed',
    summary: 'The database was restored from a backup.',
    whatToDo:
      'Check that the application works and the data is as expected. If it is not, restore the pre-restore safety backup taken just before this restore (listed on the Backups page).',
  },
  'restore.failed': {
    title: 'Restore failed',
    summary: 'A restore failed. Restores are all or nothing, so the database should be as it was before the attempt.',
    whatToDo:
      'Fix the cause named in the error (for WRONG_KEY, add the key the backup was made with to BACKUP_PREVIOUS_KEYS), then try the restore again.',
  },
  'verify.failed': {
    title: 'Backup verification failed',
    summary: 'A backup failed verification: it cannot be trusted for a restore.',
    whatToDo:
      'Do not restore from this backup. Press Back up now to take a fresh one, check the disk or bucket that holds the backups for errors, and verify the other recent backups.',
  },
};

const HUMAN_DATE_LOCALE = 'en-GB';
const DEFAULT_TIME_ZONE = 'UTC';
const LINE_BREAKS = /[\r\n]+/g;

interface Field {
  label: string;
  value: string;
}

export function renderNotification(event: NotificationEvent, options: RenderOptions): RenderedNotification {
  const safe = redactEvent(event);
  const copy = COPY[safe.kind];
  const subject = [
    `[${options.appName}] ${copy.title}`,
    safe.backupName ? `: ${safe.backupName}` : '',
    safe.error ? ` (${safe.error.code})` : '',
  ]
    .join('')
    .replace(LINE_BREAKS, ' ');

  const fields: Field[] = [{ label: 'When', value: describeTime(safe.occurredAt, options.timeZone ?? DEFAULT_TIME_ZONE) }];
  if (safe.backupName !== undefined || safe.backupId !== undefined) {
    fields.push({ label: 'Backup', value: describeBackup(safe.backupName, safe.backupId) });
  }
  if (safe.error) fields.push({ label: 'Error', value: `${safe.error.code}: ${safe.error.message}` });

  const lists: { heading: string; items: string[] }[] = [];
  if (safe.failedChecks?.length) {
    lists.push({ heading: 'Failed checks', items: safe.failedChecks.map((c) => `${c.name}: ${c.message}`) });
  }
  const details = Object.entries(safe.details ?? {});
  if (details.length) lists.push({ heading: 'Details', items: details.map(([key, value]) => `${key}: ${value}`) });

  const adminUrl = options.adminUrl && /^https?:\/\//i.test(options.adminUrl) ? options.adminUrl : undefined;

  const text = [
    subject,
    '',
    copy.summary,
    '',
    ...fields.map((f) => `${f.label}: ${f.value}`),
    ...lists.flatMap((l) => ['', `${l.heading}:`, ...l.items.map((item) => `  - ${item}`)]),
    '',
    `What to do: ${copy.whatToDo}`,
    ...(adminUrl ? ['', `Backups page: ${adminUrl}`] : []),
    '',
  ].join('\n');

  const html = [
    `<h2>${escapeHtml(copy.title)}</h2>`,
    `<p>${escapeHtml(copy.summary)}</p>`,
    '<table>',
    ...fields.map((f) => `<tr><th align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`),
    '</table>',
    ...lists.flatMap((l) => [
      `<h3>${escapeHtml(l.heading)}</h3>`,
      `<ul>${l.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`,
    ]),
    `<p><strong>What to do:</strong> ${escapeHtml(copy.whatToDo)}</p>`,
    ...(adminUrl ? [`<p><a href="${escapeHtml(adminUrl)}">Open the Backups page</a></p>`] : []),
  ].join('\n');

  return { subject, text, html };
}

/** "2026-04-03T02:00:00.000Z (Friday, 3 April 2026 at 02:00:00 UTC)". Throws ConfigError for an unknown zone. */
export function describeTime(at: Date, timeZone: string): string {
  if (Number.isNaN(at.getTime())) return 'unknown time';
  validateTimeZone(timeZone);
  const inWords = new Intl.DateTimeFormat(HUMAN_DATE_LOCALE, { dateStyle: 'full', timeStyle: 'long', timeZone }).format(at);
  return `${at.toISOString()} (${inWords})`;
}

function describeBackup(name: string | undefined, id: string | undefined): string {
  if (name !== undefined && id !== undefined) return `${name} (id ${id})`;
  return name ?? `id ${id}`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
