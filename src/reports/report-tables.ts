import { stageLabels } from '../pipeline/stages.ts';
import { formatPence } from '../shared/format.ts';
import { marketingChannels } from './attribution.ts';
import { MIN_WINDOW_DAYS, type CampaignImpactReport } from './campaign-impact.service.ts';
import { cohortStages, type ConversionReport } from './conversion.service.ts';
import type { ReportTable } from './report-table.ts';
import { monthLabel, n } from './funnel-table.ts';
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
