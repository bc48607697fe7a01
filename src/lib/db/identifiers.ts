/**
 * Quoting of SQL identifiers. Callers only pass names that came from the live catalog (or were
 * checked against it); quoting is the second line of defence, never the first.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function columnList(columns: readonly string[]): string {
  return columns.map(quoteIdentifier).join(', ');
}
