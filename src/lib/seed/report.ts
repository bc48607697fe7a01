/**
 * The end-of-seed summary printed by the CLI: row count per table in load order, the total, and
 * the elapsed time, as an aligned plain-text table.
 */
import type { SeedResult } from './index';

export function formatSeedReport(result: SeedResult): string {
  const entries = Object.entries(result.counts);
  const total = result.totalRows.toLocaleString('en-US');
  const nameWidth = Math.max('TOTAL'.length, ...entries.map(([table]) => table.length));
  const countWidth = Math.max(total.length, ...entries.map(([, n]) => n.toLocaleString('en-US').length));
  const line = (name: string, count: string) => `${name.padEnd(nameWidth)}  ${count.padStart(countWidth)}`;
  const rule = '-'.repeat(nameWidth + 2 + countWidth);
  return [
    line('table', 'rows'),
    rule,
    ...entries.map(([table, n]) => line(table, n.toLocaleString('en-US'))),
    rule,
    line('TOTAL', total),
    `scale ${result.scale}: ${total} rows in ${(result.ms / 1000).toFixed(1)} s`,
  ].join('\n');
}
