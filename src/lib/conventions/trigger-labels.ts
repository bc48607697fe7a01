/** How every door names what started a backup (the page's badge, the CLI's list). */
export const TRIGGER_LABELS = {
  MANUAL: 'Manual',
  SCHEDULED: 'Scheduled',
  PRE_RESTORE: 'Pre-restore',
} as const;
