/**
 * The one convention for sizes that every door shows (admin page, CLI, health messages, demo):
 * decimal SI units (1 kB = 1000 B, 1 MB = 1000 kB), whole bytes below 1 kB, one decimal above.
 * Exact byte counts stay in the data (`size` fields, `<data value>`, `--json`).
 */
const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;
const BYTE_STEP = 1000;

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= BYTE_STEP && unit < BYTE_UNITS.length - 1) {
    value /= BYTE_STEP;
    unit += 1;
  }
  return `${unit === 0 ? Math.round(value) : value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}
