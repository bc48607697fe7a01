/**
 * What an admin types to confirm a destructive step on one backup (restore it; delete the last
 * good one), on the page and in the CLI alike: the backup's creation time in the school's time
 * zone, to the second — "2026-12-01 14:05:33" — which the page shows next to the field. It is
 * unique in practice, readable, and says which point in time the admin is choosing, unlike a
 * random file name. Typed text matches when equal after trimming and collapsing spaces.
 */
export function confirmationPhrase(createdAt: Date | string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(createdAt))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Whether typed text is the expected phrase, after trimming and collapsing spaces. */
export function sameConfirmationText(typed: string, expected: string): boolean {
  return typed.trim().replace(/\s+/g, ' ') === expected;
}

export function matchesConfirmation(typed: string, createdAt: Date | string, timeZone: string): boolean {
  return sameConfirmationText(typed, confirmationPhrase(createdAt, timeZone));
}
