import { describe, expect, it } from 'vitest';
import { contiguousRanges, wholeMonths } from '../../src/metrics/metrics.service.ts';
import { percentileOf, summarise } from '../../src/reports/percentiles.ts';
import { comparisonPeriod } from '../../src/reports/funnel.service.ts';

describe('the days a refresh rebuilds', () => {
  it('joins consecutive days into ranges, across month and year ends', () => {
    expect(contiguousRanges(['2025-12-31', '2026-01-01', '2025-06-03', '2026-01-01', '2026-01-05'])).toEqual([
      { from: '2025-06-03', to: '2025-06-04' },
      { from: '2025-12-31', to: '2026-01-02' },
      { from: '2026-01-05', to: '2026-01-06' },
    ]);
    expect(contiguousRanges([])).toEqual([]);
  });

  it('widens a range to the whole months it touches, for the monthly measure', () => {
    expect(wholeMonths({ from: '2025-12-31', to: '2026-01-02' })).toEqual({
      from: '2025-12-01',
      to: '2026-02-01',
    });
    expect(wholeMonths({ from: '2024-02-10', to: '2024-03-01' })).toEqual({
      from: '2024-02-01',
      to: '2024-03-01',
    });
  });
});

describe('percentiles of days', () => {
  it('uses the nearest rank', () => {
    const days = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => ({ days: d, n: 1 }));
    expect(percentileOf(days, 50)).toBe(5);
    expect(percentileOf(days, 90)).toBe(9);
    expect(
      percentileOf(
        [
          { days: 30, n: 3 },
          { days: 200, n: 1 },
        ],
        50,
      ),
    ).toBe(30);
    expect(summarise([])).toEqual({ count: 0, medianDays: null, p90Days: null });
  });
});

describe('the comparison column', () => {
  it('is the previous full financial year, or the same dates a year before', () => {
    expect(comparisonPeriod('2022-04-01', '2022-08-31', 'previous_year')).toEqual({
      label: '2021/22',
      from: '2021-04-01',
      to: '2022-03-31',
    });
    expect(comparisonPeriod('2024-03-01', '2024-03-31', 'same_period')).toMatchObject({
      from: '2023-03-01',
      to: '2023-03-31',
    });
    expect(comparisonPeriod('2024-02-01', '2024-02-29', 'same_period')).toMatchObject({
      from: '2023-02-01',
      to: '2023-02-28',
    });
  });
});
