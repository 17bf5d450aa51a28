import { describe, expect, it } from 'vitest';
import { withinEightMonths } from '../../src/reports/ofsted.service.ts';

/** "Within 8 months" of an application, by calendar months (date-fns addMonths), at the month ends. */
describe('within 8 months of the application', () => {
  it.each([
    ['2025-06-30', '2026-02-28', true], // February 2026 has 28 days: its last day is the limit
    ['2025-06-30', '2026-03-01', false],
    ['2023-06-30', '2024-02-29', true], // a leap year
    ['2025-05-31', '2026-01-31', true],
    ['2025-05-31', '2026-02-01', false],
    ['2024-07-01', '2025-03-01', true],
    ['2024-07-01', '2025-03-02', false],
    ['2025-10-26', '2026-06-26', true], // across both clock changes
  ])('applied %s, approved %s: %s', (applied, approved, within) => {
    expect(withinEightMonths(applied, approved)).toBe(within);
  });
});
