/**
 * National figures to set local ones beside (docs/domain.md §6), with where they come from, so a
 * committee sees whether a local rate is unusual. Percentages of the earlier stage.
 */
export const benchmarks = {
  enquiryToApplication: [
    { label: 'Councils in England, 2022/23', percent: 12 },
    { label: 'All fostering services in England, 2022/23', percent: 6 },
  ],
  applicationToApproval: [
    { label: 'England, 2020/21', percent: 32 },
    { label: 'England, the year before', percent: 44 },
  ],
  source: 'Ofsted, Fostering in England (national statistics)',
} as const;

/** A share as a percentage to one decimal place (12.5), or null when there is nothing to divide by. */
export const percent = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
