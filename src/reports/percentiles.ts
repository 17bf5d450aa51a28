/**
 * Percentiles of a histogram of whole days, by the nearest-rank method: the p-th percentile is the
 * smallest value with at least p% of the cases at or below it. Exact for counts of days, and the
 * same whether read from events or from roll-ups.
 */
export function percentileOf(histogram: readonly { days: number; n: number }[], p: number): number | null {
  const sorted = [...histogram].filter((h) => h.n > 0).sort((a, b) => a.days - b.days);
  const total = sorted.reduce((sum, h) => sum + h.n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const h of sorted) {
    seen += h.n;
    if (seen >= rank) return h.days;
  }
  return sorted.at(-1)!.days;
}

export function summarise(histogram: readonly { days: number; n: number }[]) {
  return {
    count: histogram.reduce((sum, h) => sum + h.n, 0),
    medianDays: percentileOf(histogram, 50),
    p90Days: percentileOf(histogram, 90),
  };
}
