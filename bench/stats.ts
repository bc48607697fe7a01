/** Summary statistics for repeated bench runs. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Element-wise ratios of two equally long series (run i of `ours` over run i of `theirs`). */
export function pairedRatios(ours: readonly number[], theirs: readonly number[]): number[] {
  return ours.map((value, i) => value / theirs[i]!);
}
