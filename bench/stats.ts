// Statistics of the benchmarks, with no imports: the child processes that are measured load nothing more.

/** The median of measurements (the upper one of an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
