/** A benchmark measures, returns flat numeric metrics, and cleans up after itself. */
export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<Record<string, number>>;
}

export function percentile(sortedAscending: number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const index = Math.min(
    sortedAscending.length - 1,
    Math.ceil((p / 100) * sortedAscending.length) - 1,
  );
  return sortedAscending[Math.max(0, index)];
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
