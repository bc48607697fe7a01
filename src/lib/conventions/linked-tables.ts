/**
 * Which tables outside a chosen set foreign keys tie to it: tables outside whose rows point to
 * chosen ones, and tables outside that chosen ones point to, each with the chosen tables at the
 * other end, sorted by name. The structure behind the page's "Also linked" (computed in the
 * browser as the admin ticks) and the CLI's note before a selective restore (computed by the
 * core); the words stay with each door. Pure: imports nothing.
 */

/** A foreign key between two tables: rows of `from` point to rows of `to`. */
export interface KeyLink {
  from: string;
  to: string;
}

export interface OutsideLinks {
  /** Tables outside the choice whose rows point to chosen ones, with the chosen tables they point to. */
  pointingIn: { table: string; to: string[] }[];
  /** Tables outside the choice that chosen ones point to, with the chosen tables pointing to them. */
  pointedTo: { table: string; from: string[] }[];
}

function group(pairs: readonly [outside: string, chosen: string][]): Map<string, string[]> {
  const grouped = new Map<string, Set<string>>();
  for (const [outside, chosen] of pairs) grouped.set(outside, (grouped.get(outside) ?? new Set()).add(chosen));
  return new Map([...grouped].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}

export function outsideLinks(links: readonly KeyLink[], chosen: ReadonlySet<string>): OutsideLinks {
  const pointingIn = group(links.filter((l) => chosen.has(l.to) && !chosen.has(l.from)).map((l) => [l.from, l.to]));
  const pointedTo = group(links.filter((l) => chosen.has(l.from) && !chosen.has(l.to)).map((l) => [l.to, l.from]));
  return {
    pointingIn: [...pointingIn].map(([table, to]) => ({ table, to })),
    pointedTo: [...pointedTo].map(([table, from]) => ({ table, from })),
  };
}
