import { deregistrationReasons, stageLabels } from '../pipeline/stages.ts';
import { formatDate, formatPence } from '../shared/format.ts';
import { marketingChannels } from './attribution.ts';
import { MIN_WINDOW_DAYS, type CampaignImpactReport } from './campaign-impact.service.ts';
import { cohortStages, type ConversionReport } from './conversion.service.ts';
import type { ReportTable } from './report-table.ts';
import { monthLabel, n } from './funnel-table.ts';
import { inAssessmentMeaning } from './net-carers.service.ts';
import { serviceDecisions, withdrawalCodes, type OfstedReturn } from './ofsted.service.ts';
import type { TimeInStageReport } from './time-in-stage.service.ts';

/** Tables of the report pages, as display text: the page and its CSV show the same cells. */

export const pct = (value: number | null) => (value === null ? '–' : `${value}%`);
const days = (value: number | null) => (value === null ? '–' : n(value));

export const conversionFlowTable = (r: ConversionReport): ReportTable => ({
  caption: 'Households leaving each stage in the period',
  head: ['Step', 'Moved on', 'Closed', 'Moved on (%)'],
  rows: r.steps.map((s) => [s.label, n(s.onward), n(s.closed), pct(s.percent)]),
});

export const conversionCohortTable = (r: ConversionReport): ReportTable => ({
  caption: 'Households by the month they enquired, and the furthest stage they have reached so far',
  head: ['Month enquired', ...cohortStages.map((s) => stageLabels[s])],
  rows: [
    ...r.cohorts.map((c) => [monthLabel(c.month, true), ...cohortStages.map((s) => n(c.reached[s]))]),
    ['All months', ...cohortStages.map((s) => n(r.cohortTotal[s]))],
  ],
});

export const timeInStageTable = (r: TimeInStageReport): ReportTable => ({
  caption: 'Days spent at each stage, by households that left it in the period',
  head: ['Stage', 'Households', 'Median days', '90th percentile days'],
  rows: r.stages.map((s) => [s.label, n(s.count), days(s.medianDays), days(s.p90Days)]),
});

export function exitsTable(r: TimeInStageReport): ReportTable {
  const used = r.exitReasons.filter((reason) => r.exits.some((e) => e.byReason[reason.code]! > 0));
  return {
    caption: 'Households that stopped, by the stage they stopped at and why',
    head: ['Reason', ...r.exits.map((e) => e.label)],
    rows: [
      ...used.map((reason) => [reason.label, ...r.exits.map((e) => n(e.byReason[reason.code]!))]),
      ['All reasons', ...r.exits.map((e) => n(e.total))],
    ],
  };
}

type Window = CampaignImpactReport['campaigns'][number]['window'];
const lift = (w: Window) =>
  !w
    ? 'Not started'
    : w.tooSoon
      ? w.ended
        ? `Too short to compare: ran ${n(w.days)} ${w.days === 1 ? 'day' : 'days'}`
        : `Too soon: ${n(w.days)} of ${MIN_WINDOW_DAYS} days`
      : w.liftPercent === null
        ? 'No baseline'
        : `${w.liftPercent > 0 ? '+' : ''}${w.liftPercent}%`;
const rate = (w: Window) => (w && w.perWeek !== null ? String(w.perWeek) : '–');

/** Campaigns, most enquiries first. */
export const campaignLeagueTable = (
  campaigns: CampaignImpactReport['campaigns'],
  caption = 'Campaigns, most enquiries first',
): ReportTable => ({
  caption,
  textColumns: 2,
  head: [
    'Campaign',
    'Channel',
    'Cost (net of VAT)',
    'Enquiries',
    'Applications',
    'Approvals',
    'Cost per enquiry',
    'Cost per application',
    'Cost per approval',
    'Enquiries a week while running',
    'Enquiries a week in the 8 weeks before',
    'Change',
  ],
  rows: [...campaigns]
    .sort((a, b) => b.enquiries - a.enquiries || a.code.localeCompare(b.code))
    .map((c) => [
      `${c.name} (${c.code})`,
      marketingChannels[c.channel],
      formatPence(c.costPence),
      n(c.enquiries),
      n(c.applications),
      n(c.approvals),
      formatPence(c.costPerEnquiryPence),
      formatPence(c.costPerApplicationPence),
      formatPence(c.costPerApprovalPence),
      rate(c.window),
      c.window ? String(c.window.baselinePerWeek) : '–',
      lift(c.window),
    ]),
});

export const channelTable = (r: CampaignImpactReport): ReportTable => ({
  caption: 'Channels, counting each household by the campaign it came from or what it told us',
  head: [
    'Channel',
    'Cost (net of VAT)',
    'Enquiries',
    'Applications',
    'Approvals',
    'Cost per enquiry',
    'Cost per approval',
  ],
  rows: r.channels.map((c) => [
    c.label,
    formatPence(c.costPence),
    n(c.enquiries),
    n(c.applications),
    n(c.approvals),
    formatPence(c.costPerEnquiryPence),
    formatPence(c.costPerApprovalPence),
  ]),
});

/** "on 31 March 2026" for a finished year; "today, 30 November 2026" while it runs. */
const stockDay = (r: OfstedReturn) =>
  r.finished ? `on ${formatDate(r.asOf)}` : `today, ${formatDate(r.asOf)} (not yet the year end)`;

/** Every count of the Ofsted return, with withdrawal codes and their meaning. */
export function ofstedTable(r: OfstedReturn): ReportTable {
  const labels = r.labels as Record<string, string>;
  const withdrawals = r.withdrawals as Record<string, number>;
  const decisions = r.serviceDecisions as Record<string, number>;
  return {
    caption: r.finished
      ? `Ofsted fostering data collection, ${r.year.label}`
      : `Ofsted fostering data collection, ${r.year.label} so far (the year is not over: counts to ${formatDate(r.asOf)})`,
    textColumns: 2,
    head: ['Count', 'Code', 'Households'],
    rows: [
      ['Enquiries received', '', n(r.enquiries)],
      ['Applications received', '', n(r.applications)],
      ['Households approved (new to fostering)', '', n(r.approvals)],
      ['Transfers in from another agency', '', n(r.transfersIn)],
      ...withdrawalCodes.map((code) => [
        `Application withdrawn: ${labels[code]}`,
        code,
        n(withdrawals[code]!),
      ]),
      ['Applications withdrawn in total', '', n(r.withdrawals.total)],
      ...serviceDecisions.map((code) => [`Application ended: ${labels[code]}`, '', n(decisions[code]!)]),
      ['Applications ended by the service in total', '', n(r.serviceDecisions.total)],
      ...Object.entries(deregistrationReasons).map(([code, label]) => [
        `Carers who left: ${label}`,
        '',
        n(r.deregistrations.byReason[code as keyof typeof deregistrationReasons]),
      ]),
      ['Carers who left in total', '', n(r.deregistrations.total)],
      [`Approved households ${stockDay(r)}`, '', n(r.approvedAtYearEnd)],
      [
        `Households in assessment (the ${inAssessmentMeaning}) ${stockDay(r)}`,
        '',
        n(r.inAssessmentAtYearEnd),
      ],
    ],
  };
}
