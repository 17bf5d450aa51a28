import { formatNumber, formatPence } from '../shared/format.ts';
import type { ReportTable } from './report-table.ts';
import type { HubColumn, HubReport } from './hub-report.service.ts';

const n = (value: number | null) => (value === null ? '–' : formatNumber(value));

/** The rows of the regional table, in the order a household goes through them, with their rules. */
export const hubMeasures: { field: keyof HubColumn; label: string; rule: string }[] = [
  {
    field: 'enquiries',
    label: 'Enquiries',
    rule: 'Enquiries the hub received in the period, by the date received, for the council each counts for.',
  },
  {
    field: 'informationSessionHouseholds',
    label: 'Households attending information sessions',
    rule: 'Different households marked as attending an information session each month (the hub’s or, after a hand-off, the council’s).',
  },
  {
    field: 'initialVisits',
    label: 'Initial visits completed',
    rule: 'Households moved to “Initial visit” in the period, by whoever did the visit.',
  },
  {
    field: 'handoffsOffered',
    label: 'Hand-offs offered',
    rule: 'Hand-offs offered in the period, by the council offered to, whatever has happened since.',
  },
  {
    field: 'handoffsAccepted',
    label: 'of which accepted',
    rule: 'Of those offers, the ones the council accepted.',
  },
  {
    field: 'handoffsReturned',
    label: 'of which returned',
    rule: 'Of those offers, the ones the council returned.',
  },
  {
    field: 'handoffsTimedOut',
    label: 'of which timed out',
    rule: 'Of those offers, the ones not answered before their deadline.',
  },
  {
    field: 'medianDaysToHandoff',
    label: 'Median days from enquiry to hand-off',
    rule: 'For hand-offs accepted in the period: the median of whole days from the enquiry to the council’s acceptance.',
  },
  {
    field: 'applications',
    label: 'Applications received',
    rule: 'Households moved to “Application” in the period: after a hand-off, as the council records them.',
  },
  {
    field: 'approvals',
    label: 'Households approved',
    rule: 'Households approved in the period, other than transfers in, as the councils record them.',
  },
];

/** The regional table: a row per measure, a column per member council, "Not yet known" and the total. */
export function hubTable(report: HubReport): ReportTable {
  return {
    caption: `${report.hub.name}: households by member council`,
    head: ['Measure', ...report.columns.map((c) => c.name)],
    rows: hubMeasures.map((m) => [m.label, ...report.columns.map((c) => n(c[m.field] as number | null))]),
  };
}

/** Campaign costs split by population share, and what each council's share bought. */
export function hubCostTable(report: HubReport): ReportTable {
  const total = report.columns.find((c) => c.key === 'total');
  const share = (c: HubColumn) =>
    c.population !== null && total?.population
      ? `${((c.population / total.population) * 100).toFixed(1)}%`
      : '–';
  return {
    caption: 'Campaign costs split by population share',
    head: [
      'Council',
      'Population',
      'Share',
      'Campaign cost (net of VAT)',
      'Enquiries',
      'Cost per enquiry',
      'Approvals',
      'Cost per approval',
    ],
    rows: report.columns
      .filter((c) => c.key !== 'not_known')
      .map((c) => [
        c.name,
        n(c.population),
        c.key === 'total' ? (total?.population ? '100%' : '–') : share(c),
        formatPence(c.campaignCostPence),
        n(c.enquiries),
        formatPence(c.costPerEnquiryPence),
        n(c.approvals),
        formatPence(c.costPerApprovalPence),
      ]),
  };
}

type League = HubReport['league'][keyof HubReport['league']];

/** One league table: council, rank, value, best first (unranked councils last, with a dash). */
export function leagueTable(caption: string, heading: string, rows: League): ReportTable {
  return {
    caption,
    head: ['Council', 'Rank', heading],
    rows: rows.map((r) => [r.name, r.rank === null ? '–' : String(r.rank), n(r.value)]),
  };
}
