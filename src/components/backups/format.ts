/**
 * Pure display formatting for the backups page. Dates are formatted in one explicit time zone
 * (the school's, BACKUP_TIMEZONE) with a fixed locale, so the server render and the browser's
 * hydration produce the same text. Sizes use the one convention every door shares (src/lib/conventions/units.ts).
 */
const LOCALE = 'en-GB';
export { formatBytes } from '@/lib/conventions/units';

export function formatCount(n: number): string {
  return n.toLocaleString(LOCALE);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  if (minutes < 60) return `${minutes} min ${rest} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "1 Dec 2026, 14:05:33 UTC": with seconds (rows of one minute differ) and the zone's name. */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone, timeZoneName: 'short',
  }).format(new Date(iso));
}

export function formatAge(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min ago`;
  if (hours < 48) return `${hours.toFixed(hours < 10 ? 1 : 0)} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

const PHASES: Record<string, string> = {
  queued: 'Waiting to start',
  'safety-backup': 'Taking the safety backup',
  merging: 'Putting the chosen rows back',
  dumping: 'Reading the database',
  verifying: 'Checking the new file',
  checking: 'Checking the backup file',
  loading: 'Loading the data',
  indexing: 'Rebuilding keys and indexes',
  committing: 'Committing',
  uploading: 'Uploading',
  done: 'Done',
};

/** "dumping" → "Reading the database"; unknown phases are shown as words ("Some phase"). */
export function formatPhase(phase: string): string {
  const known = PHASES[phase];
  if (known) return known;
  const words = phase.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Working';
}
