import { deregistrationReasons, type DeregistrationReason } from '../pipeline/stages.ts';
import { formatDate } from '../shared/format.ts';
import { n } from './funnel-table.ts';
import { inAssessmentMeaning } from './net-carers.service.ts';
import {
  serviceDecisions,
  withdrawalCodes,
  type OfstedFigures,
  type OfstedReturn,
} from './ofsted.service.ts';
import type { ReportRoute } from './report-routes.ts';
import type { ReportTable } from './report-table.ts';

/** The column heading for the return's main figures. */
const routeColumn: Record<ReportRoute, string> = {
  mainstream: 'Mainstream',
  family_and_friends: 'Family and friends',
  all: 'All households',
};

type Figures = Omit<OfstedFigures, 'transfersIn'> & { transfersIn?: number };
type Row = { label: string; code?: string; asked: boolean; value: (f: Figures) => string };

const days = (value: number | null) => (value === null ? '–' : n(value));
const rate = (r: Figures['deregistrationRate']) =>
  r.rate === null ? '–' : `${(Math.round(r.rate * 1000) / 10).toFixed(1)}%`;

/** "on 31 March 2026" for a finished year; "today, 30 November 2026" while it runs. */
const stockDay = (r: OfstedReturn) =>
  r.finished ? `on ${formatDate(r.asOf)}` : `today, ${formatDate(r.asOf)} (not yet the year end)`;
/** "in the year", or "so far" while the year runs. */
const inYear = (r: OfstedReturn) => (r.finished ? 'in the year' : 'so far this year');

/**
 * The rows, in the order of the recruitment section of Ofsted's annual fostering data collection
 * (enquiries, applications, withdrawals before panel by code, approvals and what became of them,
 * time from application to approval, deregistrations and their rate), then the service's own
 * figures. `asked` marks what Ofsted asks for.
 */
function rows(r: OfstedReturn): Row[] {
  return [
    { label: `Initial enquiries received ${inYear(r)}`, asked: true, value: (f) => n(f.enquiries) },
    { label: `Applications received ${inYear(r)}`, asked: true, value: (f) => n(f.applications) },
    ...withdrawalCodes.map((code) => ({
      label: `Withdrew before consideration at panel: ${r.withdrawalWording[code]}`,
      code,
      asked: true,
      value: (f: Figures) => n(f.withdrawals[code]),
    })),
    {
      label: 'Withdrew before consideration at panel, in total',
      asked: true,
      value: (f) => n(f.withdrawals.total),
    },
    { label: `Households newly approved ${inYear(r)}`, asked: true, value: (f) => n(f.approvals) },
    {
      label: `Of those, approved and deregistered ${inYear(r)}`,
      asked: true,
      value: (f) => n(f.approvedAndDeregisteredInYear),
    },
    { label: `Of those, still approved ${stockDay(r)}`, asked: true, value: (f) => n(f.activeAt31March) },
    {
      label: 'Newly approved households with an application date',
      asked: true,
      value: (f) => n(f.applicationToApproval.count),
    },
    {
      label: 'Median days from application to approval',
      asked: true,
      value: (f) => days(f.applicationToApproval.medianDays),
    },
    {
      label: 'Approved within 8 months of application',
      asked: true,
      value: (f) => n(f.applicationToApproval.within8Months),
    },
    ...(Object.keys(deregistrationReasons) as DeregistrationReason[]).map((code) => ({
      label: `Deregistered ${inYear(r)}: ${deregistrationReasons[code]}`,
      asked: true,
      value: (f: Figures) => n(f.deregistrations.byReason[code]),
    })),
    { label: `Deregistered ${inYear(r)}, in total`, asked: true, value: (f) => n(f.deregistrations.total) },
    {
      label: `Households approved at any time ${inYear(r)}`,
      asked: true,
      value: (f) => n(f.deregistrationRate.denominator),
    },
    {
      label: 'Deregistration rate (deregistered ÷ approved at any time)',
      asked: true,
      value: (f) => rate(f.deregistrationRate),
    },
    {
      label: `Transfers in from another agency ${inYear(r)}`,
      asked: false,
      value: (f) => (f.transfersIn === undefined ? '–' : n(f.transfersIn)),
    },
    ...serviceDecisions.map((code) => ({
      label: `Application ended by the service: ${r.labels[code]}`,
      asked: false,
      value: (f: Figures) => n(f.serviceDecisions[code]),
    })),
    { label: `Approved households ${stockDay(r)}`, asked: false, value: (f) => n(f.approvedAtYearEnd) },
    {
      label: `Households in assessment (the ${inAssessmentMeaning}) ${stockDay(r)}`,
      asked: false,
      value: (f) => n(f.inAssessmentAtYearEnd),
    },
  ];
}

/** Every figure of the Ofsted return, the route asked for beside family and friends; the CSV is the same cells. */
export function ofstedTable(r: OfstedReturn): ReportTable {
  const both = r.route !== 'family_and_friends';
  return {
    caption: r.finished
      ? `Ofsted fostering data collection, ${r.year.label}`
      : `Ofsted fostering data collection, ${r.year.label} so far (the year is not over: counts to ${formatDate(r.asOf)})`,
    textColumns: 3,
    head: [
      'Figure',
      'Code',
      'Ofsted asks for it',
      routeColumn[r.route],
      ...(both ? ['Family and friends'] : []),
    ],
    rows: rows(r).map((row) => [
      row.label,
      row.code ?? '',
      row.asked ? 'Yes' : 'No',
      row.value(r),
      ...(both ? [row.value(r.familyAndFriends)] : []),
    ]),
  };
}
